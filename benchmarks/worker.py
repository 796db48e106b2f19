"""One benchmark measurement in a fresh process; ``run.py`` starts it and reads its JSON.

Modes (each prints one JSON object on its last stdout line):

``stages``  every pipeline stage called on its own through the public API, timed, with the
            process's peak RSS after each stage; plus the quality comparison with the baseline.
``plan``    ``plan_program`` end to end (workbooks and guide HTML for 4 weeks, all calendars,
            no PDFs), with its own stage callback timings.
``pdf``     the Typst PDFs of the next 4 weeks' sheets and guides (``render_pdfs``), with the
            median milliseconds per sheet and per guide.

A fresh process per measurement keeps ``ru_maxrss`` (a high-water mark that never goes down)
meaningful, and keeps one size's caches from flattering the next.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

WEEKS = 4
CLOSED_BEFORE, CLOSED_AFTER = 400, 1100  # the window update_schedule uses


def rss_peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class Recorder:
    """Wall time per named stage; optional tracemalloc peak (slows allocation-heavy code)."""

    def __init__(self, *, trace: bool = False) -> None:
        self.trace = trace
        self.stages: dict[str, dict[str, float]] = {}
        if trace:
            tracemalloc.start()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.trace:
            tracemalloc.reset_peak()
        start = time.perf_counter()
        yield
        entry = self.stages.setdefault(name, {"seconds": 0.0})
        entry["seconds"] = round(entry["seconds"] + time.perf_counter() - start, 4)
        entry["rss_peak_mb"] = rss_peak_mb()
        if self.trace:
            traced = tracemalloc.get_traced_memory()[1] / 2**20
            entry["traced_peak_mb"] = round(max(traced, entry.get("traced_peak_mb", 0.0)), 1)


class StageClock:
    """A ``stage=`` callback for ``plan_program``: time from each message to the next."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float]] = []

    def __call__(self, message: str) -> None:
        self.marks.append((message, time.perf_counter(), rss_peak_mb()))

    def durations(self, end: float) -> list[dict[str, object]]:
        ends = [t for _, t, _ in self.marks[1:]] + [end]
        return [{"stage": m, "seconds": round(e - t, 4), "rss_peak_mb": r}
                for (m, t, r), e in zip(self.marks, ends, strict=True)]


def load(folder: Path, db: Path):
    from groupwcc.api.context import load_program

    db.unlink(missing_ok=True)
    return load_program(folder / "groupwcc.yaml", db=str(db))


def moments(today: date, tz: str) -> datetime:
    return datetime.combine(today, datetime.min.time().replace(hour=8), ZoneInfo(tz))


def run_stages(folder: Path, today: date, *, trace: bool) -> dict[str, object]:
    """Each stage on its own, in pipeline order; then the quality comparison."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.api.outputs import OutputSet, write_outputs
    from groupwcc.api.roster import read_program_roster

    rec = Recorder(trace=trace)
    with rec.stage("setup (config, reference, curricula, closures)"):
        program = load(folder, folder / "stages.db")
        config = program.config
        program.reference, program.curricula  # noqa: B018  (load them now, as plan does)
        closed = closed_days_by_site(config, today - timedelta(days=CLOSED_BEFORE),
                                     today + timedelta(days=CLOSED_AFTER))
    with rec.stage("read"):
        infants = read_program_roster(program, folder / "roster.csv", today=today)
    cohort_plan = _form(rec, program, infants, today)
    schedule = _schedule(rec, program, cohort_plan, infants, closed, today)
    now = moments(today, config.timezone)
    state = _save(rec, program, infants, cohort_plan, schedule, now)
    outputs = OutputSet()
    soon = _render(rec, program, state, outputs, today, now)
    with rec.stage("files write"):
        write_outputs(folder / "out-stages", outputs)
    quality = measure_quality(program, infants, cohort_plan, schedule, today)
    return {"stages": rec.stages, "rss_peak_mb": rss_peak_mb(), "infants": len(infants),
            "cohorts": len(cohort_plan.cohorts), "sessions": len(schedule.sessions),
            "sessions_next_4_weeks": len(soon), "files": len(outputs), "quality": quality}


def _form(rec: Recorder, program, infants, today: date):
    from groupwcc.api.cohorts import first_window_end
    from groupwcc.core.cohorts import form_cohorts

    with rec.stage("cohorts"):
        return form_cohorts(infants, [], program.config.cohorts, today=today,
                            open_cohorts=(), slots=program.config.slots,
                            start_within=first_window_end(program))


def _schedule(rec: Recorder, program, cohort_plan, infants, closed, today: date):
    from groupwcc.core.scheduling import schedule_sessions

    config = program.config
    with rec.stage("schedule"):
        return schedule_sessions(
            cohort_plan.cohorts, {i.infant_id: i for i in infants}, program.reference,
            visits=config.visits, slots={s.slot_id: s for s in config.slots},
            closed_days=closed, timezone=config.timezone, today=today, existing=(),
            session_minutes=config.session_minutes)


def _save(rec: Recorder, program, infants, cohort_plan, schedule, now: datetime):
    from groupwcc.api.state import load_state
    from groupwcc.store import repo

    with rec.stage("database write"), program.store.transaction() as conn:
        repo.save_roster(conn, infants, now=now)
        repo.save_cohort_plan(conn, cohort_plan)
        repo.save_sessions(conn, schedule.sessions)
        repo.replace_flags(conn, schedule.flags)
    with rec.stage("database read (load_state)"), program.store.transaction() as conn:
        return load_state(conn)


def _render(rec: Recorder, program, state, outputs, today: date, now: datetime):
    from groupwcc.api import render as exports
    from groupwcc.api.calendars import export_calendar_files

    soon = exports.sessions_window(state, *exports.upcoming(today, WEEKS))
    with rec.stage("tables (csv)"):
        exports.render_tables(state, outputs)
    with rec.stage("ics"), program.store.transaction() as conn:
        _merge(outputs, export_calendar_files(program, conn, state, now=now).outputs)
    with rec.stage("agendas"):
        agendas = exports.agendas_for(program, state, soon)
    with rec.stage("sheets (xlsx, csv)"):
        _merge(outputs, exports.sheet_files(program, state, soon, agendas, pdf=False))
    with rec.stage("guides (html)"):
        _merge(outputs, exports.guide_files(program, state, soon, agendas, pdf=False))
    return soon


def _merge(into, other) -> None:
    into.files.update(other.files)
    into.shareable.update(other.shareable)


def measure_quality(program, infants, cohort_plan, schedule, today: date) -> dict[str, object]:
    """groupwcc against birth-month cohorts meeting at the median infant's nominal age."""
    from baseline import count_on_time, form_birth_month_cohorts, schedule_birth_month_baseline

    config, reference = program.config, program.reference
    by_id = {i.infant_id: i for i in infants}
    start = time.perf_counter()
    base_cohorts = form_birth_month_cohorts(infants, config.cohorts)
    base_plan = schedule_birth_month_baseline(
        _cohorts_of(base_cohorts), by_id, reference, visits=config.visits,
        slots={s.slot_id: s for s in config.slots}, timezone=config.timezone, today=today)
    baseline_seconds = time.perf_counter() - start
    ours = _summary(cohort_plan.cohorts, by_id, count_on_time(
        schedule, cohort_plan.cohorts, by_id, reference))
    base = _summary(_cohorts_of(base_cohorts), by_id, count_on_time(
        base_plan, _cohorts_of(base_cohorts), by_id, reference))
    return {"groupwcc": ours, "baseline": base | {"seconds": round(baseline_seconds, 4)}}


def _cohorts_of(result):
    """``form_birth_month_cohorts`` may return a CohortPlan or a plain sequence of cohorts."""
    return tuple(getattr(result, "cohorts", result))


def _summary(cohorts, by_id, counts) -> dict[str, object]:
    used = [c for c in cohorts if c.infant_ids]
    spreads = [_spread(c, by_id) for c in used]
    return {"cohorts_used": len(used),
            "infants_placed": sum(len(c.infant_ids) for c in used),
            "mean_spread_days": round(sum(spreads) / len(spreads), 2) if spreads else None,
            **{k: counts[k] for k in ("infant_visits", "on_time_no_flag", "below_min_age")}}


def _spread(cohort, by_id) -> int:
    births = [by_id[i].date_of_birth for i in cohort.infant_ids if i in by_id]
    return (max(births) - min(births)).days if births else 0


def run_plan(folder: Path, today: date) -> dict[str, object]:
    """``plan_program`` as ``groupwcc plan`` calls it, HTML only."""
    from groupwcc.api.plan import plan_program

    clock = StageClock()
    start = time.perf_counter()
    program = load(folder, folder / "plan.db")
    now = moments(today, program.config.timezone)
    clock("load program")
    result = plan_program(program, folder / "roster.csv", out_dir=folder / "out-plan",
                          today=today, now=now, weeks=WEEKS, pdf=False, stage=clock)
    end = time.perf_counter()
    return {"seconds": round(end - start, 4), "rss_peak_mb": rss_peak_mb(),
            "stages": clock.durations(end), "files": len(result.written),
            "cohorts": len(result.cohorts.cohorts), "sessions": len(result.schedule.sessions)}


def run_pdf(folder: Path, today: date) -> dict[str, object]:
    """The next 4 weeks' sheet and guide PDFs (Typst), from the data ``plan`` renders."""
    from groupwcc.api import render as exports
    from groupwcc.exporters.guides import guide_job
    from groupwcc.exporters.pdf import render_pdfs, shutdown_workers
    from groupwcc.exporters.sheets import sheet_job

    program = load(folder, folder / "pdf.db")
    _, state = _prepare_state(program, folder, today)
    soon = exports.sessions_window(state, *exports.upcoming(today, WEEKS))
    agendas = exports.agendas_for(program, state, soon)
    sheets, guides = [], []
    for session, agenda in zip(soon, agendas, strict=True):
        cohort = state.cohort(session.cohort_id)
        members = state.active_members(session.cohort_id)
        sheets.append(sheet_job(session, agenda, members, config=program.config, cohort=cohort,
                                visit_label=agenda.visit_label))
        guides.append(guide_job(agenda, session, config=program.config, cohort=cohort))
    render_pdfs(sheets[:1], program.templates_dir)  # compile the templates' imports once
    sheet_ms = _timed_each(sheets[:SAMPLE], program.templates_dir)
    guide_ms = _timed_each(guides[:SAMPLE], program.templates_dir)
    start = time.perf_counter()
    pdfs = render_pdfs(sheets + guides, program.templates_dir, processes=None)
    seconds = time.perf_counter() - start
    shutdown_workers()  # the pool is kept for later batches: end it so its peak RSS counts
    return {"seconds": round(seconds, 4), "pdfs": len(pdfs), "bytes": sum(map(len, pdfs)),
            "median_ms_sheet": _median(sheet_ms), "median_ms_guide": _median(guide_ms),
            "rss_peak_mb": rss_peak_mb(),
            "children_rss_peak_mb": rss_peak_mb(resource.RUSAGE_CHILDREN)}


SAMPLE = 60  # documents of each kind timed one by one for the medians


def _timed_each(jobs, templates_dir) -> list[float]:
    """Milliseconds per document, each rendered on its own in this process."""
    from groupwcc.exporters.pdf import render_pdfs

    times = []
    for job in jobs:
        start = time.perf_counter()
        render_pdfs([job], templates_dir, processes=1)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _median(values: list[float]) -> float | None:
    import statistics

    return round(statistics.median(values), 2) if values else None


def _prepare_state(program, folder: Path, today: date):
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.api.roster import read_program_roster

    rec = Recorder()
    closed = closed_days_by_site(program.config, today - timedelta(days=CLOSED_BEFORE),
                                 today + timedelta(days=CLOSED_AFTER))
    infants = read_program_roster(program, folder / "roster.csv", today=today)
    cohort_plan = _form(rec, program, infants, today)
    schedule = _schedule(rec, program, cohort_plan, infants, closed, today)
    now = moments(today, program.config.timezone)
    return rec, _save(rec, program, infants, cohort_plan, schedule, now)


MODES = {"stages": run_stages, "plan": run_plan, "pdf": run_pdf}


def main() -> None:
    parser = argparse.ArgumentParser(description="one benchmark measurement (see run.py)")
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("folder", type=Path, help="folder with roster.csv and groupwcc.yaml")
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="stages mode: also record tracemalloc peaks (slower timings)")
    args = parser.parse_args()
    if args.mode == "stages":
        result = run_stages(args.folder, args.today, trace=args.tracemalloc)
    else:
        result = MODES[args.mode](args.folder, args.today)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
