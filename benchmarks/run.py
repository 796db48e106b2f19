"""``make bench``: synthetic state-scale rosters through the whole pipeline.

For each size N it generates a seeded synthetic program (``generate.py``) and measures, each
in a fresh subprocess (``worker.py``): every stage on its own, ``plan_program`` end to end,
and (for N = 5,000 by default) the 4-week PDFs. It also times the CLI's cold start and
compares groupwcc's cohorts and schedule with a birth-month baseline.

Results go to ``benchmarks/results/latest.{json,md}`` and the marked section of
``docs/performance.md``. Targets are printed with pass/fail marks; only ``--check`` turns a
missed target into exit status 1.

    .venv/bin/python benchmarks/run.py                      # the full benchmark
    .venv/bin/python benchmarks/run.py --quick              # N = 500, nothing written
    .venv/bin/python benchmarks/run.py --sizes 5000 --pdf --check
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import SEED, TODAY, write_program  # noqa: E402
from report import evaluate_targets, render_markdown, update_docs  # noqa: E402

SIZES = (500, 5000, 20000)
PDF_SIZES = (5000,)
COLD_RUNS = 10
WORKER_TIMEOUT = 1800
PACKAGES = ("groupwcc", "icalendar", "pandas", "holidays", "pydantic", "sqlalchemy", "jinja2",
            "typst", "typer")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="groupwcc benchmark (see benchmarks/README.md)")
    parser.add_argument("--sizes", type=_sizes, default=None,
                        help="comma-separated roster sizes (default 500,5000,20000)")
    parser.add_argument("--quick", action="store_true",
                        help="N = 500 only, 5 cold-start runs, no PDF; writes nothing "
                             "unless --write")
    parser.add_argument("--pdf", dest="pdf", action="store_const", const="all",
                        help="render the 4-week PDFs for every size (default: N = 5,000 only)")
    parser.add_argument("--no-pdf", dest="pdf", action="store_const", const="none")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="one more stages run per size with tracemalloc peaks per stage")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--write", dest="write", action="store_true", default=None,
                        help="write results/latest.* and docs/performance.md (default unless "
                             "--quick)")
    parser.add_argument("--no-write", dest="write", action="store_false")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    parser.add_argument("--cold-runs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate into this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ((500,) if args.quick else SIZES)
    args.pdf = args.pdf or ("none" if args.quick else "default")
    args.write = (not args.quick) if args.write is None else args.write
    args.cold_runs = args.cold_runs or (5 if args.quick else COLD_RUNS)
    return args


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def wants_pdf(args: argparse.Namespace, n: int) -> bool:
    return args.pdf == "all" or (args.pdf == "default" and n in PDF_SIZES)


def machine_info() -> dict[str, object]:
    """What the figures depend on: hardware, Python, library versions, commit."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpu_count": os.cpu_count(), "machine": platform.machine(),
            "processor": _cpu_model(), "system": platform.platform(),
            "python": platform.python_version(), "packages": versions, "commit": _commit()}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                             capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def cold_start(runs: int) -> dict[str, object]:
    """Median wall time of ``groupwcc --help`` and ``python -c 'import typer'``, interleaved."""
    bindir = Path(sys.executable).parent
    times = _interleaved(runs, {
        "groupwcc --help": lambda _: [str(bindir / "groupwcc"), "--help"],
        "python -c 'import typer'": lambda _: [sys.executable, "-c", "import typer"]})
    help_s, typer_s = (statistics.median(times[k])
                       for k in ("groupwcc --help", "python -c 'import typer'"))
    return {"runs": runs, "help_seconds": round(help_s, 4), "typer_seconds": round(typer_s, 4),
            "ratio": round(help_s / typer_s, 3), "all_seconds": times}


DEMO_RUNS = 3


def demo_plan(runs: int, today: date) -> dict[str, object]:
    """``make demo``'s plan step (the example program, 4 weeks of documents) with PDFs and with
    ``--no-pdf``: median wall time of ``runs`` interleaved runs each, every run on a new
    database and output folder."""
    bindir = Path(sys.executable).parent
    examples = ROOT / "examples"
    with tempfile.TemporaryDirectory(prefix="groupwcc-demo-") as tmp:
        def plan(name: str, *extra: str) -> Callable[[int], list[str]]:
            def command(run_number: int) -> list[str]:
                folder = Path(tmp) / f"{name}-{run_number}"
                return [str(bindir / "groupwcc"), "plan", str(examples / "roster.csv"),
                        "--config", str(examples / "groupwcc.yaml"),
                        "--db", str(folder / "groupwcc.db"), "--out", str(folder / "out"),
                        "--today", today.isoformat(), *extra]
            return command

        times = _interleaved(runs, {"pdf": plan("pdf"), "no_pdf": plan("no_pdf", "--no-pdf")})
    pdf_s, plain_s = (statistics.median(times[k]) for k in ("pdf", "no_pdf"))
    return {"runs": runs, "pdf_seconds": round(pdf_s, 4), "no_pdf_seconds": round(plain_s, 4),
            "ratio": round(pdf_s / plain_s, 3), "all_seconds": times}


def _interleaved(runs: int, commands: dict[str, Callable[[int], list[str]]]
                 ) -> dict[str, list[float]]:
    """Seconds of each command (given the run's number), run in turn ``runs`` times after one
    warm-up round that is not kept (it fills the page cache)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run_number in range(runs + 1):
        for name, command in commands.items():
            seconds = _time_command(command(run_number))
            if run_number:
                times[name].append(round(seconds, 4))
    return times


def _time_command(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def run_worker(mode: str, folder: Path, today: date, *extra: str) -> dict[str, object]:
    """Run ``worker.py MODE`` in a fresh interpreter; its last stdout line is JSON."""
    command = [sys.executable, str(HERE / "worker.py"), mode, str(folder),
               "--today", today.isoformat(), *extra]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {WORKER_TIMEOUT} s"}
    wall = round(time.perf_counter() - start, 4)
    if done.returncode != 0:
        return {"error": _last_lines(done.stderr), "process_seconds": wall}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    return result


def _last_lines(text: str, count: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def bench_size(n: int, args: argparse.Namespace, base: Path) -> dict[str, object]:
    folder = base / f"n{n}"
    start = time.perf_counter()
    write_program(folder, n, seed=args.seed, today=args.today)
    result: dict[str, object] = {"n": n, "generate_seconds": round(time.perf_counter() - start, 4)}
    _say(f"N={n}: stages")
    result["stages"] = run_worker("stages", folder, args.today)
    _say(f"N={n}: plan_program")
    result["plan"] = run_worker("plan", folder, args.today)
    if wants_pdf(args, n):
        _say(f"N={n}: PDFs")
        result["pdf"] = run_worker("pdf", folder, args.today)
    if args.tracemalloc:
        _say(f"N={n}: stages with tracemalloc")
        result["stages_traced"] = run_worker("stages", folder, args.today, "--tracemalloc")
    for key in ("stages", "plan", "pdf", "stages_traced"):
        if isinstance(result.get(key), dict) and "error" in result[key]:
            _say(f"N={n}: {key} failed:\n{result[key]['error']}")
    return result


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> dict[str, object]:
    results: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["benchmarks/run.py", *sys.argv[1:]]),
        "seed": args.seed, "today": args.today.isoformat(), "machine": machine_info()}
    _say(f"cold start ({args.cold_runs} runs each)")
    results["cold_start"] = cold_start(args.cold_runs)
    if args.pdf != "none":
        _say(f"make demo's plan with and without PDFs ({DEMO_RUNS} runs each)")
        try:
            results["demo_plan"] = demo_plan(DEMO_RUNS, args.today)
        except subprocess.CalledProcessError as exc:
            results["demo_plan"] = {"error": f"{' '.join(exc.cmd[1:2])} exited {exc.returncode}"}
    with tempfile.TemporaryDirectory(prefix="groupwcc-bench-") as tmp:
        base = args.keep or Path(tmp)
        results["sizes"] = [bench_size(n, args, base) for n in args.sizes]
    results["targets"] = evaluate_targets(results)
    return results


def write_results(results: dict[str, object], markdown: str) -> None:
    """Replace the committed results, each file atomically (a temp file renamed over it)."""
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    _replace(out / "latest.json", json.dumps(results, indent=2) + "\n")
    _replace(out / "latest.md", markdown)
    update_docs(ROOT / "docs" / "performance.md", markdown)


def _replace(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def incomplete(results: dict[str, object]) -> list[str]:
    """Targets whose measurement failed or did not run: such a run must not replace the last
    good table."""
    return [t["name"] for t in results["targets"]  # type: ignore[attr-defined]
            if t["status"] in ("error", "skipped")]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    markdown = render_markdown(results)
    print(markdown)
    if args.write and incomplete(results):
        _say("not written: these measurements failed or did not run, so the last good table "
             "stays: " + "; ".join(incomplete(results)))
        return 1
    if args.write:
        write_results(results, markdown)
        _say("wrote benchmarks/results/latest.json, latest.md and docs/performance.md")
    missed = [t["name"] for t in results["targets"] if t["status"] != "pass"]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
