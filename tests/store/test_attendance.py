"""Attendance marks, history and individual visits in the store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.models import Cohort, CohortPlan, Session
from groupwcc.models.attendance import Mark
from groupwcc.store import open_store, repo
from groupwcc.store.attendance import (
    load_history,
    load_individual_visits,
    load_marks,
    mark_sessions_held,
    record_individual_visit,
    record_marks,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
NY = ZoneInfo("America/New_York")


def _session(visit: str, day: date, status: str = "scheduled") -> Session:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
    return Session(session_id=f"MAIN-2026-03-A-{visit.upper()}", cohort_id="MAIN-2026-03-A",
                   visit=visit, start=start, end=start + timedelta(hours=2), site="main",
                   status=status)  # type: ignore[arg-type]


@pytest.fixture
def store(backend_url):  # type: ignore[no-untyped-def]
    store = open_store(backend_url)
    infants = [make_infant(n=n) for n in (1, 2, 3)]
    with store.transaction() as conn:
        repo.save_roster(conn, infants, now=NOW)
        repo.save_cohort_plan(conn, CohortPlan(cohorts=(Cohort(
            cohort_id="MAIN-2026-03-A", site="main", language="en",
            infant_ids=tuple(i.infant_id for i in infants)),)))
        repo.save_sessions(conn, [_session("m1", date(2026, 4, 7)),
                                  _session("m2", date(2026, 5, 5)),
                                  _session("m4", date(2026, 7, 7), status="cancelled")])
    return store


M1, M2 = "MAIN-2026-03-A-M1", "MAIN-2026-03-A-M2"


def test_recording_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    marks = [Mark(M1, "I-0001", "attended"), Mark(M1, "I-0002", "absent", "called")]
    with store.transaction() as conn:
        first = record_marks(conn, marks, now=NOW, source="sheet.xlsx")
    with store.transaction() as conn:
        second = record_marks(conn, marks, now=LATER, source="sheet.xlsx")
        rows = load_marks(conn)
        history = load_history(conn)
    assert first.as_dict() == {"added": 2, "changed": 0, "unchanged": 0, "sessions_held": 1}
    assert second.as_dict() == {"added": 0, "changed": 0, "unchanged": 2, "sessions_held": 0}
    assert [(r.infant_id, r.status, r.notes, r.recorded_at) for r in rows] == [
        ("I-0001", "attended", "", NOW.isoformat(timespec="seconds")),
        ("I-0002", "absent", "called", NOW.isoformat(timespec="seconds"))]
    assert len(history) == 2 and all(h.old_status is None for h in history)


def test_changed_status_updates_and_keeps_history(store) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as conn:
        record_marks(conn, [Mark(M1, "I-0002", "absent", "left a message")], now=NOW,
                     source="a.csv")
    with store.transaction() as conn:
        counts = record_marks(conn, [Mark(M1, "I-0002", "late")], now=LATER, source="mark")
        (row,) = load_marks(conn, session_id=M1)
        history = load_history(conn, infant_id="I-0002")
    assert counts.changed == 1
    assert (row.status, row.notes, row.source) == ("late", "left a message", "mark")
    assert [(h.old_status, h.new_status, h.source) for h in history] == [
        (None, "absent", "a.csv"), ("absent", "late", "mark")]


def test_notes_only_change_updates_without_history(store) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as conn:
        record_marks(conn, [Mark(M1, "I-0001", "attended")], now=NOW, source="x")
    with store.transaction() as conn:
        counts = record_marks(conn, [Mark(M1, "I-0001", "attended", "brought twin")],
                              now=LATER, source="x")
        assert load_marks(conn)[0].notes == "brought twin"
        assert len(load_history(conn)) == 1
    assert counts.changed == 1


def test_sessions_with_attendance_become_held(store) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as conn:
        record_marks(conn, [Mark(M2, "I-0003", "excused")], now=NOW, source="x")
        statuses = {s.session_id: s.status for s in repo.load_sessions(conn)}
        # Already held or cancelled sessions are left as they are.
        assert mark_sessions_held(conn, [M2, "MAIN-2026-03-A-M4"]) == 0
        assert mark_sessions_held(conn, []) == 0
    assert statuses == {M1: "scheduled", M2: "held", "MAIN-2026-03-A-M4": "cancelled"}


def test_failed_transaction_records_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), store.transaction() as conn:
        record_marks(conn, [Mark(M1, "I-0001", "attended")], now=NOW, source="x")
        raise RuntimeError("crash after recording")
    with store.transaction() as conn:
        assert load_marks(conn) == []
        assert repo.get_session(conn, M1).status == "scheduled"  # type: ignore[union-attr]


def test_individual_visits_are_idempotent(store) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as conn:
        assert record_individual_visit(conn, "I-0001", date(2026, 5, 12), None, now=NOW)
        assert not record_individual_visit(conn, "I-0001", date(2026, 5, 12), "m2", now=LATER)
        assert not record_individual_visit(conn, "I-0001", date(2026, 5, 12), "m4", now=LATER)
        assert record_individual_visit(conn, "I-0002", date(2026, 5, 12), "m2", now=NOW)
        visits = load_individual_visits(conn)
    # The unknown visit age was filled in once and not overwritten afterwards.
    assert [(v.infant_id, v.visit_date, v.visit) for v in visits] == [
        ("I-0001", date(2026, 5, 12), "m2"), ("I-0002", date(2026, 5, 12), "m2")]
