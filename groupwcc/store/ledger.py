"""The export ledger: the state of each session when it was last exported to a calendar,
so the next export can say what was added, moved or cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from groupwcc.models import Session
from groupwcc.store import schema as t


def load_last_exported(conn: sa.Connection) -> dict[str, dict[str, object]]:
    """session_id → {start, end, location, status, revision} at its latest export."""
    latest = (sa.select(t.export_ledger.c.session_id,
                        sa.func.max(t.export_ledger.c.id).label("id"))
              .group_by(t.export_ledger.c.session_id).subquery())
    query = sa.select(t.export_ledger).join(latest, t.export_ledger.c.id == latest.c.id)
    return {r.session_id: {"start": r.start, "end": r.end, "location": r.location,
                           "status": r.status, "revision": r.revision}
            for r in conn.execute(query)}


def append_export(conn: sa.Connection, sessions: Sequence[Session], *, export_id: str,
                  exported_at: datetime, locations: dict[str, str]) -> None:
    rows = [dict(export_id=export_id, exported_at=exported_at.isoformat(),
                 session_id=s.session_id, start=s.start.isoformat(), end=s.end.isoformat(),
                 location=locations.get(s.session_id, ""), status=s.status,
                 revision=s.revision) for s in sessions]
    if rows:
        conn.execute(sa.insert(t.export_ledger), rows)
