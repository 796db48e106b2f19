"""The enrolment roster (CSV or XLSX) read into validated ``Infant`` models.

Tolerant of how rosters really arrive (Excel "CSV UTF-8" with a BOM, UTF-16 "Unicode Text",
semicolon or tab separators, Excel date cells and serial numbers, US dates, stray spaces, blank
lines, extra columns, title rows above the header) and strict about meaning: every bad value in
every row is reported in one pass, located as ``row N, column "C"`` with N the row number Excel
shows. Errors never repeat a whole row, and echo a value only where it helps to fix it (a date
yes, a name or phone never). docs/reference/roster-format.md is the user-facing description.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from groupwcc.core.ages import add_months
from groupwcc.errors import Problem, RosterError
from groupwcc.models import Infant
from groupwcc.models.roster import REQUIRED_COLUMNS, ROSTER_COLUMNS, ExpectantFamily
from groupwcc.readers.roster_values import (
    EPOCH_1900,
    PARSERS,
    Parser,
    ValueContext,
    parse_plain,
    parse_value,
    plain_cells,
    shown,
)
from groupwcc.readers.tabular import Cells, Rows, cell_text, column_letter, read_table
from groupwcc.readers.text import unsafe_character

__all__ = ["COLUMN_ALIASES", "REQUIRED_COLUMNS", "ROSTER_COLUMNS", "RosterParts", "read_roster",
           "read_roster_parts"]

_REQUIRED = frozenset(REQUIRED_COLUMNS)
# An expectant row (a due_date, no date_of_birth) may leave the baby's names empty too.
_NOT_YET = frozenset({"date_of_birth", "infant_first_name", "infant_last_name"})
_EXPECTANT_FIELDS = frozenset(ExpectantFamily.model_fields)

# Other headers real exports use. Compared after dropping case, spaces, "_" and "-".
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "infant_id": ("child_id", "baby_id"),
    "infant_first_name": ("first_name", "child_first_name", "baby_first_name"),
    "infant_last_name": ("last_name", "child_last_name", "baby_last_name"),
    "date_of_birth": ("dob", "birth_date", "birthdate", "infant_dob"),
    "caregiver_first_name": ("parent_first_name",),
    "caregiver_last_name": ("parent_last_name",),
    "caregiver_preferred_name": ("preferred_name", "parent_preferred_name"),
    "gestational_age_weeks": ("ga_weeks",),
    "gestational_age_days": ("ga_days",),
    "group_consent": ("consent",),
    "phone": ("phone_number", "caregiver_phone"),
    "keep_apart_with": ("keep_apart",),
    "enrolled_on": ("enrollment_date", "enrolment_date", "enrolled"),
    "due_date": ("edd", "expected_due_date", "due"),
}

# Model field for each column where the two differ.
_FIELD = {"infant_first_name": "first_name", "infant_last_name": "last_name"}
_HEADER_SCAN = 10  # title rows an EHR export may put above the header


def _squash(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header).lower()


_LOOKUP: dict[str, str] = {
    _squash(name): column
    for column in ROSTER_COLUMNS
    for name in (column, *COLUMN_ALIASES.get(column, ()))
}


def _known(cell: str) -> bool:
    return _squash(cell) in _LOOKUP


@dataclass(frozen=True)
class RosterParts:
    """A roster's infants, and its expectant families (rows with a due date and no birth date)."""

    infants: list[Infant]
    expectant: list[ExpectantFamily]


def read_roster(path: Path, *, sites: Sequence[str], languages: Sequence[str], today: date,
                max_age_months: int) -> list[Infant]:
    """Read a roster file; raise ``RosterError`` listing every problem, each with its row.

    ``sites`` and ``languages`` are the program's known ids; ``today`` and ``max_age_months``
    bound the dates of birth (the age limit applies to active rows only). Expectant families
    are left out: they are never on a calendar, sheet or guide (:func:`read_roster_parts`).
    """
    return read_roster_parts(path, sites=sites, languages=languages, today=today,
                             max_age_months=max_age_months).infants


def read_roster_parts(path: Path, *, sites: Sequence[str], languages: Sequence[str],
                      today: date, max_age_months: int) -> RosterParts:
    """:func:`read_roster`, with the expectant families as well."""
    rows, epoch = read_table(path, error_class=RosterError, known=_known)
    if not rows:
        raise RosterError(f"{path.name} is empty",
                          hint="the first row names the columns and each further row is one "
                               "infant; 'groupwcc init DIR' writes a template")
    header_at = _find_header(rows, path)
    header_row, header = rows[header_at]
    columns, problems = _map_columns(header_row, header)
    if problems:
        raise _roster_error(path, problems)
    body = rows[header_at + 1:]
    if not body:
        raise RosterError(f"{path.name} has a header row but no infants",
                          hint="add one row per infant under the header")
    plan = tuple((name, _FIELD.get(name, name), column, PARSERS.get(name, parse_plain))
                 for name, column in columns.items())
    values = ValueContext(sites={s.lower(): s for s in sites},
                          languages={lang.lower(): lang for lang in languages},
                          today=today, max_age_months=max_age_months,
                          epoch=epoch or EPOCH_1900)
    context = _Reading(values, plan, text_cells=epoch is None)
    parsed = [_read_row(number, cells, columns, context) for number, cells in body]
    _cross_check(parsed, columns)
    problems = [p for row in parsed for _, p in sorted(row.problems, key=lambda c: c[0])]
    if problems:
        raise _roster_error(path, problems)
    born = [row.values for row in parsed if "date_of_birth" in row.values]
    expecting = [row.values for row in parsed if "date_of_birth" not in row.values]
    return RosterParts(
        [Infant(**{k: v for k, v in values.items() if k != "due_date"}) for values in born],
        [ExpectantFamily(**{k: v for k, v in values.items() if k in _EXPECTANT_FIELDS})
         for values in expecting])


# --- header ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as the person wrote it, so they can find it

    def where(self, row: int) -> str:
        return f'row {row}, column "{self.header}"'


def _find_header(rows: Rows, path: Path) -> int:
    """The first row with the most known column names among the first few non-blank rows."""
    counts = [sum(_squash(cell_text(c)) in _LOOKUP for c in cells)
              for _, cells in rows[:_HEADER_SCAN]]
    best = max(counts)
    if best == 0:
        raise RosterError(f"{path.name}: no header row found",
                          hint="the first row must name the columns (infant_id, family_id, "
                               "infant_first_name, …); if it holds an infant, insert the header "
                               "row above it; docs/reference/roster-format.md lists every column")
    return counts.index(best)


def _map_columns(row: int, header: Cells) -> tuple[dict[str, _Column], list[Problem]]:
    columns: dict[str, _Column] = {}
    problems = []
    for index, cell in enumerate(header):
        text = cell_text(cell)
        name = _LOOKUP.get(_squash(text))
        if name is None:
            continue
        # Squashing drops any Unicode space (line separators too): such a header is named
        # by its column's own name, so no invisible character reaches a message.
        text = text if unsafe_character(text) is None else name
        if name in columns:
            first = columns[name]
            problems.append(Problem(
                f'row {row}, column "{text}"',
                f"column {column_letter(index)} repeats column {column_letter(first.index)} "
                f'("{first.header}", both mean {name}); delete one'))
            continue
        columns[name] = _Column(index, text)
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            accepted = ", ".join((name, *COLUMN_ALIASES.get(name, ())))
            problems.append(Problem(
                f"row {row} (header)",
                f'required column "{name}" is missing (accepted headers: {accepted}; case, '
                "spaces, underscores and hyphens do not matter)"))
    return columns, problems


# --- rows ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Reading:
    """How to read the body rows: each column's parser, and what values are checked against."""

    values: ValueContext
    plan: tuple[tuple[str, str, _Column, Parser], ...]  # (column, model field, where, parser)
    text_cells: bool  # every cell is a str (CSV)


@dataclass
class _Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[int, Problem]] = field(default_factory=list)  # (column index, problem)

    def add(self, column: _Column, message: str) -> None:
        self.problems.append((column.index, Problem(column.where(self.number), message)))


def _read_row(number: int, cells: Cells, columns: dict[str, _Column],
              context: _Reading) -> _Row:
    """One row's values and problems; the columns' parsers come from ``context.plan``."""
    row = _Row(number)
    width = len(cells)
    values = row.values
    # Fast path for CSV rows without control characters or overlong cells: plain text
    # columns need no further checks (20,000 rows well under a second).
    safe = context.text_cells and plain_cells(cells)
    empty: list[tuple[str, _Column | None]] = []  # required empty (None: a bad value)
    for name, key, column, parse in context.plan:
        index = column.index
        raw = cells[index] if index < width else None
        if parse is parse_plain and safe:
            value = raw.strip() if raw else ""
        else:
            ok, value = parse_value(name, parse, raw, context.values)
            if not ok:
                row.add(column, value)
                empty.append((name, None))  # written but wrong: not empty, already reported
                continue
        if value is None or value == "":
            if name in _REQUIRED:
                empty.append((name, column))
            continue
        values[key] = value
    _check_required(row, empty)
    _check_age_limit(row, columns, context.values)
    _check_gestational_age(row, columns)
    return row


def _check_required(row: _Row, empty: list[tuple[str, _Column | None]]) -> None:
    """Required cells left empty; an expectant row (a due date, even a wrong one, already
    reported) may leave the baby's empty."""
    bad = {name for name, column in empty if column is None}
    expectant = (("due_date" in row.values or "due_date" in bad)
                 and "date_of_birth" not in row.values)
    if "date_of_birth" in row.values:
        row.values.pop("due_date", None)  # born: an ordinary infant, the due date is history
    for name, column in empty:
        if column is None or (expectant and name in _NOT_YET):
            continue
        row.add(column, f"is empty; {name} is required for every infant")


def _check_age_limit(row: _Row, columns: dict[str, _Column], context: ValueContext) -> None:
    """Active infants must be within the program's age limit; finished families may stay."""
    born = row.values.get("date_of_birth")
    limit = context.max_age_months
    if (born is not None and row.values.get("status", "active") == "active"
            and add_months(born, limit) < context.today):
        row.add(columns["date_of_birth"],  # the birth date itself is not repeated
                f"is more than {limit} months before today "
                f"({context.today.isoformat()}); the program enrols infants up to {limit} "
                "months old: check the date, or set status to inactive")


def _check_gestational_age(row: _Row, columns: dict[str, _Column]) -> None:
    """Weeks and days belong together; "33w2d" in the weeks column is split here."""
    weeks = row.values.get("gestational_age_weeks")
    if isinstance(weeks, tuple):
        if "gestational_age_days" in row.values:
            row.add(columns["gestational_age_weeks"], "holds days too, and so does "
                    "gestational_age_days; keep the days in one place")
        row.values["gestational_age_weeks"], row.values["gestational_age_days"] = weeks
    elif weeks is None and "gestational_age_days" in row.values:
        row.add(columns["gestational_age_days"], "is filled in but gestational_age_weeks is "
                "empty; give both, or leave both empty for a term baby")


def _cross_check(rows: list[_Row], columns: dict[str, _Column]) -> None:
    """Rules across rows: unique infant ids, keep_apart_with naming families in the roster."""
    first_row: dict[str, int] = {}
    for row in rows:
        infant_id = row.values.get("infant_id")
        if infant_id in first_row:
            row.add(columns["infant_id"], f"the same infant_id as row {first_row[infant_id]}; "
                    "each infant needs its own id (twins too)")
        elif infant_id is not None:
            first_row[infant_id] = row.number
    families = {row.values["family_id"] for row in rows if "family_id" in row.values}
    for row in rows:
        others = row.values.get("keep_apart_with", ())
        unknown = [f for f in others if f not in families]
        if unknown:
            listed = shown(unknown)
            what = f"no row has family_id {listed}" if listed else "names a family no row has"
            row.add(columns["keep_apart_with"],
                    f"{what}; use family ids from this roster, separated by ';'")
        if row.values.get("family_id") in others:
            row.add(columns["keep_apart_with"],
                    "names this row's own family; list the other families only")


def _roster_error(path: Path, problems: list[Problem]) -> RosterError:
    return RosterError(
        f"{path.name} has {len(problems)} problem(s)", problems=problems,
        hint="fix each row in your spreadsheet and check again; "
             "docs/reference/roster-format.md explains every column")
