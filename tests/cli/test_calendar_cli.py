"""Calendar exports through the command line: closures, UIDs, names, the confirmed import."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

Planned = Any  # the ``planned`` fixture's type (tests/cli/conftest.py)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


EXAMPLE_DOMAIN = "calendar: {uid_domain: calendar.example-family-clinic.example}\n"


def _set(planned: Planned, text: str) -> None:
    """Replace the example's calendar settings with ``text``."""
    config = planned.folder / "groupwcc.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(EXAMPLE_DOMAIN, "") + text,
                      encoding="utf-8")


def _export(planned: Planned, *extra: str, day: str = "2026-11-24") -> str:
    result = planned.cli_at(day, "export", "calendar", "--out", str(planned.out), *extra)
    assert result.exit_code == 0, result.output
    return (planned.out / "calendar" / "CHANGES.md").read_text(encoding="utf-8")


def _uids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8").replace("\r\n ", "")
    return set(re.findall(r"^UID:(.+)$", text, flags=re.M))


def test_include_closures_puts_each_sites_closed_days_in_its_files(planned: Planned) -> None:
    # Defect 6: calendar.include_closures was documented and never read.
    program_ics = planned.out / "calendar" / "program.ics"
    assert "closed-" not in program_ics.read_text(encoding="utf-8")
    _set(planned, "calendar: {include_closures: true}\n")
    _export(planned)
    text = program_ics.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "UID:closed-main-20261224-en@" in text and "UID:closed-east-20261224-en@" in text
    assert "UID:closed-main-20261225-en@" in text  # Christmas, a public holiday in PA
    block = text[text.index("UID:closed-main-20261224"):]
    block = block[:block.index("END:VEVENT")]
    assert "TRANSP:TRANSPARENT" in text and "VALARM" not in block
    east = next(p for p in (planned.out / "calendar").glob("EAST-*.ics"))
    east_text = east.read_text(encoding="utf-8")
    assert "closed-east-" in east_text and "closed-main-" not in east_text


def test_uids_are_in_the_programs_own_namespace_and_survive_a_rename(planned: Planned) -> None:
    # Defect 4: every program's UIDs ended in @groupwcc.
    assert _uids(planned.out / "calendar" / "program.ics") and all(
        u.endswith("@calendar.example-family-clinic.example")
        for u in _uids(planned.out / "calendar" / "program.ics"))
    _set(planned, "")  # no uid_domain: the program's own default
    _export(planned)
    before = _uids(planned.out / "calendar" / "program.ics")
    domains = {uid.split("@")[1] for uid in before}
    assert len(domains) == 1 and domains != {"groupwcc"}
    assert re.fullmatch(r"[0-9a-f]{12}\.groupwcc", domains.pop())
    config = planned.folder / "groupwcc.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "program: Example Family Clinic", "program: Example Family Health"), encoding="utf-8")
    _export(planned)
    assert _uids(planned.out / "calendar" / "program.ics") == before


def test_two_programs_with_the_same_names_never_share_a_uid(planned: Planned,
                                                            tmp_path: Path) -> None:
    import shutil

    _set(planned, "")  # both programs use the default domain
    _export(planned)
    other = type(planned)(tmp_path / "other")
    other.folder.mkdir()
    for name in ("groupwcc.yaml", "roster.csv"):
        shutil.copy(planned.folder / name, other.folder / name)
    assert other.replan().exit_code == 0
    ours = _uids(planned.out / "calendar" / "program.ics")
    theirs = _uids(other.out / "calendar" / "program.ics")
    assert ours and theirs and not ours & theirs


def test_a_configured_uid_domain_is_used(planned: Planned) -> None:
    _set(planned, "calendar: {uid_domain: babygroups.example.org}\n")
    _export(planned)
    uids = _uids(planned.out / "calendar" / "program.ics")
    assert uids and all(uid.endswith("@babygroups.example.org") for uid in uids)


def test_calendar_names_are_in_each_files_language(planned: Planned) -> None:
    # Defect 5: Spanish cohort files had an English calendar name.
    def text(path: Path) -> str:
        return path.read_bytes().decode("utf-8").replace("\r\n ", "")

    spanish = [p for p in (planned.out / "calendar").glob("*-*.ics")
               if "Grupo de bebés" in text(p)]
    assert spanish
    for path in spanish:
        assert "X-WR-CALNAME:Example Family Clinic – grupos de bebés · " in text(path)
    program = text(planned.out / "calendar" / "program.ics")
    assert "X-WR-CALNAME:Example Family Clinic – baby groups\r\n" in program


def test_changes_accumulate_until_the_import_is_confirmed(planned: Planned) -> None:
    # Defect 2: the next plan replaced the changes list with "Nothing changed".
    sessions = planned.query("SELECT session_id FROM sessions WHERE start > '2027-02' "
                             "ORDER BY start")
    moved, cancelled = sessions[0][0], sessions[1][0]
    assert planned.cli("sessions", "cancel", cancelled, "--reason", "staff away").exit_code == 0
    first = _export(planned)
    assert f"{cancelled}" in first and "### Cancelled (1)" in first
    result = planned.cli("sessions", "move", moved, "2027-06-15", "--force")
    assert result.exit_code == 0, result.output
    assert planned.replan().exit_code == 0  # a plan is an export too
    text = (planned.out / "calendar" / "CHANGES.md").read_text(encoding="utf-8")
    assert "### Cancelled (1)" in text and "### Moved (1)" in text
    assert text.count("## Export of") == 2
    confirmed = planned.cli_at("2026-11-25", "calendar", "imported")
    assert confirmed.exit_code == 0, confirmed.output
    after = _export(planned, day="2026-11-26")
    assert "Nothing changed since then" in after and cancelled not in after
    assert "Changes since you confirmed importing the calendars on 2026-11-25" in after


def test_confirming_before_any_export_is_refused(planned: Planned, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "fresh"
    folder.mkdir()
    shutil.copy(EXAMPLES / "groupwcc.yaml", folder / "groupwcc.yaml")
    result = type(planned)(folder).cli("calendar", "imported")
    assert result.exit_code == 1
    # issue 14 item 11: without a plan there is no database, and 'calendar imported' only
    # reads/extends one, so it says so instead of creating an empty database
    assert "no database at" in str(result.exception)
    assert not (folder / "groupwcc.db").exists()


def test_restore_puts_a_cancelled_session_back_and_refuses_one_that_is_not(
        planned: Planned) -> None:
    [(session_id, revision)] = planned.query(
        "SELECT session_id, revision FROM sessions ORDER BY start DESC LIMIT 1")
    refused = planned.cli("sessions", "restore", session_id)
    assert refused.exit_code == 1 and "is not cancelled" in str(refused.exception)
    assert planned.cli("sessions", "cancel", session_id, "--reason", "storm").exit_code == 0
    assert planned.cli("sessions", "restore", session_id).exit_code == 0
    [(status, note, now)] = planned.query(
        "SELECT status, note, revision FROM sessions WHERE session_id = ?", session_id)
    assert (status, note, now) == ("scheduled", None, revision + 2)
    assert planned.replan().exit_code == 0  # locked: the plan keeps it where it is
    text = (planned.out / "calendar" / "CHANGES.md").read_text(encoding="utf-8")
    assert "Back on the calendar" not in text  # cancelled and restored between two exports
