"""Calendars uploaded to a real CalDAV server (Radicale on 127.0.0.1), then replaced by an
updated export, as a clinic's shared calendar server would receive them."""

from __future__ import annotations

from pathlib import Path

import pytest
from caldav_server import radicale, split_events
from calendar_scenario import new_program

pytest.importorskip("radicale", reason="radicale is in the dev extra: pip install -e '.[dev]'")
pytestmark = pytest.mark.slow


def _field(ics: bytes, name: str) -> str:
    from icalendar import Calendar

    [event] = list(Calendar.from_ical(ics).walk("VEVENT"))
    value = event[name]
    return value.dt.isoformat() if hasattr(value, "dt") else str(value)


def _upload(server, collection: str, ics_file: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    events = split_events(ics_file.read_bytes())
    for uid, single in events.items():
        status = server.put(collection, uid, single)
        assert status in (201, 204), (uid, status)
    return events


def test_upload_then_replace_with_moved_cancelled_and_restored_events(tmp_path: Path) -> None:
    program = new_program(tmp_path / "program")
    rows = program.sessions()
    upcoming = sorted((r for r in rows.values() if r["status"] == "scheduled"
                       and r["start"] > "2026-12-15"), key=lambda r: r["start"])
    moved, cancelled = upcoming[0]["session_id"], upcoming[1]["session_id"]
    with radicale(tmp_path / "caldav") as server:
        collection = server.make_calendar("baby-groups")
        first = _upload(server, collection, program.out / "calendar" / "program.ics")
        uid = {sid: next(u for u in first if u.startswith(sid + "@")) for sid in (moved, cancelled)}

        program.run("sessions", "move", moved, "2027-06-15", "--time", "13:00", "--force",
                    "--today", "2026-11-23")
        program.run("sessions", "cancel", cancelled, "--reason", "staff training",
                    "--today", "2026-11-23")
        program.run("export", "calendar", "--out", str(program.out), "--today", "2026-11-24")
        _upload(server, collection, program.out / "calendar" / "program.ics")
        stored = server.get(collection, uid[moved])
        assert _field(stored, "DTSTART") == "2027-06-15T17:00:00+00:00"  # 13:00 EDT
        assert int(_field(stored, "SEQUENCE")) > int(_field(first[uid[moved]], "SEQUENCE"))
        assert _field(server.get(collection, uid[cancelled]), "STATUS") == "CANCELLED"

        program.run("sessions", "restore", cancelled, "--today", "2026-11-25")
        program.run("export", "calendar", "--out", str(program.out), "--today", "2026-11-25")
        _upload(server, collection, program.out / "calendar" / "program.ics")
        assert _field(server.get(collection, uid[cancelled]), "STATUS") == "CONFIRMED"
        assert server.whole(collection).count(b"BEGIN:VEVENT") == len(first)


def test_every_file_gives_one_text_per_uid_so_a_server_accepts_all(tmp_path: Path) -> None:
    program = new_program(tmp_path / "program")
    program.run("export", "calendar", "--families", "--out", str(program.out),
                "--today", "2026-11-23")
    seen: dict[str, bytes] = {}
    files = sorted((program.out / "calendar").rglob("*.ics"))
    with radicale(tmp_path / "caldav") as server:
        collection = server.make_calendar("everything")
        for ics_file in files:
            for uid, single in split_events(ics_file.read_bytes()).items():
                if uid in seen:
                    # Defect 5: the same UID and SEQUENCE carried different text per file.
                    assert single == seen[uid], f"{uid} differs in {ics_file.name}"
                    continue
                seen[uid] = single
                assert server.put(collection, uid, single) in (201, 204)
    assert seen
