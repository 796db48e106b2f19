"""Recording who came: import a filled-in sheet, mark one status, record an individual visit.

Each command is one transaction: a bad row anywhere means nothing is recorded. A session with
recorded attendance is marked held. The audit log gets counts only, never names or statuses of
particular families.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.api.state import State, load_state
from groupwcc.errors import AttendanceError, NotFoundError
from groupwcc.readers.echo import echo_code

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.core.records import Records
    from groupwcc.models import Session
    from groupwcc.models.attendance import Mark
    from groupwcc.models.screening import DoseEntry, ScreeningValue
    from groupwcc.readers.attendance import AttendanceContext
    from groupwcc.store.attendance import MarkCounts


def attendance_context(state: State) -> AttendanceContext:
    """What rows are checked against, from the loaded state."""
    from groupwcc.readers.attendance import AttendanceContext

    return AttendanceContext(
        sessions={s.session_id: s for s in state.sessions},
        members={c.cohort_id: frozenset(c.infant_ids) for c in state.cohorts},
        infants=frozenset(state.infants))


def import_attendance(program: Program, path: Path, *, today: date,
                      now: datetime) -> MarkCounts:
    """Record every filled row of a sheet exported by ``export sheets`` (XLSX or CSV).

    Importing the same file again changes nothing; a changed status updates the mark and is
    kept in the history. Any bad row: AttendanceError listing all of them, nothing recorded.
    """
    from groupwcc.api.vaccines import record_context
    from groupwcc.readers.attendance_record import read_attendance_record

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        marks, doses, values = read_attendance_record(
            path, attendance_context(state), record_context(state.infants.values(), today),
            today=today)
        counts = _record(conn, marks, now=now, source=path.name)
        extra = _record_child(conn, doses, values, now=now, source=path.name)
        _audit(conn, "attendance import", now, {"rows": len(marks), **counts.as_dict(),
                                                **extra})
    return counts


def _record_child(conn: sa.Connection, doses: list[DoseEntry], values: list[ScreeningValue],
                  *, now: datetime, source: str) -> dict[str, int]:
    """Record the vaccines and screening results typed into the sheet (counts for the audit
    log; none when the sheet had none, so older audit entries keep their shape)."""
    from groupwcc.api.screenings import record_values
    from groupwcc.store.child_record import record_doses

    counts: dict[str, int] = {}
    if doses:
        counts["doses_added"] = record_doses(conn, doses, now=now, source=source).added
    if values:
        found = record_values(conn, values, now=now, source=source)
        counts.update(screenings_added=found["added"], positive=found["positive"],
                      referrals_suggested=found["referrals_suggested"])
    return counts


def mark(program: Program, session_id: str, infant_id: str, status: str, *, today: date,
         now: datetime, notes: str = "") -> MarkCounts:
    """Record (or correct) one infant's status at one session."""
    from groupwcc.readers.attendance import check_mark

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        found = check_mark(session_id, infant_id, status, attendance_context(state),
                           today=today, notes=notes)
        counts = _record(conn, [found], now=now, source="attendance mark")
        _audit(conn, "attendance mark", now, counts.as_dict())
    return counts


def _record(conn: sa.Connection, marks: list[Mark], *, now: datetime,
            source: str) -> MarkCounts:
    from groupwcc.store.attendance import record_marks

    return record_marks(conn, marks, now=now, source=source)


def record_visit(program: Program, infant_id: str, day: date, *, now: datetime,
                 today: date | None = None, visit: str | None = None) -> tuple[bool, str | None]:
    """Record a well-child visit outside the group (it counts for on-time visits and W30).

    ``visit`` (``m4``) is inferred from the infant's age on ``day`` when not given. Returns
    whether it was new and the visit age it was recorded for.
    """
    from groupwcc.core.attendance import visit_for_day
    from groupwcc.store.attendance import record_individual_visit

    reference, visits = program.reference, program.config.visits
    if visit is not None and visit not in {v.key for v in reference.visits}:
        raise AttendanceError(f"unknown visit {visit!r}",
                              hint="use a visit key such as " + ", ".join(visits))
    with program.store.transaction(lock=True) as conn:
        infant = load_state(conn, program.config.timezone).infants.get(infant_id.strip())
        if infant is None:
            raise NotFoundError(f"no infant{echo_code(infant_id)}",
                                hint="check the id in your roster")
        _check_visit_day(day, infant.date_of_birth, today)
        key = visit or visit_for_day(infant.date_of_birth, day, reference, visits)
        added = record_individual_visit(conn, infant.infant_id, day, key, now=now)
        _audit(conn, "attendance visit", now, {"visits_added": int(added)})
    return added, key


def _check_visit_day(day: date, born: date, today: date | None) -> None:
    if today is not None and day > today:
        raise AttendanceError(f"{day} is after today ({today})",
                              hint="record a visit once it has taken place")
    if day < born:
        raise AttendanceError(f"{day} is before the infant's date of birth",
                              hint="check the date (YYYY-MM-DD)")


def _audit(conn: sa.Connection, command: str, now: datetime, counts: dict[str, int]) -> None:
    from groupwcc.store.audit import record_audit

    record_audit(conn, command, at=now, counts=counts)


def load_records(conn: sa.Connection, sessions: Sequence[Session] | None = None) -> Records:
    """Sessions, marks and individual visits as the measures need them.

    Pass the already loaded ``sessions`` (``State.sessions``) to avoid reading them again.
    """
    from groupwcc.core.records import RecordedVisit, Records
    from groupwcc.models.attendance import Mark
    from groupwcc.store.attendance import load_individual_visits, load_marks
    from groupwcc.store.repo import load_sessions

    return Records(
        tuple(load_sessions(conn) if sessions is None else sessions),
        tuple(Mark(m.session_id, m.infant_id, m.status) for m in load_marks(conn)),
        tuple(RecordedVisit(v.infant_id, v.visit_date, v.visit)
              for v in load_individual_visits(conn)))
