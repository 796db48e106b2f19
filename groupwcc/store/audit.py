"""The audit log: who ran which writing or exporting command, when, with counts and output
paths. Never roster contents.

The time of an entry is always the real clock (UTC), never ``--today``: an audit log must say
when something happened, not which day a run pretended it was.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from groupwcc.store import schema as t


@dataclass(frozen=True)
class AuditEntry:
    at: str
    os_user: str
    command: str
    counts: dict[str, int]
    outputs: list[str]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name (containers without passwd entries)
        return "unknown"


def wall_clock() -> datetime:
    """Now, in UTC (the only clock audit entries use)."""
    return datetime.now(UTC)


def record_audit(conn: sa.Connection, command: str, *, at: datetime | None = None,
                 counts: Mapping[str, int] | None = None,
                 outputs: Sequence[str] = ()) -> None:
    """Append one entry. ``counts`` are numbers only; ``outputs`` are file paths.

    ``at`` is ignored (kept so callers written before issue 14 still work): the entry takes
    the real clock from :func:`wall_clock`, whatever ``--today`` says.
    """
    del at
    conn.execute(sa.insert(t.audit_log).values(
        at=wall_clock().isoformat(timespec="seconds"), os_user=_os_user(), command=command,
        counts=json.dumps({k: int(v) for k, v in (counts or {}).items()}, sort_keys=True),
        outputs=json.dumps([str(o) for o in outputs])))


def load_audit(conn: sa.Connection, *, limit: int = 50) -> list[AuditEntry]:
    query = sa.select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
    return [AuditEntry(r.at, r.os_user, r.command, json.loads(r.counts), json.loads(r.outputs))
            for r in conn.execute(query)]
