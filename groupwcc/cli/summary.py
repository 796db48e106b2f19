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


SITE_SUMMARY_FROM = 30  # cohorts: more than this and the summary is per site (cohorts.csv has all)


def print_plan_summary(result: PlanResult, out: Path, *, today: date, weeks: int = 4,
                       short: dict[str, int] | None = None,
                       expecting: list[str] | None = None) -> None:
    """Roster counts, cohorts (per site for a large program), sessions and flags; ``short`` is
    site → sessions left without a date for lack of slots; ``expecting`` the forming-list
    lines of expectant families."""
    out_console = console()
    counts = result.counts
    out_console.print(
        f"Roster: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
        f"{counts.deactivated} marked inactive.")
    if counts.other_sites:
        out_console.print(f"{counts.other_sites} roster rows are for sites this database login "
                          "may not use; they were left to those sites' coordinators.")
    if len(result.cohorts.cohorts) > SITE_SUMMARY_FROM:
        _print_sites(result, today, weeks)
    else:
        _print_cohorts(result, today)
    _print_unplaced(result)
    if expecting:
        out_console.print("Expecting: " + "; ".join(expecting) + ".")
    soon = result.sessions_between(today, today + timedelta(days=7 * weeks - 1))
    out_console.print(f"{len(result.schedule.sessions)} sessions scheduled, {len(soon)} in the "
                      f"next {_weeks(weeks)}; {len(result.schedule.flags)} flags "
                      "(see flags.csv).")
    if short:
        where = ", ".join(f"{site} {n}" for site, n in short.items())
        out_console.print(f"Not enough slots: {sum(short.values())} sessions got no "
                          f"date because every slot day in their window was taken ({where}). "
                          "Run 'groupwcc capacity' to see which weekly slots to add. The other "
                          "flags are infants whose own window does not fit their group's date.")
    out_console.print(f"Wrote {len(result.written)} files to {out}/")
    say_removed(result.removed)


def say_removed(removed: list[Path]) -> None:
    """Tell which earlier files of cancelled sessions were removed (they are not an error)."""
    if removed:
        names = ", ".join(f"{p.parent.name}/{p.name}" for p in removed[:6])
        more = f" and {len(removed) - 6} more" if len(removed) > 6 else ""
        files = "file" if len(removed) == 1 else "files"
        console().print(f"Removed {len(removed)} earlier {files} of cancelled sessions, so "
                        f"they cannot be printed by mistake: {names}{more}.")


def _next_session(result: PlanResult, cohort_ids: set[str], today: date) -> str:
    upcoming = [s for s in result.schedule.sessions if s.cohort_id in cohort_ids
                and s.day >= today and s.status != "cancelled"]
    nxt = min(upcoming, key=lambda s: s.start) if upcoming else None
    return f"{nxt.start:%a %Y-%m-%d %H:%M} ({nxt.visit})" if nxt else "–"


def _weeks(weeks: int) -> str:
    return "week" if weeks == 1 else f"{weeks} weeks"


def _print_sites(result: PlanResult, today: date, weeks: int) -> None:
    """One row per site: cohorts, infants, sessions in the next weeks, the next session."""
    from rich.table import Table

    table = Table("site", "cohorts", "infants", f"next {_weeks(weeks)}", "next session",
                  title="Sites (every cohort is in cohorts.csv)")
    soon = result.sessions_between(today, today + timedelta(days=7 * weeks - 1))
    for site in sorted({c.site for c in result.cohorts.cohorts}):
        mine = [c for c in result.cohorts.cohorts if c.site == site]
        ids = {c.cohort_id for c in mine}
        table.add_row(site, str(len(mine)), str(sum(len(c.infant_ids) for c in mine)),
                      str(sum(1 for s in soon if s.cohort_id in ids)),
                      _next_session(result, ids, today))
    console().print(table)


def _print_cohorts(result: PlanResult, today: date) -> None:
    from rich.table import Table

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
    console().print(table)


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
