"""Hostile-review fixes (branch wip-fixb): each test fails without its fix."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

Planned = Any  # the ``planned`` fixture's type (tests/cli/conftest.py)


def _shown(result: Any) -> str:
    """What a person sees: the output and the user error the CLI prints."""
    return result.output + str(result.exception or "")


def _first_session(planned: Planned) -> str:
    rows = planned.query("SELECT session_id FROM sessions WHERE start > '2027-02' ORDER BY start")
    return str(rows[0][0])


def test_review_01_move_refuses_a_room_not_in_the_config(planned: Planned) -> None:
    session = _first_session(planned)
    for typed in ("Kiwi Fakely 555-0102", "Group Room A\u202e", "Group\r\nRoom A",
                  "Methadone Dosing Room"):
        result = planned.cli("sessions", "move", session, "2027-06-15", "--room", typed,
                             "--force")
        assert result.exit_code == 1, result.output
        shown = _shown(result)
        assert "Fakely" not in shown and "555" not in shown and "Methadone" not in shown
        assert "Group Room A, Group Room B" in shown
    ok = planned.cli("sessions", "move", session, "2027-06-15", "--room", "group room b",
                     "--force")
    assert ok.exit_code == 0, ok.output
    room = planned.query("SELECT room FROM sessions WHERE session_id = ? "
                         "ORDER BY revision DESC", session)[0][0]
    assert room == "Group Room B"


@pytest.mark.parametrize(("text", "found"), [
    ("Recovery_Families", ["Recovery"]),
    ("RecoveryWorks Center", ["Recovery"]),
    ("\uff24\uff23\uff26 office", ["\uff24\uff23\uff26"]),  # fullwidth DCF
    ("Room D.C.F. 2", ["D.C.F"]),
    ("Neonatal Abstinence Clinic", ["Neonatal Abstinence"]),
    ("Recovery2Families", ["Recovery"]),
    ("Drugstore", []),  # "drug" is shorter than 6 letters: whole words only
    ("Play mat corner", []),
    ("Hope Street", []),
    ("A.M. group, U.S. Route 1", []),
])
def test_review_02_revealing_words_variants(text: str, found: list[str]) -> None:
    from groupwcc.exporters.privacy import find_revealing_words

    assert find_revealing_words(text) == found


def test_review_02_uid_domain_is_checked() -> None:
    from pathlib import Path

    from groupwcc.config import load_config
    from groupwcc.errors import PrivacyError
    from groupwcc.exporters.privacy import check_config_privacy

    config = load_config(Path(__file__).resolve().parents[2] / "examples" / "groupwcc.yaml")
    policy = config.calendar.model_copy(update={"uid_domain": "opioid-recovery.example"})
    with pytest.raises(PrivacyError) as caught:
        check_config_privacy(config.model_copy(update={"calendar": policy}))
    assert {p.where for p in caught.value.problems} == {"calendar.uid_domain"}


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_review_03_non_finite_scores_are_refused(cell: str) -> None:
    from pydantic import ValidationError

    from groupwcc.errors import Problem
    from groupwcc.models.screening import CutOff, Measure
    from groupwcc.readers.child_record import check_value

    problems: list[Problem] = []
    measure = Measure(key="epds.total", label="EPDS total 0-30", minimum=0, maximum=30)
    assert check_value(measure, cell, "row 3, column epds.total", problems) is None
    assert [p.where for p in problems] == ["row 3, column epds.total"]
    assert cell not in problems[0].message
    unbounded = Measure(key="epds.item10", label="EPDS item 10")
    assert check_value(unbounded, cell, "row 4", problems) is None and len(problems) == 2
    with pytest.raises(ValidationError):
        CutOff(measure="epds.total", name="positive", at_least=cell, role="clinician")


def test_review_04_program_templates_run_in_a_sandbox(tmp_path: Path) -> None:
    from groupwcc.errors import ConfigError
    from groupwcc.exporters.templating import render_template

    (tmp_path / "evil.html.j2").write_text(
        '{{ cycler.__init__.__globals__.os.popen("echo pwned").read() }}', encoding="utf-8")
    (tmp_path / "fine.html.j2").write_text("Hello {{ name }}", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        render_template("evil.html.j2", {}, tmp_path)
    assert "evil.html.j2" in str(caught.value) and "pwned" not in str(caught.value)
    assert render_template("fine.html.j2", {"name": "<Kiwi>"}, tmp_path) == "Hello &lt;Kiwi&gt;"


def _length(planned: Planned, session: str) -> timedelta:
    start, end = planned.query("SELECT start, \"end\" FROM sessions WHERE session_id = ? "
                               "ORDER BY revision DESC", session)[0]
    return datetime.fromisoformat(end) - datetime.fromisoformat(start)


def test_review_05_move_to_a_time_that_does_not_exist(planned: Planned) -> None:
    session = _first_session(planned)
    length = _length(planned, session)
    gap = planned.cli("sessions", "move", session, "2027-03-14", "--time", "02:30", "--force")
    assert gap.exit_code == 1
    assert ("02:30 does not exist on 2027-03-14 in America/New_York (clocks go forward)"
            in _shown(gap))
    twice = planned.cli("sessions", "move", session, "2027-11-07", "--time", "01:30",
                        "--force")
    assert twice.exit_code == 1 and "happens twice" in _shown(twice)
    ok = planned.cli("sessions", "move", session, "2027-03-14", "--time", "01:00", "--force")
    assert ok.exit_code == 0, ok.output
    assert _length(planned, session) == length  # real time, across the change at 02:00


def test_review_06_errors_do_not_repeat_typed_names_or_phones(planned: Planned,
                                                             tmp_path: Path) -> None:
    typed = "Kiwi Fakely 555-0102"
    explain = planned.cli("cohorts", "explain", "Fakely", today=False)
    assert explain.exit_code == 1 and "Fakely" not in _shown(explain), _shown(explain)
    for args in (("sessions", "restore", typed),
                 ("sessions", "move", typed, "2027-06-15"), ("referrals", "add", "I013", typed),
                 ("referrals", "add", typed, "early-intervention")):
        result = planned.cli(*args)
        assert result.exit_code == 1, (args, result.output)
        shown = _shown(result)
        assert "Fakely" not in shown and "FAKELY" not in shown and "555" not in shown, shown
    unknown = planned.cli("sessions", "restore", "MAIN-2099-01-A-M4")
    assert "MAIN-2099-01-A-M4" in _shown(unknown)  # a code is still repeated
    records = tmp_path / "records.csv"
    records.write_text("case_id,date_of_birth,assessment_date,doses\n"
                       f"c1,2026-01-01,2026-11-01,2026-03-01:{typed}\n", encoding="utf-8")
    from typer.testing import CliRunner

    from groupwcc.cli import get_app

    forecast = CliRunner().invoke(get_app(), ["vaccines", "forecast", str(records), "--out",
                                              str(tmp_path / "out.csv")])
    assert forecast.exit_code == 1 and "CVX code" in _shown(forecast)
    assert "Fakely" not in _shown(forecast)


@pytest.mark.parametrize("due", ["2099-03-30", "2026-01-15"])
def test_review_06_due_date_errors_do_not_show_the_due_date(tmp_path: Path, due: str) -> None:
    from groupwcc.errors import RosterError
    from groupwcc.readers.roster import read_roster_parts

    roster = tmp_path / "roster.csv"
    roster.write_text("infant_id,family_id,infant_first_name,infant_last_name,date_of_birth,"
                      "caregiver_first_name,caregiver_last_name,site,language,due_date\n"
                      f"I2,F2,,,,Alba,Inventado,main,es,{due}\n", encoding="utf-8")
    with pytest.raises(RosterError) as raised:
        read_roster_parts(roster, sites=["main"], languages=["es"], today=date(2026, 11, 23),
                          max_age_months=24)
    (problem,) = raised.value.problems
    assert "due date is more than" in problem.message and due not in str(raised.value)
