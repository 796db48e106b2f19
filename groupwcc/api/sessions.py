"""Session use cases: list, move, cancel, and show an agenda."""

from __future__ import annotations

from datetime import date, datetime, time

from groupwcc.api.program import Program, State, load_state
from groupwcc.errors import NotFoundError, Problem, RuleViolation
from groupwcc.models import Session


def list_sessions(program: Program, *, first: date | None, last: date | None,
                  cohort: str | None) -> list[Session]:
    with program.store.transaction() as conn:
        sessions = load_state(conn).sessions
    return [s for s in sessions if (first is None or s.day >= first)
            and (last is None or s.day <= last) and (cohort is None or s.cohort_id == cohort)]


def _find(state: State, session_id: str) -> Session:
    for session in state.sessions:
        if session.session_id == session_id:
            return session
    raise NotFoundError(f"no session {session_id}",
                        hint="'groupwcc sessions list' shows the ids")


def move_session(program: Program, session_id: str, day: date, *, at: time | None,
                 room: str | None, force: bool, today: date, now: datetime) -> list[str]:
    """Move a session; refuse if a hard rule breaks unless ``force``. Locks the session."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.cohort_rules import active_members
    from groupwcc.core.scheduling import check_session_date
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import save_sessions

    with program.store.transaction() as conn:
        state = load_state(conn)
        session = _find(state, session_id)
        moved = _moved(session, day, at=at, room=room, now=now)
        slots = {s.slot_id: s for s in program.config.slots}
        cohort = state.cohort(session.cohort_id)
        closed = closed_days_by_site(program.config, day, day)[session.site]
        problems = check_session_date(
            moved, day, active_members(cohort, state.infants),
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


def _moved(session: Session, day: date, *, at: time | None, room: str | None,
           now: datetime) -> Session:
    tz = session.start.tzinfo
    start = datetime.combine(day, at or session.start.timetz().replace(tzinfo=None), tz)
    length = session.end - session.start
    return session.model_copy(update={
        "start": start, "end": start + length, "room": room or session.room,
        "revision": session.revision + 1, "locked": True, "changed_at": now,
        "status": "scheduled" if session.status == "cancelled" else session.status})


def cancel_session(program: Program, session_id: str, *, reason: str, now: datetime) -> Session:
    """Cancel a session: it stays in calendars as CANCELLED and is never re-planned."""
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import save_sessions

    with program.store.transaction() as conn:
        session = _find(load_state(conn), session_id)
        cancelled = session.model_copy(update={
            "status": "cancelled", "note": reason, "revision": session.revision + 1,
            "locked": True, "changed_at": now})
        save_sessions(conn, [cancelled])
        record_audit(conn, "sessions cancel", at=now, counts={"sessions": 1})
    return cancelled


def session_agenda_text(program: Program, session_id: str, *, staff: bool) -> str:
    """The agenda of one session as text (``groupwcc agenda``)."""
    from groupwcc.api.exports import agendas_for
    from groupwcc.exporters.agenda_text import format_agenda

    with program.store.transaction() as conn:
        state = load_state(conn)
    agenda = agendas_for(program, state, [_find(state, session_id)])[0]
    return format_agenda(agenda, staff=staff)

