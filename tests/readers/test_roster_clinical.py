"""The optional staff-only roster columns: rsv_protection, hcv_exposed, hbsag_positive_parent."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from groupwcc.errors import RosterError
from groupwcc.models.roster import STAFF_ONLY_COLUMNS
from groupwcc.readers.roster import ROSTER_COLUMNS, read_roster

PROGRAM = dict(sites=["main"], languages=["en", "es"], today=date(2026, 11, 23),
               max_age_months=24)
ROW = {"infant_id": "I1", "family_id": "F1", "infant_first_name": "Sunny",
       "infant_last_name": "Example", "date_of_birth": "2026-05-20",
       "caregiver_first_name": "Maple", "caregiver_last_name": "Example", "site": "main"}


def _roster(tmp_path: Path, **extra: str) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*ROW, *extra], lineterminator="\n")
    writer.writeheader()
    writer.writerow({**ROW, **extra})
    path = tmp_path / "roster.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_the_columns_are_optional_and_listed_near_the_end(tmp_path: Path):
    # then due_date (expectant families) and caregiver_role (issue 15)
    assert ROSTER_COLUMNS[-5:-2] == STAFF_ONLY_COLUMNS
    infant = read_roster(_roster(tmp_path), **PROGRAM)[0]  # type: ignore[arg-type]
    assert (infant.rsv_protection, infant.hcv_exposed, infant.hbsag_positive_parent) == \
        (None, False, False)


@pytest.mark.parametrize(("text", "expected"), [
    ("maternal_vaccine", "maternal_vaccine"), ("Maternal vaccine", "maternal_vaccine"),
    ("infant_antibody", "infant_antibody"), ("", None)])
def test_rsv_protection_values(tmp_path: Path, text: str, expected: str | None):
    path = _roster(tmp_path, rsv_protection=text)
    assert read_roster(path, **PROGRAM)[0].rsv_protection == expected  # type: ignore[arg-type]


def test_exposure_fields_read_yes_and_no(tmp_path: Path):
    path = _roster(tmp_path, hcv_exposed="yes", hbsag_positive_parent="n")
    infant = read_roster(path, **PROGRAM)[0]  # type: ignore[arg-type]
    assert infant.hcv_exposed is True and infant.hbsag_positive_parent is False


def test_a_bad_value_names_the_cell_but_never_repeats_it(tmp_path: Path):
    path = _roster(tmp_path, hcv_exposed="positive", rsv_protection="Beyfortus")
    with pytest.raises(RosterError) as caught:
        read_roster(path, **PROGRAM)  # type: ignore[arg-type]
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 2
    assert any("hcv_exposed" in p and "yes or no" in p for p in found)
    assert any("rsv_protection" in p and "maternal_vaccine" in p for p in found)
    assert not any("positive" in p.replace("HBsAg-positive", "") or "Beyfortus" in p
                   for p in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("parent", "parent"), ("Partner", "partner"), ("kin", "kin"), ("Grandparent", "kin"),
    ("foster carer", "foster"), ("FOSTER", "foster"), ("", None)])
def test_caregiver_role_is_read_in_common_spellings(tmp_path: Path, text: str,
                                                    expected: str | None):
    infant = read_roster(_roster(tmp_path, caregiver_role=text), **PROGRAM)[0]  # type: ignore[arg-type]
    assert infant.caregiver_role == expected


def test_an_unknown_caregiver_role_is_located_and_not_echoed(tmp_path: Path):
    with pytest.raises(RosterError) as caught:
        read_roster(_roster(tmp_path, caregiver_role="Aunt Zelda"), **PROGRAM)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "caregiver_role" in message and "parent, partner, kin or foster" in message
    assert "Zelda" not in message
