"""The stability promises of the commands that change a plan by hand, and of init and audit.

Each test works on a planned copy of the example program (tests/cli/conftest.py) and checks
the database and the output files, not only the exit code.
"""

from __future__ import annotations

import stat
from pathlib import Path

from typer.testing import CliRunner

from groupwcc.cli import get_app

MOVED = "MAIN-2026-05-A-M6"  # Tue 2026-12-01 in the example plan; its slot day is Tuesday


def _session(planned, session_id: str) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    rows = planned.query("SELECT start, revision, locked, status, note FROM sessions "
                         "WHERE session_id = ?", session_id)
    assert len(rows) == 1
    return rows[0]


def _ics_event(path: Path, session_id: str) -> str:
    text = path.read_text(encoding="utf-8")
    events = [e for e in text.split("BEGIN:VEVENT")[1:] if f"UID:{session_id}@" in e]
    assert len(events) == 1, f"{session_id} is not exactly once in {path.name}"
    return events[0]


def test_sessions_move_keeps_the_id_locks_it_and_a_replan_keeps_it(planned) -> None:  # type: ignore[no-untyped-def]
    start, revision, locked, _, _ = _session(planned, MOVED)
    assert start.startswith("2026-12-01T10:00") and not locked
    result = planned.cli("sessions", "move", MOVED, "2026-12-08", "--time", "13:00")
    assert result.exit_code == 0, result.output
    start, new_revision, locked, status, _ = _session(planned, MOVED)
    assert start.startswith("2026-12-08T13:00") and locked == 1 and status == "scheduled"
    assert new_revision == revision + 1
    assert planned.replan().exit_code == 0
    assert _session(planned, MOVED)[:3] == (start, new_revision, 1)
    sessions_csv = (planned.out / "sessions.csv").read_text(encoding="utf-8-sig")
    assert f"{MOVED},MAIN-2026-05-A,m6,2026-12-08T13:00:00-05:00" in sessions_csv
    event = _ics_event(planned.out / "calendar" / "MAIN-2026-05-A.ics", MOVED)
    assert "DTSTART:20261208T180000Z" in event  # 13:00 in New York (EST) is 18:00 UTC
    assert f"SEQUENCE:{new_revision}" in event


def test_sessions_move_to_a_date_that_breaks_a_rule_changes_nothing(planned) -> None:  # type: ignore[no-untyped-def]
    before = _session(planned, MOVED)
    result = planned.cli("sessions", "move", MOVED, "2026-12-02")  # a Wednesday
    assert result.exit_code == 1
    assert "not the cohort's slot day" in str(result.exception.problems)
    assert _session(planned, MOVED) == before
    assert planned.query("SELECT count(*) FROM audit_log WHERE command = 'sessions move'") == [(0,)]


def test_sessions_cancel_stays_cancelled_in_the_calendar_after_a_replan(planned) -> None:  # type: ignore[no-untyped-def]
    session_id = "MAIN-2026-08-A-M4"
    result = planned.cli("sessions", "cancel", session_id, "--reason", "snow closure")
    assert result.exit_code == 0, result.output
    assert _session(planned, session_id)[2:] == (1, "cancelled", "snow closure")
    assert planned.replan().exit_code == 0
    assert _session(planned, session_id)[3] == "cancelled"
    event = _ics_event(planned.out / "calendar" / "MAIN-2026-08-A.ics", session_id)
    assert "STATUS:CANCELLED" in event and "SEQUENCE:1" in event
    assert "snow closure" not in (planned.out / "calendar" / "MAIN-2026-08-A.ics").read_text()


def test_cohorts_move_refuses_a_broken_rule_then_moves_when_forced(planned) -> None:  # type: ignore[no-untyped-def]
    def cohort_of(infant_id: str) -> list[tuple]:  # type: ignore[type-arg]
        return planned.query("SELECT cohort_id FROM cohort_members WHERE infant_id = ?",
                             infant_id)

    assert cohort_of("I012") == [("MAIN-2026-05-A",)]
    refused = planned.cli("cohorts", "move", "I012", "MAIN-2026-08-A")
    assert refused.exit_code == 1 and cohort_of("I012") == [("MAIN-2026-05-A",)]
    forced = planned.cli("cohorts", "move", "I012", "MAIN-2026-08-A", "--force")
    assert forced.exit_code == 0, forced.output
    assert cohort_of("I012") == [("MAIN-2026-08-A",)]
    assert planned.query("SELECT counts FROM audit_log WHERE command = 'cohorts move'") == [
        ('{"forced": 1, "infants_moved": 1}',)]
    assert planned.replan().exit_code == 0  # existing members never move back
    assert cohort_of("I012") == [("MAIN-2026-08-A",)]


def test_cohorts_move_takes_the_twin_along(planned) -> None:  # type: ignore[no-untyped-def]
    result = planned.cli("cohorts", "move", "I015", "MAIN-2026-03-A", "--force")
    assert result.exit_code == 0, result.output
    rows = planned.query("SELECT infant_id, cohort_id FROM cohort_members "
                         "WHERE infant_id IN ('I015', 'I016') ORDER BY infant_id")
    assert rows == [("I015", "MAIN-2026-03-A"), ("I016", "MAIN-2026-03-A")]


def test_export_calendar_writes_shareable_calendars_and_records_the_ledger(planned) -> None:  # type: ignore[no-untyped-def]
    ledger_before = planned.query("SELECT count(*) FROM export_ledger")[0][0]
    out = planned.folder / "shared"
    result = planned.cli("export", "calendar", "--out", str(out), "--families")
    assert result.exit_code == 0, result.output
    calendar = out / "calendar"
    cohorts = {r[0] for r in planned.query("SELECT cohort_id FROM cohorts")}
    assert {p.stem for p in calendar.glob("*.ics")} == cohorts | {"program"}
    assert (calendar / "CHANGES.md").is_file() and list((calendar / "families").glob("F*.ics"))
    for path in calendar.rglob("*.ics"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name
    assert not (calendar / "NOTICE.txt").exists()  # nothing in calendars identifies a family
    program_ics = (calendar / "program.ics").read_text(encoding="utf-8")
    sessions = planned.query("SELECT session_id FROM sessions")
    assert program_ics.count("BEGIN:VEVENT") == len(sessions)
    after = planned.query("SELECT count(*) FROM export_ledger")[0][0]
    # The plan recorded every session; an export that changes nothing records nothing more.
    assert ledger_before == len(sessions) and after == ledger_before
    changes = (calendar / "CHANGES.md").read_text(encoding="utf-8")
    assert "Nothing changed since then" in changes
    assert planned.query("SELECT counts FROM audit_log WHERE command = 'export calendar'")


def test_init_writes_a_private_start_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "new-program"
    runner = CliRunner()
    first = runner.invoke(get_app(), ["init", str(folder)])
    assert first.exit_code == 0, first.output
    config, roster = folder / "groupwcc.yaml", folder / "roster.csv"
    assert "sites:" in config.read_text(encoding="utf-8")
    assert roster.read_text(encoding="utf-8-sig").startswith("infant_id,")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in (config, roster)} == {0o600}
    config.write_text("# edited by hand\n", encoding="utf-8")
    again = runner.invoke(get_app(), ["init", str(folder)])
    assert again.exit_code == 1 and config.read_text(encoding="utf-8") == "# edited by hand\n"
    forced = runner.invoke(get_app(), ["init", str(folder), "--force"])
    assert forced.exit_code == 0 and "sites:" in config.read_text(encoding="utf-8")


def test_audit_lists_the_writing_commands_newest_first(planned) -> None:  # type: ignore[no-untyped-def]
    assert planned.cli("sessions", "cancel", MOVED, "--reason", "staff away").exit_code == 0
    result = planned.cli("audit", "--limit", "5", today=False)
    assert result.exit_code == 0, result.output
    assert result.output.index("sessions cancel") < result.output.index("plan")
    assert "infants_added=42" in result.output and "Ada" not in result.output
    newest = planned.cli("audit", "--limit", "1", today=False)
    assert "sessions cancel" in newest.output and "infants_added" not in newest.output
