"""icalendar and Mozilla's ical.js read the directly written events (exporters/ics.py) the same
way: same UID, texts (escaped commas, semicolons, backslashes, line breaks, long folded
non-ASCII lines), times and alarm, for ordinary, cancelled and virtual sessions."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from calendar_scenario import icaljs, icaljs_available
from exporter_fixtures import NY, VISIT_LABELS, make_cohort, make_config, make_members, make_session

from groupwcc.exporters.ics import render_calendar

pytestmark = pytest.mark.slow

if not icaljs_available():
    if os.environ.get("CI") == "true":
        raise RuntimeError("node and ical.js are required in CI: run 'make test'")
    pytest.skip("node or ical.js is not installed (make test installs ical.js when node exists)",
                allow_module_level=True)

ROOM = "Sala 2, ala \"Norte\"; piso 3 \\ entrada C\nllame al timbre · ñandú 中文 " * 2


def _calendar() -> bytes:
    config = make_config(description_template="Grupo {cohort}; traiga: mantas, pañales\\N"
                                              "y agua\\bebida")
    cohort = make_cohort(make_members(), language="es")
    start = datetime(2027, 1, 12, 10, 0, tzinfo=NY)
    sessions = [make_session("m4", start, room=ROOM),
                make_session("m6", datetime(2027, 3, 16, 10, tzinfo=NY), status="cancelled",
                             revision=2),
                make_session("m9", datetime(2027, 6, 15, 10, tzinfo=NY), room=None,
                             virtual_link="https://video.example/j/1?a=b,c;d")]
    return render_calendar(sessions, calendar_name="Clínica – grupos", cohorts={
        cohort.cohort_id: cohort}, config=config, visit_labels={"es": VISIT_LABELS},
        language="es")


def _icalendar_view(data: bytes) -> dict[str, dict[str, object]]:
    from icalendar import Calendar

    found = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        found[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]), "description": str(event["DESCRIPTION"]),
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "status": str(event["STATUS"]), "sequence": int(event["SEQUENCE"]),
            "start": event.decoded("DTSTART").astimezone(UTC).isoformat(),
            "alarms": len(event.walk("VALARM"))}
    return found


def test_icalendar_and_icaljs_read_the_same_events(tmp_path: Path) -> None:
    data = _calendar()
    path = tmp_path / "agree.ics"
    path.write_bytes(data)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    ours = _icalendar_view(data)
    [calendar] = icaljs([path])
    theirs = {str(e["uid"]): e for e in calendar["events"]}  # type: ignore[union-attr]
    assert set(ours) == set(theirs) and len(ours) == 3
    for uid, event in ours.items():
        other = theirs[uid]
        for key in ("summary", "description", "location", "status", "sequence", "alarms"):
            assert event[key] == other[key], (uid, key)
        assert datetime.fromisoformat(str(other["start"]).replace("Z", "+00:00")).isoformat() \
            == event["start"]
    located = ours["MAIN-2026-09-A-M4@groupwcc"]["location"]
    assert located == f"{ROOM}, 100 Main Street, Suite 2"
