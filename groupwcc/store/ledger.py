"""The calendar change ledger (see ``models.ledger``), the confirmed-import marker and the
program's stable key, kept in the database."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from groupwcc.models.ledger import LedgerEntry
from groupwcc.store import schema as t

CONFIRMED_KEY = "calendar_confirmed_through"
CONFIRMED_AT_KEY = "calendar_confirmed_at"
PROGRAM_KEY = "program_key"
LEGACY_PROGRAM_KEY = ""  # databases that exported calendars before program keys existed


def load_ledger(conn: sa.Connection) -> list[LedgerEntry]:
    """Every ledger entry, oldest first."""
    rows = conn.execute(sa.select(t.export_ledger).order_by(t.export_ledger.c.id))
    return [LedgerEntry(r.id, r.export_id, datetime.fromisoformat(r.exported_at), r.session_id,
                        datetime.fromisoformat(r.start), datetime.fromisoformat(r.end),
                        r.location or "", r.status, r.revision) for r in rows]


def append_entries(conn: sa.Connection, entries: Sequence[LedgerEntry]) -> None:
    """Add this export's entries (their ids are assigned by the database)."""
    rows = [dict(export_id=e.export_id, exported_at=e.exported_at.isoformat(),
                 session_id=e.session_id, start=e.start.isoformat(), end=e.end.isoformat(),
                 location=e.location, status=e.status, revision=e.revision) for e in entries]
    if rows:
        conn.execute(sa.insert(t.export_ledger), rows)


def confirmed_through(conn: sa.Connection) -> tuple[int, datetime | None]:
    """The last ledger entry the coordinator confirmed importing, and when (0, None: never)."""
    through, at = _meta(conn, CONFIRMED_KEY), _meta(conn, CONFIRMED_AT_KEY)
    return (int(through) if through else 0), (datetime.fromisoformat(at) if at else None)


def confirm_import(conn: sa.Connection, *, at: datetime) -> int:
    """Record that the calendars of the latest export were imported; returns the entry id."""
    latest = conn.execute(sa.select(sa.func.max(t.export_ledger.c.id))).scalar() or 0
    _set_meta(conn, CONFIRMED_KEY, str(latest))
    _set_meta(conn, CONFIRMED_AT_KEY, at.isoformat())
    return int(latest)


def program_key(conn: sa.Connection) -> str:
    """The program's stable key, made once (``""`` for a database that exported calendars
    before keys existed, so the UIDs already imported into Outlook do not change)."""
    found = _meta(conn, PROGRAM_KEY)
    if found is not None:
        return found
    exported = conn.execute(sa.select(sa.func.count()).select_from(t.export_ledger)).scalar()
    key = LEGACY_PROGRAM_KEY if exported else secrets.token_hex(8)
    _set_meta(conn, PROGRAM_KEY, key)
    return key


def _meta(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == key)).scalar()


def _set_meta(conn: sa.Connection, key: str, value: str) -> None:
    updated = conn.execute(sa.update(t.meta).where(t.meta.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(sa.insert(t.meta).values(key=key, value=value))
