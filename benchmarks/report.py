"""Targets and the markdown report of a benchmark run (see ``run.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
MARK = {"pass": "✅ pass", "fail": "❌ FAIL", "error": "⚠️ error", "skipped": "– not run"}

Result = dict[str, object]


def _size(results: Result, n: int) -> Result | None:
    for entry in results["sizes"]:
        if entry["n"] == n:
            return entry
    return None


def _part(results: Result, n: int, key: str) -> Result | None:
    """A worker's result for size ``n``: None if not run, ``{'error': …}`` if it failed."""
    entry = _size(results, n)
    return None if entry is None else entry.get(key)


def _target(name: str, part: Result | None, value: Callable[[Result], float], limit: float,
            unit: str) -> Result:
    if part is None:
        return {"name": name, "status": "skipped", "value": None, "limit": limit, "unit": unit}
    if "error" in part:
        return {"name": name, "status": "error", "value": None, "limit": limit, "unit": unit}
    measured = value(part)
    return {"name": name, "status": "pass" if measured <= limit else "fail",
            "value": measured, "limit": limit, "unit": unit}


def evaluate_targets(results: Result) -> list[Result]:
    """The issue's targets, each ``pass``/``fail``/``error``/``skipped`` with its figure."""
    cold = results["cold_start"]
    targets = [_target("`groupwcc --help` ≤ 1.3 × `import typer`", cold,
                       lambda c: c["ratio"], 1.3, "×")]
    targets.append(_target("5,000 infants: full plan ≤ 4 s", _part(results, 5000, "plan"),
                           lambda p: p["seconds"], 4.0, "s"))
    targets.append(_scaling(results))
    targets.append(_target("5,000 infants: full plan peak memory ≤ 500 MB",
                           _part(results, 5000, "plan"), lambda p: p["rss_peak_mb"], 500.0,
                           "MB"))
    targets.append(_target("20,000 infants: full plan ≤ 20 s", _part(results, 20000, "plan"),
                           lambda p: p["seconds"], 20.0, "s"))
    targets.append(_target("5,000 infants: PDFs for 4 weeks ≤ 10 s",
                           _part(results, 5000, "pdf"), lambda p: p["seconds"], 10.0, "s"))
    targets.append(_target("`make demo`'s plan with PDFs ≤ 1.5 × with `--no-pdf`",
                           results.get("demo_plan"), lambda d: d["ratio"], 1.5, "×"))
    for kind in ("sheet", "guide"):
        targets.append(_target(f"Median PDF per {kind} ≤ 50 ms", _part(results, 5000, "pdf"),
                               lambda p, k=kind: p[f"median_ms_{k}"], 50.0, "ms"))
    targets.extend(_quality_targets(results))
    return targets


def _scaling(results: Result) -> Result:
    """The 5,000-infant plan takes at most 12 times the 500-infant one (near-linear growth)."""
    small, large = _part(results, 500, "plan"), _part(results, 5000, "plan")
    name = "5,000-infant plan ≤ 12 × the 500-infant plan"
    if small is None or large is None or "error" in small:
        return _target(name, None if small is None or large is None else small,
                       lambda p: 0.0, 12.0, "×")
    return _target(name, large, lambda p: p["seconds"] / small["seconds"], 12.0, "×")


def _quality_targets(results: Result) -> Iterable[Result]:
    for entry in results["sizes"]:
        n, stages = entry["n"], entry["stages"]
        quality = None if "error" in stages else stages.get("quality")
        name = f"N={n:,}: places ≥ baseline infants with ≤ baseline cohorts"
        yield _compare(name, quality, _beats_baseline, _placed_and_cohorts)
        yield _compare(f"N={n:,}: zero infant-visits below a vaccine minimum age", quality,
                       lambda q: q["groupwcc"]["below_min_age"] == 0,
                       lambda q: f"{q['groupwcc']['below_min_age']} "
                                 f"(baseline {q['baseline']['below_min_age']})")


def _compare(name: str, quality: Result | None, check: Callable[[Result], bool],
             describe: Callable[[Result], str]) -> Result:
    if quality is None:
        return {"name": name, "status": "error", "value": None, "limit": None, "unit": ""}
    return {"name": name, "status": "pass" if check(quality) else "fail",
            "value": describe(quality), "limit": None, "unit": ""}


def _placed_and_cohorts(quality: Result) -> str:
    ours, base = quality["groupwcc"], quality["baseline"]
    return (f"{ours['infants_placed']:,} placed in {ours['cohorts_used']:,} cohorts "
            f"(baseline {base['infants_placed']:,} in {base['cohorts_used']:,})")


def _beats_baseline(quality: Result) -> bool:
    ours, base = quality["groupwcc"], quality["baseline"]
    return (ours["infants_placed"] >= base["infants_placed"]
            and ours["cohorts_used"] <= base["cohorts_used"])


def render_markdown(results: Result) -> str:
    """The whole report as markdown: targets, end-to-end, stages, PDFs, cold start, quality."""
    parts = [_header(results), _targets_table(results), _plan_table(results),
             _stages_table(results), _pdf_table(results), _demo_table(results),
             _cold_table(results),
             _quality_table(results), _errors(results)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _header(results: Result) -> str:
    m = results["machine"]
    pk = m["packages"]
    return (f"Run {results['date']} · `{results['command']}` · commit {m['commit']} · "
            f"{m['cpu_count']} CPUs ({m['processor']}) · Python {m['python']} · "
            f"icalendar {pk['icalendar']} · pandas {pk['pandas']} · holidays {pk['holidays']} · "
            f"seed {results['seed']} · today {results['today']}")


def _table(head: list[str], rows: Iterable[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _targets_table(results: Result) -> str:
    rows = [[t["name"], _fmt_value(t), MARK[t["status"]]]
            for t in results["targets"]]
    return "### Targets\n\n" + _table(["Target", "Measured", "Result"], rows)


def _fmt_value(target: Result) -> str:
    value = target["value"]
    if value is None:
        return "–"
    if target["unit"] == "MB":
        return f"{value:.0f} MB"
    if isinstance(value, float):
        return f"{value:.2f} {target['unit']}".replace(" ×", "×")
    return str(value)


def _plan_table(results: Result) -> str:
    rows = []
    for entry in results["sizes"]:
        plan = entry["plan"]
        if "error" in plan:
            rows.append([f"{entry['n']:,}", "error", "", "", "", "", ""])
            continue
        rows.append([f"{entry['n']:,}", f"{plan['seconds']:.2f}",
                     f"{plan['process_seconds']:.2f}", f"{plan['rss_peak_mb']:.0f}",
                     plan["cohorts"], plan["sessions"], plan["files"]])
    head = ["Infants", "plan_program (s)", "process incl. start-up (s)", "peak RSS (MB)",
            "cohorts", "sessions", "files"]
    return ("### End to end: `plan_program` (HTML sheets and guides for 4 weeks, all "
            "calendars)\n\n" + _table(head, rows))


def _stages_table(results: Result) -> str:
    sizes = [e for e in results["sizes"] if "error" not in e["stages"]]
    if not sizes:
        return ""
    names = list(dict.fromkeys(s for e in sizes for s in e["stages"]["stages"]))
    rows = []
    for name in names:
        cells = []
        for entry in sizes:
            stage = entry["stages"]["stages"].get(name)
            cells.append(f"{stage['seconds']:.3f} s · {stage['rss_peak_mb']:.0f} MB"
                         if stage else "–")
        rows.append([name, *cells])
    totals = [sum(s["seconds"] for s in e["stages"]["stages"].values()) for e in sizes]
    rows.append(["**total of stages**", *[f"**{t:.3f} s** · {e['stages']['rss_peak_mb']:.0f} MB"
                                          for t, e in zip(totals, sizes, strict=True)]])
    head = ["Stage (wall · peak RSS so far)", *[f"N = {e['n']:,}" for e in sizes]]
    return "### Stages, each called on its own\n\n" + _table(head, rows) + _traced(results)


def _traced(results: Result) -> str:
    sizes = [e for e in results["sizes"]
             if "stages_traced" in e and "error" not in e["stages_traced"]]
    if not sizes:
        return ""
    names = list(sizes[0]["stages_traced"]["stages"])
    rows = [[name, *[f"{e['stages_traced']['stages'][name].get('traced_peak_mb', 0):.1f}"
                     for e in sizes]] for name in names]
    head = ["Stage: tracemalloc peak (MB)", *[f"N = {e['n']:,}" for e in sizes]]
    return "\n\n" + _table(head, rows)


def _pdf_table(results: Result) -> str:
    rows = []
    for entry in results["sizes"]:
        pdf = entry.get("pdf")
        if pdf is None:
            continue
        if "error" in pdf:
            rows.append([f"{entry['n']:,}", "error", "", "", "", "", ""])
            continue
        rows.append([f"{entry['n']:,}", pdf["pdfs"], f"{pdf['seconds']:.2f}",
                     pdf.get("median_ms_sheet", "–"), pdf.get("median_ms_guide", "–"),
                     f"{pdf['bytes'] / 2**20:.1f}", f"{pdf['children_rss_peak_mb']:.0f}"])
    if not rows:
        return ""
    head = ["Infants", "PDFs (sheets + guides, 4 weeks)", "render_pdfs (s)",
            "median ms per sheet", "median ms per guide", "total size (MiB)",
            "largest worker RSS (MB)"]
    return "### PDF\n\n" + _table(head, rows)


def _demo_table(results: Result) -> str:
    d = results.get("demo_plan")
    if d is None or "error" in d:
        return ""
    rows = [["`groupwcc plan` (sheets and guides as PDF and HTML)", f"{d['pdf_seconds']:.2f}"],
            ["`groupwcc plan --no-pdf`", f"{d['no_pdf_seconds']:.2f}"],
            ["ratio", f"{d['ratio']:.2f}×"]]
    return (f"### `make demo`'s plan step on `examples/` (median of {d['runs']} runs each, "
            "interleaved, each on a new database)\n\n" + _table(["Command", "s"], rows))


def _cold_table(results: Result) -> str:
    c = results["cold_start"]
    rows = [["`groupwcc --help`", f"{c['help_seconds'] * 1000:.0f}"],
            ["`python -c 'import typer'`", f"{c['typer_seconds'] * 1000:.0f}"],
            ["ratio", f"{c['ratio']:.2f}×"]]
    return (f"### CLI cold start (median of {c['runs']} runs each, interleaved)\n\n"
            + _table(["Command", "ms"], rows))


def _quality_table(results: Result) -> str:
    rows = []
    for entry in results["sizes"]:
        stages = entry["stages"]
        if "error" in stages:
            continue
        for who in ("groupwcc", "baseline"):
            q = stages["quality"][who]
            rows.append([f"{entry['n']:,}", who, q["cohorts_used"], q["infants_placed"],
                         q["mean_spread_days"], q["infant_visits"], q["on_time_no_flag"],
                         q["below_min_age"]])
    if not rows:
        return ""
    head = ["Infants", "Plan", "cohorts used", "infants placed", "mean birth-date spread (d)",
            "infant-visits", "on time, no flag", "below a vaccine minimum age"]
    return ("### Quality against the birth-month baseline\n\nBaseline: cohorts by calendar "
            "birth month (`form_birth_month_cohorts`) meeting on the slot nearest the median "
            "infant's nominal age (`schedule_birth_month_baseline`).\n\n" + _table(head, rows))


def _errors(results: Result) -> str:
    lines = []
    for entry in results["sizes"]:
        for key in ("stages", "plan", "pdf", "stages_traced"):
            part = entry.get(key)
            if isinstance(part, dict) and "error" in part:
                lines.append(f"- N={entry['n']:,} `{key}`:\n\n```\n{part['error']}\n```")
    demo = results.get("demo_plan")
    if isinstance(demo, dict) and "error" in demo:
        lines.append(f"- `make demo`'s plan:\n\n```\n{demo['error']}\n```")
    return "### Errors\n\n" + "\n".join(lines) if lines else ""


def update_docs(path: Path, markdown: str) -> None:
    """Replace the text between the bench markers of ``path`` (leave the file if absent)."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if pattern.search(text):
        block = f"{START}\n{markdown.strip()}\n{END}"
        path.write_text(pattern.sub(lambda _: block, text, count=1), encoding="utf-8")
