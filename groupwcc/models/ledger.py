"""The calendar change ledger: what each export said about each session.

A row is written only when an export changes what a session's calendar event says (time,
place, status, revision), so the ledger is the history of every change ever shared, and
``CHANGES.md`` is rebuilt from it rather than from the last snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

REMOVED = "removed"


@dataclass(frozen=True)
class LedgerEntry:
    """One session as one export showed it. ``status`` ``removed``: no longer in the plan."""

    id: int
    export_id: str
    exported_at: datetime
    session_id: str
    start: datetime
    end: datetime
    location: str
    status: str
    revision: int

    @property
    def shown(self) -> tuple[datetime, datetime, str, str]:
        """What a calendar shows: compared to tell a change from a repeat."""
        return (self.start, self.end, self.location, self.status)
