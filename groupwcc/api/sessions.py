"""Session use cases: schedule every cohort, list, move, cancel, and show an agenda."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.api.state import State, load_state, no_such_session
from groupwcc.errors import Problem, RuleViolation, UserError
from groupwcc.models import Flag, SchedulePlan, Session

if TYPE_CHECKING:
    import sqlalchemy as sa


def update_schedule(program: Program, conn: sa.Connection, state: State, *,
                    today: date) -> SchedulePlan:
    """Schedule every cohort's sessions; keep published, moved and cancelled ones.

    Saves sessions and flags and updates ``state`` to match what was saved.
    """
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.scheduling import schedule_sessions
    from groupwcc.store.repo import replace_flags, save_sessions

    config = program.config
    closed = closed_days_by_site(config, today - timedelta(days=400), today + timedelta(days=1100))
    plan = schedule_sessions(
        state.cohorts, state.infants, program.reference, visits=config.visits,
        slots={s.slot_id: s for s in config.slots}, closed_days=closed,
        timezone=config.timezone, today=today, existing=state.sessions,
        session_minutes=config.session_minutes)
    save_sessions(conn, plan.sessions)
    flags = _record_flags(program, state, plan, today)
    replace_flags(conn, flags)
    state.upsert_sessions(plan.sessions)
    state.flags = flags
    return plan


def _record_flags(program: Program, state: State, plan: SchedulePlan, today: date
                  ) -> list[Flag]:
    """The plan's flags checked against each child's record (core/record_flags.py)."""
    from groupwcc.api.render import vaccine_records
    from groupwcc.core.record_flags import record_flags

    records = vaccine_records(state)
    if records is None:
        return list(plan.flags)
    members = {c.cohort_id: state.active_members(c.cohort_id) for c in state.cohorts}
    return record_flags(plan.flags, plan.sessions, members, program.reference, records,
                        today=today)


def list_sessions(program: Program, *, first: date | None, last: date | None,
                  cohort: str | None) -> list[Session]:
    """Sessions by start time, optionally only those in a period or of one cohort."""
    from groupwcc.store.repo import load_sessions

    with program.store.transaction() as conn:
        sessions = load_sessions(conn, timezone=program.config.timezone)
    return [s for s in sessions if (first is None or s.day >= first)
            and (last is None or s.day <= last) and (cohort is None or s.cohort_id == cohort)]


def move_session(program: Program, session_id: str, day: date, *, at: time | None,
                 room: str | None, force: bool, today: date, now: datetime) -> list[str]:
    """Move a session; refuse if a hard rule breaks unless ``force``. Locks the session."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.scheduling import check_session_date
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import save_sessions

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        session = state.session(session_id)
        if room is not None:
            room = _canonical_room(program, session.site, room)
        moved = _moved(session, day, at=at, room=room, now=now, zone=program.config.timezone)
        slots = {s.slot_id: s for s in program.config.slots}
        cohort = state.cohort(session.cohort_id)
        closed = closed_days_by_site(program.config, day, day)[session.site]
        problems = check_session_date(
            moved, day, state.active_members(cohort.cohort_id),
            program.reference, slot=slots.get(cohort.slot_id or ""), closed=closed, today=today,
            other_sessions=[s for s in state.sessions if s.session_id != session_id])
        if problems and not force:
            raise RuleViolation(f"{session_id} cannot move to {day}",
                                problems=[Problem("", p) for p in problems],
                                hint="choose another date, or pass --force to move anyway")
        save_sessions(conn, [moved])
        record_audit(conn, "sessions move", at=now, counts={"sessions": 1,
                                                             "forced": int(bool(problems))})
    return problems


def _canonical_room(program: Program, site_id: str, room: str) -> str:
    """The configured spelling of ``room`` at the site; refuse any other text.

    A typed room reaches calendars (LOCATION) and CHANGES.md, so only rooms the program
    configured are allowed. The typed text is never echoed (it may be a name or phone).
    """
    config = program.config
    rooms = [r for site in config.sites if site.id == site_id for r in site.rooms]
    rooms += [s.room for s in config.slots_for(site_id) if s.room and s.room not in rooms]
    wanted = room.strip().casefold()
    for known in rooms:
        if known.casefold() == wanted:
            return known
    listed = ", ".join(rooms) if rooms else "none configured"
    raise UserError(f"--room is not one of site {site_id}'s rooms ({listed})",
                    hint=f"use a room listed under rooms: for site {site_id} in groupwcc.yaml")


def _moved(session: Session, day: date, *, at: time | None, room: str | None,
           now: datetime, zone: str) -> Session:
    """The session on ``day``, keeping its wall-clock time in ``zone`` unless ``at`` is given."""
    from groupwcc.core.times import in_zone, to_utc, wall_clock, wall_clock_problem

    wanted = at or session.start.time()
    problem = wall_clock_problem(day, wanted, zone)
    if problem:
        raise UserError(f"{wanted:%H:%M} does not exist on {day} in {zone} ({problem})"
                        if "forward" in problem else
                        f"{wanted:%H:%M} on {day} in {zone} is ambiguous ({problem})",
                        hint="choose another time (--time)")
    start = wall_clock(day, wanted, zone)
    # The length in real time: aware arithmetic in one zone is wall-clock arithmetic, which
    # would shorten or lengthen a session that crosses a daylight-saving change.
    length = to_utc(session.end) - to_utc(session.start)
    return session.model_copy(update={
        "start": start, "end": in_zone(to_utc(start) + length, zone), "room": room or session.room,
        "revision": session.revision + 1, "locked": True, "changed_at": now,
        "status": "scheduled" if session.status == "cancelled" else session.status})


def cancel_session(program: Program, session_id: str, *, reason: str, now: datetime) -> Session:
    """Cancel a session: it stays in calendars as CANCELLED and is never re-planned."""
    return _set_status(program, session_id, status="cancelled", note=reason, now=now,
                       command="sessions cancel")


def restore_session(program: Program, session_id: str, *, now: datetime) -> Session:
    """Put a cancelled session back on: calendars show it as confirmed again (SEQUENCE + 1)."""
    return _set_status(program, session_id, status="scheduled", note=None, now=now,
                       command="sessions restore", only_from="cancelled")


def _set_status(program: Program, session_id: str, *, status: str, note: str | None,
                now: datetime, command: str, only_from: str | None = None) -> Session:
    """Change a session's status by hand: a new revision, locked against re-planning."""
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import get_session, save_sessions

    with program.store.transaction(lock=True) as conn:
        session = get_session(conn, session_id)
        if session is None:
            raise no_such_session(session_id)
        if only_from is not None and session.status != only_from:
            raise UserError(f"{session_id} is not {only_from}",
                            hint="'groupwcc sessions list' shows each session's status")
        changed = session.model_copy(update={
            "status": status, "note": note, "revision": session.revision + 1,
            "locked": True, "changed_at": now})
        save_sessions(conn, [changed])
        record_audit(conn, command, at=now, counts={"sessions": 1})
    return changed


def session_agenda_text(program: Program, session_id: str, *, staff: bool) -> str:
    """The agenda of one session as text (``groupwcc agenda``)."""
    from groupwcc.api.render import agendas_for
    from groupwcc.exporters.agenda_text import format_agenda

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
    agenda = agendas_for(program, state, [state.session(session_id)])[0]
    return format_agenda(agenda, staff=staff)
