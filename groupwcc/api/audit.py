"""``groupwcc audit``: read the audit log (who ran which writing command, when, with counts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groupwcc.api.context import Program

if TYPE_CHECKING:
    from groupwcc.store.audit import AuditEntry


def list_audit(program: Program, *, limit: int) -> list[AuditEntry]:
    """The newest ``limit`` audit entries, newest first."""
    from groupwcc.store.audit import load_audit

    with program.store.transaction() as conn:
        return load_audit(conn, limit=limit)
