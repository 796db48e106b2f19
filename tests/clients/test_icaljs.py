"""Every exported calendar read back by Mozilla's ical.js, the parser behind Thunderbird.

ical.js is installed from npm by ``make test`` into ``.cache/icaljs``. Without node the tests
skip with a reason on a developer machine; in CI (``CI=true``) they fail instead, because CI
must exercise the real client.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from calendar_scenario import NY, Program, icaljs, icaljs_available, local, new_program

pytestmark = pytest.mark.slow

if not icaljs_available():
    if os.environ.get("CI") == "true":
        raise RuntimeError("node and ical.js are required in CI: run 'make test' (it installs "
                           "ical.js into .cache/icaljs) on a machine with node")
    pytest.skip("node or ical.js is not installed (make test installs ical.js when node exists)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Program:
    return new_program(tmp_path_factory.mktemp("icaljs"))


def _events(program: Program, name: str = "program.ics") -> dict[str, dict[str, object]]:
    [calendar] = icaljs([program.out / "calendar" / name])
    return {str(e["uid"]).split("@")[0]: e for e in calendar["events"]}  # type: ignore[union-attr]


def test_every_calendar_file_parses_with_the_outlook_profile(program: Program) -> None:
    files = sorted((program.out / "calendar").rglob("*.ics"))
    assert len(files) > 2
    for calendar in icaljs(files):
        assert calendar["method"] == "PUBLISH"
        assert calendar["name"], calendar["file"]
        for event in calendar["events"]:  # type: ignore[union-attr]
            assert event["start"] and event["end"] and event["dtstamp"]
            assert event["all_day"] or str(event["start"]).endswith("Z")


def test_event_times_read_by_icaljs_match_sessions_csv(program: Program) -> None:
    events = _events(program)
    rows = program.sessions()
    assert rows
    for session_id, row in rows.items():
        event = events[session_id]
        assert local(str(event["start"])) == datetime.fromisoformat(row["start"]).astimezone(NY)
        assert local(str(event["end"])) == datetime.fromisoformat(row["end"]).astimezone(NY)


def test_dtstamp_is_never_in_the_future_of_the_export(program: Program) -> None:
    # Defect 3: DTSTAMP was the session date at midnight, mostly in the future. Now it is the
    # time of the export that last changed the event: here the plan run with --today, at noon.
    exported = datetime(2026, 11, 23, 12, tzinfo=UTC)
    stamps = {local(str(e["dtstamp"])) for e in _events(program).values()}
    assert stamps == {exported}


def _pick(rows: dict[str, dict[str, str]], before: date) -> str:
    """A scheduled session on a date before ``before``, not yet moved."""
    for session_id, row in sorted(rows.items(), key=lambda kv: kv[1]["start"]):
        start = datetime.fromisoformat(row["start"])
        if start.date() < before and row["status"] == "scheduled" and start.date() > date(
                2026, 11, 23):
            return session_id
    raise AssertionError("no session to move")


@pytest.mark.parametrize(("target", "at", "expected"), [
    # Defect 1: across the spring-forward change (14 Mar 2027), keeping the wall-clock time.
    ("2027-03-17", None, None),
    # … and with a new time given.
    ("2027-03-17", "11:00", time(11, 0)),
    # Across the fall-back change (7 Nov 2027).
    ("2027-11-10", None, None),
])
def test_moved_session_keeps_its_wall_clock_time_across_daylight_saving(
        tmp_path: Path, target: str, at: str | None, expected: time | None) -> None:
    program = new_program(tmp_path)
    before = program.sessions()
    session_id = _pick(before, date(2027, 3, 1))
    original = datetime.fromisoformat(before[session_id]["start"]).astimezone(NY)
    args = ["sessions", "move", session_id, target, "--force", "--today", "2026-11-23"]
    program.run(*args, *(["--time", at] if at else []))
    program.run("export", "calendar", "--out", str(program.out), "--today", "2026-11-23")
    program.plan()
    wanted = expected or original.time()
    row = program.sessions()[session_id]
    csv_start = datetime.fromisoformat(row["start"]).astimezone(NY)
    assert (csv_start.date().isoformat(), csv_start.time()) == (target, wanted)
    event = _events(program)[session_id]
    ics_start = local(str(event["start"]))
    assert (ics_start.date().isoformat(), ics_start.time()) == (target, wanted)
    listed = program.run("sessions", "list").stdout
    line = next(line for line in listed.splitlines() if session_id in line)
    assert f"{wanted:%H:%M}–" in line
    changes = (program.out / "calendar" / "CHANGES.md").read_text(encoding="utf-8")
    assert f"{wanted:%H:%M}–" in changes
