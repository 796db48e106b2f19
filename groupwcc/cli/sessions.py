"""``groupwcc sessions``: list, move, cancel; and ``groupwcc agenda`` for one session."""

from __future__ import annotations

from datetime import time
from typing import Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    FromOpt,
    TodayOpt,
    ToOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)
from groupwcc.errors import UserError

HELP = """List, move, cancel and restore group sessions.

Example: groupwcc sessions list --from 2026-12-01 --to 2026-12-31 --config examples/groupwcc.yaml
"""


def list_(
    config: ConfigOpt = None,
    db: DbOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    cohort: Annotated[str | None, typer.Option(help="Only this cohort.")] = None,
) -> None:
    """List sessions with date, time, room and status.

    Example: groupwcc sessions list --from 2026-12-01 --to 2026-12-31 --config examples/groupwcc.yaml
    """
    from rich.table import Table

    from groupwcc.api.sessions import list_sessions

    sessions = list_sessions(
        program(config, db), cohort=cohort.upper() if cohort else None,
        first=parse_day(first, option="--from") if first else None,
        last=parse_day(last, option="--to") if last else None)
    table = Table("session", "visit", "date", "time", "room", "status", "rev")
    for s in sessions:
        status = s.status + (" (locked)" if s.locked and s.status != "cancelled" else "")
        table.add_row(s.session_id, s.visit, f"{s.start:%a %Y-%m-%d}",
                      f"{s.start:%H:%M}–{s.end:%H:%M}", s.room or s.virtual_link or "–",
                      status, str(s.revision))
    console().print(table)


def move(
    session: Annotated[str, typer.Argument(help="Session id, e.g. MAIN-2026-08-A-M4.")],
    day: Annotated[str, typer.Argument(help="New date, YYYY-MM-DD.")],
    at: Annotated[str | None, typer.Option("--time", help="New start time HH:MM.")] = None,
    room: Annotated[str | None, typer.Option(help="New room.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Move even if a rule breaks.")] = False,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Move a session to another date (and time or room). It is then never re-planned.

    Refuses dates that break a hard rule (closure, vaccine ages, 28 days between visits,
    room taken, in the past) and says which, unless --force.

    Example: groupwcc sessions move MAIN-2026-08-A-M4 2026-12-10 --time 13:00 --config examples/groupwcc.yaml
    """
    from groupwcc.api.sessions import move_session

    broken = move_session(program(config, db), session.upper(),
                          parse_day(day, option="DATE"), at=_parse_time(at), room=room,
                          force=force, today=resolve_today(today), now=now_for(today))
    for rule in broken:
        console(stderr=True).print(f"warning (forced): {rule}")
    console().print(f"Moved {session.upper()} to {day}. Export calendars again to share it.")


def _parse_time(text: str | None) -> time | None:
    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise UserError(f"--time {text!r} is not a time", hint="write HH:MM, e.g. 13:30") from None


def cancel(
    session: Annotated[str, typer.Argument(help="Session id.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the database, not in calendars).")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Cancel a session. Calendars keep it, marked CANCELLED, so Outlook shows the change.

    Example: groupwcc sessions cancel MAIN-2026-08-A-M4 --reason "snow closure" --config examples/groupwcc.yaml
    """
    from groupwcc.api.sessions import cancel_session

    cancel_session(program(config, db), session.upper(), reason=reason, now=now_for(today))
    console().print(f"Cancelled {session.upper()}. Export calendars again to share it.")


def restore(
    session: Annotated[str, typer.Argument(help="Session id of a cancelled session.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Put a cancelled session back on the calendar (it stays where it was, not re-planned).

    Example: groupwcc sessions restore MAIN-2026-08-A-M4 --config examples/groupwcc.yaml
    """
    from groupwcc.api.sessions import restore_session

    restore_session(program(config, db), session.upper(), now=now_for(today))
    console().print(f"{session.upper()} is back on. Export calendars again to share it.")


def agenda(
    session: Annotated[str, typer.Argument(help="Session id, e.g. MAIN-2026-08-A-M4.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    staff: Annotated[bool, typer.Option("--staff/--no-staff",
                                        help="Include the staff-only due lists.")] = True,
) -> None:
    """Show one session's agenda: timeline, activities, and (staff only) what is due per infant.

    Example: groupwcc agenda MAIN-2026-08-A-M4 --config examples/groupwcc.yaml
    """
    from groupwcc.api.sessions import session_agenda_text

    typer.echo(session_agenda_text(program(config, db), session.upper(), staff=staff))
