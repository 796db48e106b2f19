"""Read standalone immunisation records for ``groupwcc vaccines forecast``.

A CSV with one row per person: ``case_id``, ``date_of_birth``, ``assessment_date`` and
``doses`` written ``YYYY-MM-DD:CVX;YYYY-MM-DD:CVX;…`` (the layout of CDC's CDSi test cases).
Every problem is reported at once with its row and column and what to do; cell contents are
never repeated in messages (they may be birth dates).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from datetime import date
from pathlib import Path

from groupwcc.errors import Problem, UserError
from groupwcc.models.forecast import DoseGiven, ImmunizationRecord
from groupwcc.readers.echo import echo_code

RECORD_COLUMNS = ("case_id", "date_of_birth", "assessment_date", "doses")


class DoseRecordError(UserError):
    """The records file cannot be read as written."""


def read_dose_records(path: Path, known_cvx: Collection[str]) -> list[ImmunizationRecord]:
    """Parse ``path``; raise DoseRecordError listing every located problem."""
    from groupwcc.readers.text import decode_text
    from groupwcc.readers.workbook_limits import read_regular_file

    data = read_regular_file(path, error_class=DoseRecordError)
    text = decode_text(data, path.name, error_class=DoseRecordError)
    return parse_dose_records(text, path.name, known_cvx)


def parse_dose_records(text: str, name: str, known_cvx: Collection[str]
                       ) -> list[ImmunizationRecord]:
    """Parse the CSV text of a records file (``name`` is used in messages)."""
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in RECORD_COLUMNS if c not in headers]
    if missing:
        raise DoseRecordError(f"{name}: missing column(s) {', '.join(missing)}",
                              hint="the first row must name the columns "
                                   + ", ".join(RECORD_COLUMNS))
    reader.fieldnames = headers
    records: list[ImmunizationRecord] = []
    problems: list[Problem] = []
    for number, row in enumerate(reader, start=2):
        record = _read_row(number, row, known_cvx, problems)
        if record is not None:
            records.append(record)
    if problems:
        raise DoseRecordError(f"{name} has {len(problems)} problem(s)", problems=problems,
                              hint="fix these cells and run the command again")
    return records


def _read_row(number: int, row: dict[str, str | None], known_cvx: Collection[str],
              problems: list[Problem]) -> ImmunizationRecord | None:
    before = len(problems)

    def where(column: str) -> str:
        return f"row {number}, column {column!r}"

    case_id = (row.get("case_id") or "").strip()
    if not case_id:
        problems.append(Problem(where("case_id"), "empty; give each record an id"))
    born = _date(row.get("date_of_birth"), where("date_of_birth"), problems)
    assessed = _date(row.get("assessment_date"), where("assessment_date"), problems)
    doses = _doses(row.get("doses") or "", where("doses"), known_cvx, problems)
    if born and assessed and assessed < born:
        problems.append(Problem(where("assessment_date"),
                                "is before the date of birth; check both dates"))
    if born and any(d.given < born for d in doses):
        problems.append(Problem(where("doses"), "a dose is dated before the date of birth"))
    if assessed and any(d.given > assessed for d in doses):
        problems.append(Problem(where("doses"), "a dose is dated after the assessment date; "
                                "assess on or after the last dose"))
    if len(problems) > before or born is None or assessed is None:
        return None
    return ImmunizationRecord(case_id=case_id, date_of_birth=born, assessment_date=assessed,
                              doses=tuple(doses))


def _date(raw: str | None, where: str, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        problems.append(Problem(where, "not a date; write it as YYYY-MM-DD"))
        return None


def _doses(raw: str, where: str, known_cvx: Collection[str], problems: list[Problem]
           ) -> list[DoseGiven]:
    doses: list[DoseGiven] = []
    for position, item in enumerate(filter(None, (p.strip() for p in raw.split(";"))), start=1):
        given, _, cvx = item.partition(":")
        try:
            day = date.fromisoformat(given.strip())
        except ValueError:
            problems.append(Problem(where, f"dose {position}: write it as YYYY-MM-DD:CVX"))
            continue
        code = cvx.strip()
        if code.isdigit() and len(code) == 1:
            code = "0" + code  # CVX codes below 10 are written with a leading zero
        if code not in known_cvx:
            problems.append(Problem(where, f"dose {position}: CVX code{echo_code(code)} is not "
                                    "in the vaccine table; check the code (groupwcc/data/"
                                    "vaccine_series.yaml lists the known ones)"))
            continue
        doses.append(DoseGiven(given=day, cvx=code))
    return doses
