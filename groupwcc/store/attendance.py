"""Attendance marks, their history, and individual well-child visits. Each function takes a
connection inside the caller's transaction (one transaction per command).

Recording is idempotent: the same status again changes nothing; a changed status updates the
mark and appends the change to ``attendance_history``. A session with recorded attendance is
marked held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from groupwcc.models.attendance import Mark
from groupwcc.store import schema as t


@dataclass(frozen=True)
class MarkRow:
    session_id: str
    infant_id: str
    status: str
    notes: str
    recorded_at: str
    source: str


@dataclass(frozen=True)
class HistoryRow:
    session_id: str
    infant_id: str
    old_status: str | None
    new_status: str
    recorded_at: str
    source: str


@dataclass(frozen=True)
class VisitRow:
    infant_id: str
    visit_date: date
    visit: str | None
    recorded_at: str


@dataclass(frozen=True)
class MarkCounts:
    """What recording changed: new marks, changed marks, unchanged, sessions newly held."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    sessions_held: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged,
                "sessions_held": self.sessions_held}


def record_marks(conn: sa.Connection, marks: Sequence[Mark], *, now: datetime,
                 source: str) -> MarkCounts:
    """Record ``marks`` (at most one per session and infant) and mark their sessions held."""
    # Write first: on SQLite this takes the write lock before anything is read, so two
    # coordinators recording at once queue up instead of overwriting each other's reads.
    held = mark_sessions_held(conn, {m.session_id for m in marks})
    stamp = now.isoformat(timespec="seconds")
    existing = _existing(conn, marks)
    added = changed = unchanged = 0
    inserts, history = [], []
    for mark in marks:
        old = existing.get((mark.session_id, mark.infant_id))
        if old is None:
            inserts.append(dict(session_id=mark.session_id, infant_id=mark.infant_id,
                                status=mark.status, notes=mark.notes, recorded_at=stamp,
                                source=source))
            history.append(_history(mark, None, stamp, source))
            added += 1
        elif old.status != mark.status or (mark.notes and mark.notes != old.notes):
            _update(conn, mark, old, stamp, source)
            if old.status != mark.status:
                history.append(_history(mark, old.status, stamp, source))
            changed += 1
        else:
            unchanged += 1
    if inserts:
        conn.execute(sa.insert(t.attendance), inserts)
    if history:
        conn.execute(sa.insert(t.attendance_history), history)
    return MarkCounts(added, changed, unchanged, held)


def _existing(conn: sa.Connection, marks: Sequence[Mark]) -> dict[tuple[str, str], MarkRow]:
    found: dict[tuple[str, str], MarkRow] = {}
    session_ids = sorted({m.session_id for m in marks})
    for chunk in _chunks(session_ids, 500):
        query = sa.select(t.attendance).where(t.attendance.c.session_id.in_(chunk))
        for row in conn.execute(query).mappings():
            found[(row["session_id"], row["infant_id"])] = MarkRow(**row)
    return found


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _update(conn: sa.Connection, mark: Mark, old: MarkRow, stamp: str, source: str) -> None:
    conn.execute(sa.update(t.attendance).where(
        t.attendance.c.session_id == mark.session_id,
        t.attendance.c.infant_id == mark.infant_id).values(
        status=mark.status, notes=mark.notes or old.notes, recorded_at=stamp, source=source))


def _history(mark: Mark, old: str | None, stamp: str, source: str) -> dict[str, object]:
    return dict(session_id=mark.session_id, infant_id=mark.infant_id, old_status=old,
                new_status=mark.status, recorded_at=stamp, source=source)


def mark_sessions_held(conn: sa.Connection, session_ids: Iterable[str]) -> int:
    """Set scheduled sessions among ``session_ids`` to held; returns how many changed.

    Always executes an UPDATE (even for no ids) so the caller's transaction holds the write
    lock from here on.
    """
    ids = sorted(set(session_ids))
    result = conn.execute(sa.update(t.sessions).where(
        t.sessions.c.session_id.in_(ids), t.sessions.c.status == "scheduled")
        .values(status="held"))
    return int(result.rowcount or 0)


def load_marks(conn: sa.Connection, *, session_id: str | None = None) -> list[MarkRow]:
    query = sa.select(t.attendance).order_by(t.attendance.c.session_id,
                                             t.attendance.c.infant_id)
    if session_id is not None:
        query = query.where(t.attendance.c.session_id == session_id)
    return [MarkRow(**row) for row in conn.execute(query).mappings()]


def load_history(conn: sa.Connection, *, session_id: str | None = None,
                 infant_id: str | None = None) -> list[HistoryRow]:
    """Every status change, oldest first (the first entry of a mark has ``old_status`` None)."""
    h = t.attendance_history
    query = sa.select(h.c.session_id, h.c.infant_id, h.c.old_status, h.c.new_status,
                      h.c.recorded_at, h.c.source).order_by(h.c.id)
    if session_id is not None:
        query = query.where(h.c.session_id == session_id)
    if infant_id is not None:
        query = query.where(h.c.infant_id == infant_id)
    return [HistoryRow(**row) for row in conn.execute(query).mappings()]


def record_individual_visit(conn: sa.Connection, infant_id: str, day: date,
                            visit: str | None, *, now: datetime) -> bool:
    """Record a well-child visit outside the group; False if that day was already recorded
    (then its visit age is filled in if it was unknown)."""
    v = t.individual_visits
    # The UPDATE comes first so the transaction holds the write lock before it reads.
    conn.execute(sa.update(v).where(v.c.infant_id == infant_id, v.c.visit_date == day)
                 .values(visit=sa.func.coalesce(v.c.visit, visit)))
    exists = conn.execute(sa.select(v.c.id).where(v.c.infant_id == infant_id,
                                                  v.c.visit_date == day)).first()
    if exists is not None:
        return False
    conn.execute(sa.insert(v).values(infant_id=infant_id, visit_date=day, visit=visit,
                                     recorded_at=now.isoformat(timespec="seconds")))
    return True


def load_individual_visits(conn: sa.Connection,
                           infant_id: str | None = None) -> list[VisitRow]:
    v = t.individual_visits
    query = sa.select(v.c.infant_id, v.c.visit_date, v.c.visit, v.c.recorded_at).order_by(
        v.c.infant_id, v.c.visit_date)
    if infant_id is not None:
        query = query.where(v.c.infant_id == infant_id)
    return [VisitRow(**row) for row in conn.execute(query).mappings()]
