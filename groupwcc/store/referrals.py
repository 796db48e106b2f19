"""Referrals in the store: add, change status (kept in ``referral_history``), load.

Staff-only. Ids are ``R-0001``, ``R-0002``… in the order referrals are opened.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from groupwcc.models.screening import Referral
from groupwcc.store import schema as t
from groupwcc.store.child_record import recorded_by

# The date column each status sets when a referral reaches it.
STATUS_DATE = {"made": "made_on", "scheduled": "scheduled_for", "seen": "seen_on",
               "declined": "declined_on"}


def next_referral_id(conn: sa.Connection) -> str:
    """The id the next referral gets."""
    ids = conn.execute(sa.select(t.referrals.c.referral_id)).scalars().all()
    numbers = [int(i[2:]) for i in ids if i.startswith("R-") and i[2:].isdigit()]
    return f"R-{max(numbers, default=0) + 1:04d}"


def add_referral(conn: sa.Connection, *, infant_id: str, service: str, status: str,
                 reason: str, opened_on: date, due_by: date | None, now: datetime,
                 day: date | None = None) -> str:
    """Open a referral; ``day`` fills the date column of ``status`` (made on, scheduled for…)."""
    referral_id = next_referral_id(conn)
    stamp = now.isoformat(timespec="seconds")
    values: dict[str, object] = dict(
        referral_id=referral_id, infant_id=infant_id, service=service, status=status,
        reason=reason, opened_on=opened_on, due_by=due_by, updated_at=stamp)
    if status in STATUS_DATE:
        values[STATUS_DATE[status]] = day or opened_on
    conn.execute(sa.insert(t.referrals).values(**values))
    conn.execute(sa.insert(t.referral_history).values(
        referral_id=referral_id, old_status=None, new_status=status, at=stamp, by=recorded_by()))
    return referral_id


def update_referral(conn: sa.Connection, referral_id: str, *, status: str, day: date,
                    now: datetime) -> str | None:
    """Set a referral's status (and that status's date); returns the old status, or None when
    there is no such referral."""
    old = conn.execute(sa.select(t.referrals.c.status).where(
        t.referrals.c.referral_id == referral_id)).scalar()
    if old is None:
        return None
    stamp = now.isoformat(timespec="seconds")
    values: dict[str, object] = {"status": status, "updated_at": stamp}
    if status in STATUS_DATE:
        values[STATUS_DATE[status]] = day
    conn.execute(sa.update(t.referrals).where(t.referrals.c.referral_id == referral_id)
                 .values(**values))
    conn.execute(sa.insert(t.referral_history).values(
        referral_id=referral_id, old_status=old, new_status=status, at=stamp, by=recorded_by()))
    return str(old)


def load_referrals(conn: sa.Connection) -> list[Referral]:
    """Every referral, by id."""
    query = sa.select(t.referrals).order_by(t.referrals.c.referral_id)
    return [Referral(**{k: v for k, v in row.items() if k != "updated_at"})
            for row in conn.execute(query).mappings()]
