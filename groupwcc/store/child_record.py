"""The child's own record in the store: doses given and screening results.

Staff-only. Recording is idempotent: importing the same file again changes nothing, and every
added dose is kept in ``dose_history`` with who recorded it, when and from which file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from groupwcc.models.forecast import DoseGiven
from groupwcc.models.screening import DoseEntry, ScreeningValue
from groupwcc.store import schema as t


@dataclass(frozen=True)
class RecordCounts:
    """What an import changed: rows new to the record and rows already there."""

    added: int
    unchanged: int

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "unchanged": self.unchanged}


def recorded_by() -> str:
    """The operating-system user who records (kept with each row, never in the audit log)."""
    from groupwcc.store.audit import _os_user

    return _os_user()


def record_doses(conn: sa.Connection, doses: Sequence[DoseEntry], *, now: datetime,
                 source: str) -> RecordCounts:
    """Add ``doses`` not yet in the record (a removed dose given again is restored)."""
    stamp, who = now.isoformat(timespec="seconds"), recorded_by()
    existing = {(r.infant_id, r.cvx, r.given_on): (r.id, r.removed)
                for r in conn.execute(sa.select(t.doses_given))}
    added = unchanged = 0
    for dose in dict.fromkeys(doses):  # a file listing a dose twice records it once
        key = (dose.infant_id, dose.cvx, dose.given_on)
        if key in existing and not existing[key][1]:
            unchanged += 1
            continue
        if key in existing:
            dose_id, action = existing[key][0], "restored"
            conn.execute(sa.update(t.doses_given).where(t.doses_given.c.id == dose_id)
                         .values(removed=False, recorded_at=stamp, recorded_by=who))
        else:
            inserted = conn.execute(sa.insert(t.doses_given).values(
                infant_id=dose.infant_id, cvx=dose.cvx, given_on=dose.given_on, source=source,
                recorded_at=stamp, recorded_by=who, removed=False)).inserted_primary_key
            dose_id, action = int(inserted[0]) if inserted else 0, "added"
        conn.execute(sa.insert(t.dose_history).values(dose_id=dose_id, action=action, at=stamp,
                                                      by=who, source=source))
        added += 1
    return RecordCounts(added, unchanged)


def load_doses(conn: sa.Connection) -> dict[str, tuple[DoseGiven, ...]]:
    """Every infant's doses (not removed), oldest first, by infant id."""
    query = (sa.select(t.doses_given).where(t.doses_given.c.removed == sa.false())
             .order_by(t.doses_given.c.infant_id, t.doses_given.c.given_on,
                       t.doses_given.c.cvx))
    found: dict[str, list[DoseGiven]] = {}
    for row in conn.execute(query):
        found.setdefault(row.infant_id, []).append(DoseGiven(given=row.given_on, cvx=row.cvx))
    return {k: tuple(v) for k, v in found.items()}


def record_screenings(conn: sa.Connection, values: Iterable[ScreeningValue], *,
                      now: datetime, source: str) -> RecordCounts:
    """Add screening values; the same infant, day and measure again replaces the value."""
    stamp, who = now.isoformat(timespec="seconds"), recorded_by()
    table = t.screening_results
    existing = {(r.infant_id, r.screened_on, r.measure): r.value
                for r in conn.execute(sa.select(table))}
    added = unchanged = 0
    for value in values:
        key = (value.infant_id, value.screened_on, value.measure)
        if existing.get(key) == value.value:
            unchanged += 1
            continue
        if key in existing:
            conn.execute(sa.update(table).where(
                table.c.infant_id == value.infant_id, table.c.screened_on == value.screened_on,
                table.c.measure == value.measure).values(
                value=value.value, source=source, recorded_at=stamp, recorded_by=who))
        else:
            conn.execute(sa.insert(table).values(
                infant_id=value.infant_id, screened_on=value.screened_on, measure=value.measure,
                value=value.value, source=source, recorded_at=stamp, recorded_by=who))
        existing[key] = value.value
        added += 1
    return RecordCounts(added, unchanged)


def load_screenings(conn: sa.Connection) -> list[ScreeningValue]:
    """Every recorded screening value, by infant, day and measure."""
    table = t.screening_results
    query = sa.select(table).order_by(table.c.infant_id, table.c.screened_on, table.c.measure)
    return [ScreeningValue(infant_id=r.infant_id, screened_on=r.screened_on, measure=r.measure,
                           value=r.value) for r in conn.execute(query)]


def load_screening_ids(conn: sa.Connection) -> dict[tuple[str, date, str], int]:
    """(infant id, day, measure) → the recorded result's id (the follow-up item's number)."""
    table = t.screening_results
    query = sa.select(table.c.id, table.c.infant_id, table.c.screened_on, table.c.measure)
    return {(r.infant_id, r.screened_on, r.measure): r.id for r in conn.execute(query)}


def load_closed_results(conn: sa.Connection) -> set[int]:
    """Ids of the screening results whose follow-up item staff closed."""
    return {r.result_id for r in conn.execute(sa.select(t.screening_closures.c.result_id))}


def close_screening(conn: sa.Connection, result_id: int, *, closed_on: date, note: str,
                    now: datetime) -> None:
    """Record that staff closed the follow-up item of result ``result_id``, with who and when
    (the note stays in the database, staff-only, never in the audit log)."""
    conn.execute(sa.insert(t.screening_closures).values(
        result_id=result_id, closed_on=closed_on, note=note,
        at=now.isoformat(timespec="seconds"), by=recorded_by()))
