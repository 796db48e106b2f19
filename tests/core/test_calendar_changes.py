"""The change ledger: what an export records, DTSTAMPs, and the history since an import."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from groupwcc.core.calendar_changes import (
    change_history,
    entries_for_export,
    event_stamps,
    export_time,
)
from groupwcc.models import Session

NY = ZoneInfo("America/New_York")
T1 = datetime(2026, 11, 23, 12, tzinfo=UTC)
T2 = datetime(2026, 11, 30, 12, tzinfo=UTC)
T3 = datetime(2026, 12, 7, 12, tzinfo=UTC)


def _session(sid: str, day: int, **extra: object) -> Session:
    start = datetime(2027, 1, day, 10, tzinfo=NY)
    return Session(session_id=sid, cohort_id="C", visit="m2", start=start,
                   end=start + timedelta(hours=2), site="main", **extra)  # type: ignore[arg-type]


def _export(ledger, sessions, at, locations=None):  # type: ignore[no-untyped-def]
    return ledger + entries_for_export(ledger, sessions, locations or {}, export_id=str(at),
                                       exported_at=at)


def test_an_export_records_only_what_changed() -> None:
    a, b = _session("A", 5), _session("B", 12)
    ledger = _export([], [a, b], T1)
    assert [e.session_id for e in ledger] == ["A", "B"]
    assert _export(ledger, [a, b], T2) == ledger  # nothing changed: nothing recorded
    moved = a.model_copy(update={"start": a.start + timedelta(days=1),
                                 "end": a.end + timedelta(days=1), "revision": 1})
    after = _export(ledger, [moved, b], T2)
    assert [(e.session_id, e.exported_at) for e in after[2:]] == [("A", T2)]


def test_a_session_dropped_from_the_plan_is_recorded_as_removed() -> None:
    a, b = _session("A", 5), _session("B", 12)
    ledger = _export(_export([], [a, b], T1), [a], T2)
    assert (ledger[-1].session_id, ledger[-1].status) == ("B", "removed")
    history = change_history(ledger, since_id=2)
    assert [c.kind for c in history[0].changes] == ["removed"]


def test_dtstamp_is_the_export_that_last_changed_the_event() -> None:
    a, b = _session("A", 5), _session("B", 12)
    ledger = _export(_export([], [a, b], T1), [a, b], T2)
    cancelled = b.model_copy(update={"status": "cancelled", "revision": 1})
    ledger = _export(ledger, [a, cancelled], T3)
    assert event_stamps(ledger) == {"A": T1, "B": T3}


def test_stamps_never_go_backwards_when_today_is_given_earlier() -> None:
    ledger = _export([], [_session("A", 5)], T2)
    assert export_time(ledger, T1) == T2
    assert export_time(ledger, T3) == T3


def test_history_lists_every_export_since_the_confirmed_one_newest_first() -> None:
    a, b, c = _session("A", 5), _session("B", 12), _session("C", 19)
    ledger = _export([], [a, b, c], T1)
    confirmed = ledger[-1].id
    moved = a.model_copy(update={"start": a.start + timedelta(days=2),
                                 "end": a.end + timedelta(days=2), "revision": 1})
    ledger = _export(ledger, [moved, b, c], T2)
    cancelled = b.model_copy(update={"status": "cancelled", "revision": 1})
    ledger = _export(ledger, [moved, cancelled, c], T3)
    history = change_history(ledger, since_id=confirmed)
    assert [h.exported_at for h in history] == [T3, T2]
    assert [(ch.kind, ch.after.session_id) for h in history for ch in h.changes] == [
        ("cancelled", "B"), ("moved", "A")]
    restored = cancelled.model_copy(update={"status": "scheduled", "revision": 2})
    ledger = _export(ledger, [moved, restored, c], T3 + timedelta(days=1))
    assert change_history(ledger, since_id=confirmed)[0].changes[0].kind == "reinstated"
    # After a new confirmation, nothing older is listed.
    assert change_history(ledger, since_id=ledger[-1].id) == []


def test_old_full_snapshots_are_not_changes() -> None:
    # groupwcc 0.1 wrote every session at every export: a repeat is not a change.
    a = _session("A", 5)
    ledger = _export([], [a], T1)
    repeat = ledger[0].__class__(2, "e2", T2, "A", a.start, a.end, "", "scheduled", 0)
    assert change_history([*ledger, repeat], since_id=1) == []
    assert event_stamps([*ledger, repeat]) == {"A": T1}
