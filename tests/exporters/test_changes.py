"""CHANGES.md: every change since the coordinator last confirmed an import, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from exporter_fixtures import NY, VISIT_LABELS, make_session

from groupwcc.core.calendar_changes import change_history, entries_for_export
from groupwcc.exporters.changes import render_changes
from groupwcc.models import Session
from groupwcc.models.ledger import LedgerEntry

ROOM = "Group Room A, 100 Main Street, Suite 2"
DAY = timedelta(days=1)
FIRST = datetime(2027, 1, 5, 14, 30, tzinfo=UTC)


def _ledger(exports: Sequence[Sequence[Session]], rooms: Sequence[str] | None = None
            ) -> list[LedgerEntry]:
    ledger: list[LedgerEntry] = []
    for number, sessions in enumerate(exports):
        room = rooms[number] if rooms else ROOM
        ledger += entries_for_export(ledger, sessions, {s.session_id: room for s in sessions},
                                     export_id=f"e{number}", exported_at=FIRST + number * DAY)
    return ledger


def _render(ledger: list[LedgerEntry], *, since: int = 0,
            confirmed: datetime | None = None, first: bool = False) -> str:
    exported = max((e.exported_at for e in ledger), default=FIRST)
    return render_changes(change_history(ledger, since_id=since), visit_labels=VISIT_LABELS,
                          timezone="America/New_York", exported_at=exported,
                          first_export=first, confirmed_at=confirmed)


def test_first_export_says_import_as_new_calendars() -> None:
    text = _render(_ledger([[make_session()]]), first=True)
    assert "This is the first calendar export" in text
    assert "Exported 2027-01-05 09:30 (America/New_York)." in text


def test_nothing_changed_since_the_confirmed_import_says_so_and_gives_no_steps() -> None:
    session = make_session()
    ledger = _ledger([[session], [session]])
    text = _render(ledger, since=ledger[-1].id, confirmed=FIRST)
    assert "Nothing changed since then" in text and "Delete Calendar" not in text
    assert "Changes since you confirmed importing the calendars on 2027-01-05 09:30." in text


def test_added_moved_cancelled_and_removed() -> None:
    kept = make_session("m1", datetime(2026, 10, 6, 10, tzinfo=NY))
    moved_before = make_session("m2", datetime(2026, 11, 3, 10, tzinfo=NY))
    moved_now = moved_before.model_copy(update={
        "start": moved_before.start + timedelta(days=2, hours=3),
        "end": moved_before.end + timedelta(days=2, hours=3), "revision": 1})
    planned = make_session("m4")
    cancelled = planned.model_copy(update={"status": "cancelled", "revision": 1})
    added = make_session("m6", datetime(2027, 3, 16, 10, tzinfo=NY))
    gone = make_session("m9", datetime(2027, 6, 15, 10, tzinfo=NY))
    text = _render(_ledger([[kept, moved_before, planned, gone],
                            [kept, moved_now, cancelled, added]]))
    assert "### Added (1)\n\n- MAIN-2026-09-A-M6 (6-month): Tue 16 Mar 2027 10:00–12:00" in text
    assert ("- MAIN-2026-09-A-M2 (2-month): Tue 03 Nov 2026 10:00–12:00, Group Room A, "
            "100 Main Street, Suite 2 → Thu 05 Nov 2026 13:00–15:00") in text
    assert "### Cancelled (1)\n\n- MAIN-2026-09-A-M4 (4-month): was Tue 12 Jan 2027" in text
    assert "### Removed from the plan (1)\n\n- MAIN-2026-09-A-M9: was Tue 15 Jun" in text
    assert "M1" not in text.split("## How to update Outlook")[0]


def test_unconfirmed_changes_are_never_dropped_and_come_newest_first() -> None:
    # Defect 2: the next export (or plan) replaced the list with "Nothing changed".
    one, two = make_session("m2"), make_session("m4", datetime(2027, 3, 16, 10, tzinfo=NY))
    cancelled = two.model_copy(update={"status": "cancelled", "revision": 1})
    moved = one.model_copy(update={"start": one.start + DAY, "end": one.end + DAY,
                                   "revision": 1})
    text = _render(_ledger([[one, two], [one, cancelled], [one, cancelled], [moved, cancelled]]))
    assert text.index("## Export of 2027-01-08") < text.index("## Export of 2027-01-06")
    assert "### Cancelled (1)" in text and "### Moved (1)" in text
    assert "Delete Calendar" in text and "groupwcc calendar imported" in text


def test_location_change_counts_as_a_move() -> None:
    session = make_session()
    text = _render(_ledger([[session], [session]], rooms=["Group Room B", "Group Room A"]))
    assert "### Moved (1)" in text and "Group Room B →" in text


def test_reinstated_session_is_listed() -> None:
    session = make_session()
    cancelled = session.model_copy(update={"status": "cancelled", "revision": 1})
    back = session.model_copy(update={"revision": 2})
    text = _render(_ledger([[session], [cancelled], [back]]))
    assert "### Back on the calendar (1)" in text


def test_cancelled_before_it_was_ever_exported_is_not_listed() -> None:
    ledger = _ledger([[make_session("m2")], [make_session("m2"),
                                              make_session("m4", status="cancelled")]])
    assert "Nothing changed" in _render(ledger)


def test_outlook_instructions_match_real_behaviour() -> None:
    one = make_session()
    moved = one.model_copy(update={"start": one.start + DAY, "end": one.end + DAY,
                                   "revision": 1})
    text = _render(_ledger([[one], [moved]]))
    assert "adds a second copy" in text and "Delete Calendar" in text
    assert "Outlook on the web" in text and "Outlook for Mac" in text
