"""The child's record in a filled-in attendance sheet: vaccines given and screening results
typed into a session's record columns (models/attendance.py), dated the session's day.

A vaccine cell holds the CVX code or product given, or ``yes`` when the product is not known
(the vaccine's "unspecified" CVX code is recorded then). A result cell holds a number or a
word, checked against the measure (screening_cutoffs.yaml). Problems are located like every
attendance problem and never repeat the cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from groupwcc.errors import AttendanceError, Problem
from groupwcc.models import Mark, Session
from groupwcc.models.attendance import GIVEN_PREFIX
from groupwcc.models.screening import DoseEntry, ScreeningValue
from groupwcc.readers.attendance import (
    _HINT,
    AttendanceContext,
    SheetRow,
    check_rows,
    read_sheet_rows,
)
from groupwcc.readers.child_record import RecordContext, check_value, norm

YES = frozenset({"yes", "y", "x", "given", "true", "1"})
PRESENT = frozenset({"attended", "late"})
_GIVEN = GIVEN_PREFIX.strip() + "_"  # the reader's column names have spaces as _


def read_attendance_record(path: Path, context: AttendanceContext, record: RecordContext, *,
                           today: date
                           ) -> tuple[list[Mark], list[DoseEntry], list[ScreeningValue]]:
    """Marks, doses and screening values of a filled-in sheet; AttendanceError listing every
    problem (nothing is recorded)."""
    rows, problems = read_sheet_rows(path)
    marks = check_rows(rows, context, today=today, problems=problems)
    doses, values = record_cells(rows, marks, context.sessions, record, problems)
    if problems:
        raise AttendanceError(f"{path.name}: {len(problems)} problem(s); nothing was recorded",
                              problems=problems, hint=_HINT)
    return marks, doses, values


def record_cells(rows: list[SheetRow], marks: list[Mark], sessions: Mapping[str, Session],
                 record: RecordContext, problems: list[Problem]
                 ) -> tuple[list[DoseEntry], list[ScreeningValue]]:
    """The doses and values of rows whose mark passed its checks."""
    by_key = {(m.session_id, m.infant_id.casefold()): m for m in marks}
    measures = {norm(k): m for k, m in (record.measures or {}).items()}
    doses: list[DoseEntry] = []
    values: list[ScreeningValue] = []
    for row in rows:
        mark = by_key.get((row.session_id, row.infant_id.casefold()))
        if mark is None or not row.extras:
            continue
        if mark.status not in PRESENT:
            problems.append(Problem(row.at("status"), f"is {mark.status!r} but a vaccine or "
                                    "result is filled in; mark attended or late, or clear it"))
            continue
        day = sessions[mark.session_id].day
        for column, text in row.extras:
            if column.startswith(_GIVEN):
                cvx = _cvx(column[len(_GIVEN):], text, record, row.at(column), problems)
                if cvx:
                    doses.append(DoseEntry(infant_id=mark.infant_id, cvx=cvx, given_on=day))
            elif norm(column) in measures:
                measure = measures[norm(column)]
                value = check_value(measure, text, row.at(column), problems)
                if value is not None:
                    values.append(ScreeningValue(infant_id=mark.infant_id, screened_on=day,
                                                 measure=measure.key, value=value))
    return doses, values


def _cvx(vaccine: str, text: str, record: RecordContext, where: str,
         problems: list[Problem]) -> str | None:
    names, known = record.vaccine_names or {}, record.cvx or {}
    if text.casefold() in YES:
        found = names.get(norm(vaccine))
    elif text.isdigit():
        found = text.zfill(2) if text.zfill(2) in known else None
    else:
        found = names.get(norm(text))
    if found is None:
        problems.append(Problem(where, "not a CVX code or vaccine name groupwcc knows; type "
                                       "the CVX code, the product, or yes"))
    return found
