"""CHANGES.md: what changed since the previous calendar export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from exporter_fixtures import NY, VISIT_LABELS, make_session

from groupwcc.exporters.changes import render_changes
from groupwcc.models import Session


def _ledger(session: Session, location: str = "Group Room A, 100 Main Street, Suite 2",
            **extra: object) -> dict[str, object]:
    entry: dict[str, object] = {"start": session.start.isoformat(),
                                "end": session.end.isoformat(), "location": location,
                                "status": session.status, "revision": session.revision}
    entry.update(extra)
    return entry


def _render(previous: dict[str, dict[str, object]], current: list[Session],
            locations: dict[str, str] | None = None) -> str:
    return render_changes(previous, current, visit_labels=VISIT_LABELS,
                          timezone="America/New_York",
                          exported_at=datetime(2027, 1, 5, 14, 30, tzinfo=UTC),
                          locations=locations)


def test_nothing_changed_says_so_and_gives_no_steps() -> None:
    session = make_session()
    text = _render({session.session_id: _ledger(session)}, [session])
    assert "Nothing changed since the previous export" in text
    assert "Delete Calendar" not in text
    assert "Exported 2027-01-05 09:30 (America/New_York)." in text


def test_added_moved_cancelled_and_removed() -> None:
    kept = make_session("m1", datetime(2026, 10, 6, 10, tzinfo=NY))
    moved_before = make_session("m2", datetime(2026, 11, 3, 10, tzinfo=NY))
    moved_now = moved_before.model_copy(update={
        "start": moved_before.start + timedelta(days=2, hours=3),
        "end": moved_before.end + timedelta(days=2, hours=3), "revision": 1})
    cancelled = make_session("m4", status="cancelled", revision=1)
    added = make_session("m6", datetime(2027, 3, 16, 10, tzinfo=NY))
    gone = make_session("m9", datetime(2027, 6, 15, 10, tzinfo=NY))
    previous = {s.session_id: _ledger(s) for s in (kept, moved_before, gone)}
    previous[cancelled.session_id] = _ledger(cancelled, status="scheduled", revision=0)
    text = _render(previous, [kept, moved_now, cancelled, added])
    assert "## Added (1)\n\n- MAIN-2026-09-A-M6 (6-month): Tue 16 Mar 2027 10:00–12:00\n" in text
    assert ("- MAIN-2026-09-A-M2 (2-month): Tue 03 Nov 2026 10:00–12:00, Group Room A, "
            "100 Main Street, Suite 2 → Thu 05 Nov 2026 13:00–15:00") in text
    assert "## Cancelled (1)\n\n- MAIN-2026-09-A-M4 (4-month): was Tue 12 Jan 2027" in text
    assert "## Removed from the plan (1)\n\n- MAIN-2026-09-A-M9: was Tue 15 Jun 2027" in text
    assert "M1" not in text.split("## How to update Outlook")[0]


def test_outlook_instructions_match_real_behaviour() -> None:
    text = _render({}, [make_session()])
    assert "This is the first calendar export" in text
    assert "adds a second copy" in text and "Delete Calendar" in text
    assert "Outlook on the web" in text and "Outlook for Mac" in text


def test_location_change_counts_as_a_move_when_locations_are_given() -> None:
    session = make_session()
    previous = {session.session_id: _ledger(session, location="Group Room B")}
    without = _render(previous, [session])
    with_locations = _render(previous, [session],
                             locations={session.session_id: "Group Room A"})
    assert "Nothing changed" in without
    assert "## Moved (1)" in with_locations and "Group Room B →" in with_locations


def test_reinstated_session_is_listed() -> None:
    session = make_session()
    text = _render({session.session_id: _ledger(session, status="cancelled")}, [session])
    assert "## Back on the calendar (1)" in text


def test_cancelled_before_first_export_is_not_listed() -> None:
    text = _render({}, [make_session(status="cancelled")])
    assert "Nothing changed" in text
