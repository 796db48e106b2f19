"""What changed in the calendars, export by export, from the change ledger (pure).

``entries_for_export`` decides what an export adds to the ledger; ``event_stamps`` gives each
event its DTSTAMP (the export that last changed it); ``change_history`` lists the changes since
the coordinator last confirmed an import, newest export first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from groupwcc.models import Session
from groupwcc.models.ledger import REMOVED, LedgerEntry

KINDS = ("added", "moved", "cancelled", "reinstated", "removed")


@dataclass(frozen=True)
class Change:
    """One session's change in one export: ``before`` is None when it was added."""

    kind: str
    after: LedgerEntry
    before: LedgerEntry | None


@dataclass(frozen=True)
class ExportChanges:
    """The changes one export carried."""

    export_id: str
    exported_at: datetime
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def latest_by_session(ledger: Sequence[LedgerEntry]) -> dict[str, LedgerEntry]:
    """Each session's most recent ledger entry."""
    latest: dict[str, LedgerEntry] = {}
    for entry in sorted(ledger, key=lambda e: e.id):
        latest[entry.session_id] = entry
    return latest


def export_time(ledger: Sequence[LedgerEntry], now: datetime) -> datetime:
    """``now``, or the last export's time if that is later: stamps never go backwards."""
    last = max((e.exported_at for e in ledger), default=now)
    return max(now, last)


def entries_for_export(ledger: Sequence[LedgerEntry], sessions: Sequence[Session],
                       locations: Mapping[str, str], *, export_id: str,
                       exported_at: datetime) -> list[LedgerEntry]:
    """The entries this export adds: sessions new or changed since the ledger, and removals."""
    latest = latest_by_session(ledger)
    next_id = max((e.id for e in ledger), default=0) + 1
    new: list[LedgerEntry] = []
    for session in sorted(sessions, key=lambda s: s.session_id):
        entry = LedgerEntry(next_id + len(new), export_id, exported_at, session.session_id,
                            session.start, session.end, locations.get(session.session_id, ""),
                            session.status, session.revision)
        before = latest.get(session.session_id)
        if before is None or before.shown != entry.shown or before.revision != entry.revision:
            new.append(entry)
    current = {s.session_id for s in sessions}
    for session_id, before in sorted(latest.items()):
        if session_id not in current and before.status != REMOVED:
            new.append(LedgerEntry(next_id + len(new), export_id, exported_at, session_id,
                                   before.start, before.end, before.location, REMOVED,
                                   before.revision))
    return new


def event_stamps(ledger: Sequence[LedgerEntry]) -> dict[str, datetime]:
    """session id → the time of the export that last changed what its event says."""
    stamps: dict[str, datetime] = {}
    previous: dict[str, LedgerEntry] = {}
    for entry in sorted(ledger, key=lambda e: e.id):
        before = previous.get(entry.session_id)
        if before is None or _classify(before, entry) is not None \
                or before.revision != entry.revision:
            stamps[entry.session_id] = entry.exported_at
        previous[entry.session_id] = entry
    return stamps


def change_history(ledger: Sequence[LedgerEntry], *, since_id: int) -> list[ExportChanges]:
    """Every change in exports after ledger entry ``since_id``, newest export first.

    An entry that repeats what the session already showed (older databases wrote every session
    at every export) is not a change.
    """
    previous: dict[str, LedgerEntry] = {}
    by_export: dict[str, list[Change]] = {}
    times: dict[str, datetime] = {}
    order: list[str] = []
    for entry in sorted(ledger, key=lambda e: e.id):
        before = previous.get(entry.session_id)
        previous[entry.session_id] = entry
        if entry.id <= since_id:
            continue
        kind = _classify(before, entry)
        if kind is None:
            continue
        if entry.export_id not in by_export:
            by_export[entry.export_id], times[entry.export_id] = [], entry.exported_at
            order.append(entry.export_id)
        by_export[entry.export_id].append(Change(kind, entry, before))
    return [ExportChanges(e, times[e], tuple(by_export[e])) for e in reversed(order)]


def _classify(before: LedgerEntry | None, after: LedgerEntry) -> str | None:
    if after.status == REMOVED:
        return None if before is None or before.status == REMOVED else "removed"
    cancelled = after.status == "cancelled"
    if before is None or before.status == REMOVED:
        return None if cancelled else "added"
    if cancelled:
        return None if before.status == "cancelled" else "cancelled"
    if before.status == "cancelled":
        return "reinstated"
    if (before.start, before.end, before.location) != (after.start, after.end, after.location):
        return "moved"
    return None
