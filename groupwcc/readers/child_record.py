"""Read a registry or EHR export of vaccines given, and a file of screening results.

Both are CSV or XLSX (readers/tabular.py: one decode policy, Excel row numbers). Every problem
is reported at once with its row and column and what to do; cell contents are never repeated
in messages (they may be birth dates or results). Column names are matched without case,
spaces or punctuation, so ``Patient ID`` and ``patient_id`` are the same column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from groupwcc.errors import Problem, UserError
from groupwcc.models.screening import DoseEntry, Measure, ScreeningValue, VaccineNames
from groupwcc.readers.tabular import Cells, Rows, cell_text, column_letter, read_table

# Column → the names registries and EHRs use for it (after normalising).
VACCINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "infant_id": ("infantid", "patientid", "clientid", "childid", "id", "mrn", "caseid"),
    "cvx": ("cvx", "cvxcode", "vaccinecode", "vaccinecvx"),
    "vaccine": ("vaccine", "vaccinename", "vaccinetype", "product", "tradename"),
    "date_given": ("dategiven", "date", "dateadministered", "administrationdate",
                   "vaccinationdate", "admindate", "administered", "given"),
}
SCREENING_COLUMNS: dict[str, tuple[str, ...]] = {
    "infant_id": VACCINE_COLUMNS["infant_id"],
    "date": ("date", "screenedon", "datescreened", "screeningdate"),
    "measure": ("measure", "screening", "item"),
    "value": ("value", "result", "score"),
}
EntryT = TypeVar("EntryT")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class RecordImportError(UserError):
    """A vaccines or screenings file cannot be recorded as written."""


@dataclass(frozen=True)
class RecordContext:
    """What rows are checked against: infants' birth dates by id, today, known vaccines."""

    born: Mapping[str, date]
    today: date
    cvx: Mapping[str, str] | None = None  # code → name (vaccine_series.yaml)
    vaccine_names: Mapping[str, str] | None = None  # normalised name → code (vaccine_by_name)
    measures: Mapping[str, Measure] | None = None


def norm(text: str) -> str:
    """A name compared without case, spaces or punctuation (``Patient ID`` → ``patientid``)."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def read_vaccine_history(path: Path, context: RecordContext) -> list[DoseEntry]:
    """The doses in a registry/EHR export; RecordImportError listing every located problem."""

    def dose(row: _Row) -> DoseEntry | None:
        cvx = _cvx(row, context)
        if row.infant and row.day and cvx:
            return DoseEntry(infant_id=row.infant, cvx=cvx, given_on=row.day)
        return None

    return _read_rows(path, context, VACCINE_COLUMNS, dose, day_column="date_given",
                      required=("infant_id", "date_given"), one_of=("cvx", "vaccine"))


def read_screening_results(path: Path, context: RecordContext) -> list[ScreeningValue]:
    """Screening values, one per row (infant id, date, measure, value)."""

    def screening(row: _Row) -> ScreeningValue | None:
        measure = _measure(row.cell("measure"), row.where("measure"), context, row.problems)
        value = check_value(measure, row.cell("value"), row.where("value"), row.problems) \
            if measure else None
        if row.infant and row.day and measure and value is not None:
            return ScreeningValue(infant_id=row.infant, screened_on=row.day,
                                  measure=measure.key, value=value)
        return None

    return _read_rows(path, context, SCREENING_COLUMNS, screening, day_column="date",
                      required=("infant_id", "date", "measure", "value"))


@dataclass
class _Row:
    """One data row as a reader's row function sees it: its cells, the file's columns and
    problems so far, and the infant id and date the shared frame has already read (``None``
    when they had a problem)."""

    number: int
    cells: Cells
    columns: Mapping[str, int]
    problems: list[Problem]
    infant: str | None = None
    day: date | None = None

    def cell(self, column: str) -> Any:
        """The raw cell of ``column`` (``None`` when the file has no such column or cell)."""
        index = self.columns.get(column)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def where(self, column: str) -> str:
        """``row N, column X (name)``: the Excel row number and column letter."""
        return f"row {self.number}, column {column_letter(self.columns[column])} ({column})"


def _read_rows(path: Path, context: RecordContext, aliases: Mapping[str, tuple[str, ...]],
               entry: Callable[[_Row], EntryT | None], *, day_column: str,
               required: tuple[str, ...], one_of: tuple[str, ...] = ()) -> list[EntryT]:
    """The frame both files share: read the table, find the columns, and for every row read
    the infant id and the date (``day_column``), check the date against the infant's birth
    and today, and keep ``entry(row)`` if the row had no problem. Every problem is collected
    and raised at once."""
    rows, epoch = _table(path, aliases)
    columns = _columns(path.name, rows, aliases, required=required, one_of=one_of)
    found: list[EntryT] = []
    problems: list[Problem] = []
    for number, cells in rows[1:]:
        before = len(problems)
        row = _Row(number, cells, columns, problems)
        row.infant = _infant(row, context)
        row.day = _date(row.cell(day_column), epoch, row.where(day_column), problems)
        _check_day(row, day_column, context)
        made = entry(row)
        if len(problems) == before and made is not None:
            found.append(made)
    _raise(path.name, problems)
    return found


def check_value(measure: Measure, text: str, where: str, problems: list[Problem]
                ) -> str | None:
    """The value as recorded (a number without a trailing .0, or the choice), or None with a
    problem saying what is allowed. An empty cell is no value and no problem."""
    if not text:
        return None
    if measure.choices:
        choice = next((c for c in measure.choices if norm(c) == norm(text)), None)
        if choice is None:
            problems.append(Problem(where, f"not one of {', '.join(measure.choices)}"))
        return choice
    try:
        number = float(text)
    except ValueError:
        problems.append(Problem(where, f"not a number; {measure.label}"))
        return None
    if not math.isfinite(number):  # float() reads "nan" and "inf": no score is either
        problems.append(Problem(where, f"not a finite number; {measure.label}"))
        return None
    low, high = measure.minimum, measure.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        problems.append(Problem(where, f"outside the range of {measure.label}"))
        return None
    return f"{number:g}"


def _table(path: Path, aliases: Mapping[str, tuple[str, ...]]) -> tuple[Rows, date | None]:
    known = {a for names in aliases.values() for a in names}
    rows, epoch = read_table(path, error_class=RecordImportError,
                             known=lambda name: norm(name) in known)
    if not rows:
        raise RecordImportError(f"{path.name} is empty",
                                hint="the first row must name the columns")
    return rows, epoch


def _columns(name: str, rows: Rows, aliases: Mapping[str, tuple[str, ...]], *,
             required: tuple[str, ...], one_of: tuple[str, ...] = ()) -> dict[str, int]:
    headers = [norm(cell_text(c)) for c in rows[0][1]]
    columns = {}
    for column, names in aliases.items():
        index = next((headers.index(n) for n in names if n in headers), None)
        if index is not None:
            columns[column] = index
    missing = [c for c in required if c not in columns]
    if one_of and not any(c in columns for c in one_of):
        missing.append(" or ".join(one_of))
    if missing:
        raise RecordImportError(f"{name}: missing column(s) {', '.join(missing)}",
                                hint="the first row must name the columns; accepted names "
                                     "are in docs/how-to/registry-import.md")
    return columns


def _infant(row: _Row, context: RecordContext) -> str | None:
    infant = cell_text(row.cell("infant_id"))
    if not infant:
        row.problems.append(Problem(row.where("infant_id"),
                                    "empty; give the infant id of the roster"))
    elif infant not in context.born:
        row.problems.append(Problem(row.where("infant_id"), "not an infant in the roster; use "
                                                            "the roster's infant_id"))
    else:
        return infant
    return None


def _date(value: Any, epoch: date | None, where: str, problems: list[Problem]) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and epoch is not None and not isinstance(value, bool):
        return epoch + timedelta(days=int(value))  # an Excel serial day number
    text = cell_text(value)
    us = _US_DATE.match(text)
    try:
        if us:
            return date(int(us[3]), int(us[1]), int(us[2]))
        if text:
            return date.fromisoformat(text[:10])
    except ValueError:
        problems.append(Problem(where, "not a date; write YYYY-MM-DD (or MM/DD/YYYY)"))
        return None
    problems.append(Problem(where, "empty; give the date"))
    return None


def _check_day(row: _Row, column: str, context: RecordContext) -> None:
    if not (row.infant and row.day):
        return
    if row.day < context.born[row.infant]:
        row.problems.append(Problem(row.where(column),
                                    "is before the infant's date of birth; check the date"))
    elif row.day > context.today:
        row.problems.append(Problem(row.where(column),
                                    "is after today; record what has been given or done"))


def _cvx(row: _Row, context: RecordContext) -> str | None:
    known = context.cvx or {}
    where, problems = row.where, row.problems
    code = cell_text(row.cell("cvx"))
    if code:
        code = code.zfill(2) if code.isdigit() else code
        if code in known:
            return code
        problems.append(Problem(where("cvx"), "not a CVX code groupwcc knows; see "
                                              "groupwcc/data/vaccine_series.yaml"))
        return None
    name = cell_text(row.cell("vaccine"))
    if not name:
        column = "cvx" if "cvx" in row.columns else "vaccine"
        problems.append(Problem(where(column), "empty; give the CVX code or vaccine name"))
        return None
    found = (context.vaccine_names or {}).get(norm(name))
    if found is None:
        problems.append(Problem(where("vaccine"), "vaccine name not recognised; give the CVX "
                                                  "code instead (column 'cvx')"))
    return found


def vaccine_by_name(names: VaccineNames | None, known: Mapping[str, str]) -> dict[str, str]:
    """Normalised name → CVX code: the series data's names (``known``: code → name), then
    the alias list."""
    found = {norm(name): code for code, name in known.items()}
    found.update((norm(k), v) for k, v in (names.names if names else {}).items())
    return found


def _measure(text: Any, where: str, context: RecordContext, problems: list[Problem]
             ) -> Measure | None:
    key = cell_text(text)
    measures = {norm(k): m for k, m in (context.measures or {}).items()}
    if not key:
        problems.append(Problem(where, "empty; name the measure, e.g. epds.total"))
        return None
    if norm(key) not in measures:
        problems.append(Problem(where, "unknown measure; use one of " + ", ".join(
            (context.measures or {}).keys())))
        return None
    return measures[norm(key)]


def _raise(name: str, problems: list[Problem]) -> None:
    if problems:
        raise RecordImportError(f"{name} has {len(problems)} problem(s)", problems=problems,
                                hint="fix these cells and run the command again; nothing "
                                     "was recorded")
