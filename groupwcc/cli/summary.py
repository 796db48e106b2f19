"""Printing results: progress for long work and the summary after ``plan``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.cli.common import console

if TYPE_CHECKING:
    from groupwcc.api.plan import PlanResult
    from groupwcc.models import Session


@contextmanager
def stage_progress() -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage (quiet when not a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=console(stderr=True), transient=True)
    with progress:
        task = progress.add_task("starting", total=None)

        def stage(name: str) -> None:
            progress.update(task, description=name)

        yield stage


def print_plan_summary(result: PlanResult, out: Path, *, today: date) -> None:
    from rich.table import Table

    out_console = console()
    counts = result.counts
    out_console.print(
        f"Roster: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
        f"{counts.deactivated} marked inactive.")
    table = Table("cohort", "site", "lang", "infants", "next session", title="Cohorts")
    upcoming: dict[str, Session] = {}  # cohort id → its next session (one pass, not per cohort)
    for s in result.schedule.sessions:
        if s.day >= today and s.status != "cancelled":
            known = upcoming.get(s.cohort_id)
            if known is None or s.start < known.start:
                upcoming[s.cohort_id] = s
    for cohort in result.cohorts.cohorts:
        nxt = upcoming.get(cohort.cohort_id)
        when = f"{nxt.start:%a %Y-%m-%d %H:%M} ({nxt.visit})" if nxt else "–"
        table.add_row(cohort.cohort_id, cohort.site, cohort.language,
                      str(len(cohort.infant_ids)), when)
    out_console.print(table)
    _print_unplaced(result)
    soon = result.sessions_between(today, today + timedelta(days=27))
    out_console.print(f"{len(result.schedule.sessions)} sessions scheduled, {len(soon)} in the "
                      f"next 4 weeks; {len(result.schedule.flags)} flags (see flags.csv).")
    out_console.print(f"Wrote {len(result.written)} files to {out}/")


def _print_unplaced(result: PlanResult) -> None:
    unplaced = result.cohorts.unplaced
    if not unplaced:
        return
    by_status: dict[str, int] = {}
    for item in unplaced:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    parts = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
    console().print(f"Not in a cohort: {parts} (reasons in cohorts.csv; "
                    "'groupwcc cohorts explain INFANT').")
