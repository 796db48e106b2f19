"""``groupwcc attendance``: import a filled-in sheet, mark one status, record an individual
visit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    TodayOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)

if TYPE_CHECKING:
    from groupwcc.store.attendance import MarkCounts

HELP = """Record who came.

Example: groupwcc attendance import out/sheets/attendance.xlsx --config examples/groupwcc.yaml
"""


def _say(counts: MarkCounts) -> str:
    text = (f"{counts.added} new, {counts.changed} changed, {counts.unchanged} unchanged")
    if counts.sessions_held:
        text += f"; {counts.sessions_held} session(s) now marked held"
    return text


def import_(
    file: Annotated[Path, typer.Argument(help="The filled-in attendance workbook (.xlsx) or CSV from 'groupwcc export sheets'.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record the statuses typed into an attendance sheet.

    Statuses: attended, late, absent, excused, individual visit (a blank status is not
    recorded). Importing the same file again changes nothing; a changed status is updated and
    kept in the history. If any row is wrong, every bad row is listed and nothing is recorded.

    Example: groupwcc attendance import out/sheets/attendance.xlsx --config examples/groupwcc.yaml
    """
    from groupwcc.api.attendance import import_attendance

    counts = import_attendance(program(config, db), file, today=resolve_today(today),
                               now=now_for(today))
    if not (counts.added or counts.changed or counts.unchanged):
        console().print(f"No status filled in {file.name}: nothing recorded.")
        return
    console().print(f"Recorded {file.name}: {_say(counts)}.")


def mark(
    session: Annotated[str, typer.Argument(help="Session id, e.g. MAIN-2026-08-A-M4.")],
    infant: Annotated[str, typer.Argument(help="Infant id from the roster.")],
    status: Annotated[str, typer.Argument(help="attended, late, absent, excused or 'individual visit'.")],
    notes: Annotated[str, typer.Option(help="A short note (kept in the database only).")] = "",
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record or correct one infant's status at one session.

    Example: groupwcc attendance mark MAIN-2026-08-A-M4 I007 late --config examples/groupwcc.yaml
    """
    from groupwcc.api.attendance import mark as mark_one

    counts = mark_one(program(config, db), session, infant, status, today=resolve_today(today),
                      now=now_for(today), notes=notes)
    console().print(f"{session.upper()} {infant}: {_say(counts)}.")


def visit(
    infant: Annotated[str, typer.Argument(help="Infant id from the roster.")],
    day: Annotated[str, typer.Argument(help="Date of the visit, YYYY-MM-DD.")],
    visit_key: Annotated[str | None, typer.Option(
        "--visit", help="Visit age it stood for (m4); default: from the infant's age that day.",
        show_default=False)] = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record a well-child visit outside the group (an individual or make-up visit).

    It counts for on-time visits and HEDIS W30, and a missed session it follows no longer
    needs a follow-up call.

    Example: groupwcc attendance visit I007 2027-01-20 --config examples/groupwcc.yaml
    """
    from groupwcc.api.attendance import record_visit

    added, key = record_visit(program(config, db), infant, parse_day(day, option="DATE"),
                              now=now_for(today), today=resolve_today(today), visit=visit_key)
    what = f" ({key} visit)" if key else " (no visit window matches that date)"
    state = "Recorded" if added else "Already recorded"
    console().print(f"{state}: {infant} seen on {day}{what}.")
