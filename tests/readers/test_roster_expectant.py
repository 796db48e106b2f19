"""Expectant families: roster rows with a due date and no date of birth (issue 18)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from groupwcc.errors import RosterError
from groupwcc.readers.roster import read_roster, read_roster_parts

TODAY = date(2026, 11, 23)
PROGRAM = dict(sites=["main", "east"], languages=["en", "es"], today=TODAY, max_age_months=24)
HEADER = ("infant_id,family_id,infant_first_name,infant_last_name,date_of_birth,"
          "caregiver_first_name,caregiver_last_name,site,language,due_date\n")
BORN = "I1,F1,Sunny,Example,2026-10-01,Rainy,Example,main,en,\n"


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_an_expectant_row_is_kept_apart_from_the_infants(tmp_path: Path) -> None:
    path = _write(tmp_path, BORN, "I2,F2,,,,Alba,Inventado,main,es,2027-02-10\n")
    parts = read_roster_parts(path, **PROGRAM)  # type: ignore[arg-type]
    assert [i.infant_id for i in parts.infants] == ["I1"]
    assert [(e.infant_id, e.site, e.language, e.due_date) for e in parts.expectant] == [
        ("I2", "main", "es", date(2027, 2, 10))]
    # the plain reader (calendars, sheets, guides) never sees it
    assert [i.infant_id for i in read_roster(path, **PROGRAM)] == ["I1"]  # type: ignore[arg-type]


def test_once_born_the_same_row_is_an_ordinary_infant(tmp_path: Path) -> None:
    path = _write(tmp_path, "I2,F2,Cielo,Inventado,2026-11-20,Alba,Inventado,main,es,2026-12-01\n")
    parts = read_roster_parts(path, **PROGRAM)  # type: ignore[arg-type]
    assert [i.infant_id for i in parts.infants] == ["I2"] and parts.expectant == []


@pytest.mark.parametrize(("due", "says"), [
    ("2026-10-01", "more than 4 weeks before today (2026-11-23); if the baby is born"),
    ("2027-11-01", "more than 42 weeks after today (2026-11-23); check the year"),
    ("soon", "is not a date"),
])
def test_a_due_date_out_of_range_is_explained(tmp_path: Path, due: str, says: str) -> None:
    path = _write(tmp_path, BORN, f"I2,F2,,,,Alba,Inventado,main,es,{due}\n")
    with pytest.raises(RosterError) as raised:
        read_roster_parts(path, **PROGRAM)  # type: ignore[arg-type]
    (problem,) = raised.value.problems
    assert problem.where == 'row 3, column "due_date"' and says in problem.message


def test_no_birth_date_and_no_due_date_is_still_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "I2,F2,,,,Alba,Inventado,main,es,\n")
    with pytest.raises(RosterError) as raised:
        read_roster_parts(path, **PROGRAM)  # type: ignore[arg-type]
    messages = {p.where: p.message for p in raised.value.problems}
    assert "is required" in messages['row 2, column "date_of_birth"']
    assert 'row 2, column "infant_first_name"' in messages
