"""The standalone records CSV of ``groupwcc vaccines forecast``: located errors, no echo."""

from __future__ import annotations

from datetime import date

import pytest

from groupwcc.readers.dose_records import DoseRecordError, parse_dose_records
from groupwcc.readers.vaccine_series import load_vaccine_series

KNOWN = load_vaccine_series().vaccines
HEADER = "case_id,date_of_birth,assessment_date,doses\n"


def test_reads_doses_in_order_with_short_cvx_codes_padded() -> None:
    records = parse_dose_records(HEADER + "C1,2025-01-01,2025-06-01,2025-03-01:110;2025-05-01:8\n",
                                 "r.csv", KNOWN)
    assert [(d.given, d.cvx) for d in records[0].doses] == [
        (date(2025, 3, 1), "110"), (date(2025, 5, 1), "08")]


def test_empty_doses_are_a_record_without_doses() -> None:
    assert parse_dose_records(HEADER + "C1,2025-01-01,2025-06-01,\n", "r.csv", KNOWN)[0].doses == ()


def test_every_problem_is_located_and_no_cell_is_echoed() -> None:
    text = HEADER + ("C1,1999-02-30,2025-06-01,2025-03-01:110\n"
                     "C2,2025-01-01,2025-06-01,2025-03-01:998;2025-03-0x:08\n"
                     ",2025-01-01,2024-06-01,\n")
    with pytest.raises(DoseRecordError) as caught:
        parse_dose_records(text, "r.csv", KNOWN)
    where = [p.where for p in caught.value.problems]
    assert where == ["row 2, column 'date_of_birth'", "row 3, column 'doses'",
                     "row 3, column 'doses'", "row 4, column 'case_id'",
                     "row 4, column 'assessment_date'"]
    message = str(caught.value)
    assert "1999-02-30" not in message and "2025-03-0x" not in message
    assert "YYYY-MM-DD" in message


def test_missing_column_is_named() -> None:
    with pytest.raises(DoseRecordError, match="missing column.*doses"):
        parse_dose_records("case_id,date_of_birth,assessment_date\n", "r.csv", KNOWN)


def test_dose_after_the_assessment_date_is_refused() -> None:
    with pytest.raises(DoseRecordError) as caught:
        parse_dose_records(HEADER + "C1,2025-01-01,2025-03-01,2025-04-01:08\n", "r.csv", KNOWN)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column 'doses': a dose is dated after the assessment date; "
        "assess on or after the last dose"]
