"""Reading a filled-in attendance sheet: the workbook (XLSX) or CSV that ``groupwcc export
sheets`` writes, after a coordinator typed a status per row. The layout is the file contract
in ``models/attendance.py``; CSV text is decoded under the one policy of ``readers/text.py``
(UTF-8 or UTF-16 with a BOM; anything else is refused, never guessed).

Statuses are the workbook's: attended, late, absent, excused, individual visit — in any case,
with any spacing, ``-`` or ``_`` (``Individual-Visit`` is fine). A blank status means *not
recorded* and the row is skipped without any check, so tabs of sessions still to come can stay
in the file. Every filled row is checked against the database; every problem is reported by
the row number Excel shows (``sheet "MAIN-2026-03-A-M4", row 5, column "status"`` for a
workbook, ``row 5, column "status"`` for a CSV) and nothing is recorded until all are fixed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from groupwcc.errors import AttendanceError, Problem
from groupwcc.models import Session
from groupwcc.models.attendance import (
    COLUMNS,
    HEADER_ROW,
    STATUS_ALIASES,
    STATUSES,
    Mark,
)
from groupwcc.models.attendance import REQUIRED_COLUMNS as REQUIRED
from groupwcc.readers.echo import looks_like_code
from groupwcc.readers.text import (
    CsvSyntaxError,
    csv_records,
    decode_text,
    sniff_delimiter,
    unsafe_problem,
)

_HINT = ("fill in the 'status' column of the sheet exported by 'groupwcc export sheets' "
         "(choose: " + ", ".join(STATUSES) + ") and keep row 1 as it was")


def _status_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


_STATUS_BY_KEY = {_status_key(s): s for s in STATUSES} | {
    _status_key(k): v for k, v in STATUS_ALIASES.items()}


def normalise_status(text: str) -> str | None:
    """The canonical status for ``text`` (``" Individual-Visit "`` → ``"individual visit"``),
    ``""`` for a blank cell, or None when it is no status at all."""
    if not text.strip():
        return ""
    return _STATUS_BY_KEY.get(_status_key(text))


@dataclass(frozen=True)
class SheetRow:
    """A filled row as read: ``where`` is ``row 5`` or ``sheet "X", row 5``."""

    where: str
    session_id: str
    infant_id: str
    status: str
    notes: str = ""
    # Filled record cells (vaccines given, screening results) as (column name, text).
    extras: tuple[tuple[str, str], ...] = ()

    def at(self, column: str) -> str:
        return f'{self.where}, column "{column}"'


@dataclass(frozen=True)
class AttendanceContext:
    """What filled rows are checked against: sessions by id, cohort members by cohort id,
    and every known infant id."""

    sessions: Mapping[str, Session]
    members: Mapping[str, Collection[str]]
    infants: Collection[str]

    @cached_property
    def _folded(self) -> dict[str, str]:
        return {i.casefold(): i for i in self.infants}

    def infant(self, text: str) -> str | None:
        """The known infant id matching ``text`` (ignoring case), or None."""
        return self._folded.get(text.casefold())


def read_attendance(path: Path, context: AttendanceContext, *, today: date) -> list[Mark]:
    """Every filled row of ``path`` as a mark, or AttendanceError listing every bad row."""
    rows, problems = read_sheet_rows(path)
    marks = check_rows(rows, context, today=today, problems=problems)
    if problems:
        raise AttendanceError(f"{path.name}: {len(problems)} problem(s); nothing was recorded",
                              problems=problems, hint=_HINT)
    return marks


def read_sheet_rows(path: Path) -> tuple[list[SheetRow], list[Problem]]:
    """The rows with a status filled in, and the problems with the file's layout."""
    from groupwcc.readers.workbook_limits import check_file_size, read_regular_file

    if not path.exists():
        raise AttendanceError(f"no file {path}", hint="check the path of the filled-in sheet")
    check_file_size(path, error_class=AttendanceError)
    data = read_regular_file(path, error_class=AttendanceError)
    if not data.strip():
        raise AttendanceError(f"{path.name} is empty", hint=_HINT)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise AttendanceError(f"{path.name}: cannot read {suffix} files",
                              hint="save it as Excel Workbook (.xlsx) or CSV (.csv)")
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        return _workbook_rows(data, path.name)
    return _csv_rows(data, path.name)


# --- workbook ---------------------------------------------------------------------------------


def _workbook_rows(data: bytes, name: str) -> tuple[list[SheetRow], list[Problem]]:
    """The filled rows of every tab whose row 1 names the columns; the tab's name does not
    matter (a data tab renamed "readme" is still read, the README tab has no such header)."""
    from openpyxl import load_workbook

    from groupwcc.readers.workbook_limits import RowCounter, check_workbook

    check_workbook(io.BytesIO(data), name, error_class=AttendanceError)
    counter = RowCounter(name, AttendanceError)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise AttendanceError(f"{name} is not a readable Excel workbook ({type(error).__name__})",
                              hint="open it in Excel and save it again as .xlsx, or use the "
                                   "CSV sheet") from None
    rows: list[SheetRow] = []
    problems: list[Problem] = []
    used = 0
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            table = counter.bound(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
            found = _table_rows(table, _sheet_prefix(sheet.title, number), rows, problems)
            used += found
    finally:
        book.close()
    if not used:
        raise AttendanceError(f"{name} has no attendance tab (a tab whose row {HEADER_ROW} "
                              f"names the columns {', '.join(REQUIRED)})", hint=_HINT)
    return rows, problems


def _sheet_prefix(title: str, number: int) -> str:
    """How messages name a tab: by its title when that is a code (a session id), else by its
    position, since a tab may have been renamed after a family (readers/echo.py)."""
    return f'sheet "{title}", ' if looks_like_code(title) else f"tab {number}, "


# --- CSV --------------------------------------------------------------------------------------


def _csv_rows(data: bytes, name: str) -> tuple[list[SheetRow], list[Problem]]:
    text = decode_text(data, name, error_class=AttendanceError)
    delimiter = sniff_delimiter(text, lambda cell: _column_name(cell) in COLUMNS)
    from groupwcc.readers.workbook_limits import RowCounter

    rows: list[SheetRow] = []
    problems: list[Problem] = []
    counter = RowCounter(name, AttendanceError)
    try:
        table = counter.bound(cells for _, cells in csv_records(text, delimiter))
        found = _table_rows(table, "", rows, problems)
    except CsvSyntaxError as error:
        raise AttendanceError(f"{name} is not a readable CSV file (row {error.row}: {error})",
                              hint=_HINT) from None
    if not found:
        raise AttendanceError(f"{name}: row {HEADER_ROW} does not name the columns "
                              f"{', '.join(REQUIRED)}", hint=_HINT)
    return rows, problems


# --- shared -----------------------------------------------------------------------------------


def _table_rows(table: Iterator[Any], prefix: str, rows: list[SheetRow],
                problems: list[Problem]) -> int:
    """Append the filled rows of one table (header first); returns 0 if it is no attendance
    table at all, 1 otherwise. A table with only some of the columns is a problem."""
    header = next(table, None)
    names = [_column_name(c) for c in header or ()]
    missing = [c for c in REQUIRED if c not in names]
    if len(missing) == len(REQUIRED):
        return 0
    if missing:
        problems.append(Problem(f"{prefix}row {HEADER_ROW}", "missing column(s) "
                                + ", ".join(f'"{c}"' for c in missing)))
        return 1
    index = {c: names.index(c) for c in (*REQUIRED, "notes") if c in names}
    extra = {n: i for i, n in enumerate(names) if n and n not in COLUMNS}
    for number, values in enumerate(table, start=HEADER_ROW + 1):
        cells = {c: _cell(values, i) for c, i in index.items()}
        extras = tuple((n, t) for n, i in extra.items() if (t := _cell(values, i).strip()))
        if cells["status"].strip():
            rows.append(SheetRow(f"{prefix}row {number}", cells["session_id"].strip().upper(),
                                 cells["infant_id"].strip(), cells["status"],
                                 cells.get("notes", "").strip(), extras))
        elif extras:
            problems.append(Problem(f'{prefix}row {number}, column "status"', "a vaccine or "
                                    "screening result is filled in but no status; fill in "
                                    "the status"))
    return 1


def _column_name(value: Any) -> str:
    return re.sub(r"\s+", "_", str(value).strip().casefold()) if value is not None else ""


def _cell(values: Any, index: int) -> str:
    value = values[index] if index < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    # Undo the apostrophe the CSV export puts before text Excel would run as a formula.
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        text = text[1:]
    return text


# --- checks -----------------------------------------------------------------------------------


def check_rows(rows: list[SheetRow], context: AttendanceContext, *, today: date,
               problems: list[Problem]) -> list[Mark]:
    """Marks for the rows that pass every check; a problem appended for each that does not."""
    marks: list[Mark] = []
    seen: dict[tuple[str, str], tuple[SheetRow, str]] = {}
    for row in rows:
        found = _check_row(row, context, today)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        key = (found.session_id, found.infant_id)
        if key in seen:
            earlier, status = seen[key]
            if status != found.status:
                problems.append(Problem(row.at("status"), (
                    f"{found.infant_id} at {found.session_id} is also on {earlier.where} "
                    f"as {status!r}; keep one row")))
            continue
        seen[key] = (row, found.status)
        marks.append(found)
    return marks


def check_mark(session_id: str, infant_id: str, status: str, context: AttendanceContext, *,
               today: date, notes: str = "") -> Mark:
    """One mark typed on the command line, checked like a sheet row (AttendanceError if bad)."""
    row = SheetRow("", session_id.strip().upper(), infant_id.strip(), status, notes.strip())
    found = _check_row(row, context, today)
    if isinstance(found, Problem):
        raise AttendanceError(found.message, hint="statuses: " + ", ".join(STATUSES))
    return found


def _check_row(row: SheetRow, context: AttendanceContext, today: date) -> Mark | Problem:
    status = normalise_status(row.status)
    if status is None:
        return Problem(row.at("status"), f"{_code(row.status)} is not a status; use one "
                       "of: " + ", ".join(STATUSES))
    session = context.sessions.get(row.session_id)
    if session is None:
        what = (f"unknown session {_code(row.session_id)}" if row.session_id
                else "no session id")
        return Problem(row.at("session_id"), what + " ('groupwcc sessions list' shows the ids)")
    infant = context.infant(row.infant_id)
    if infant is None:
        what = f"unknown infant {_code(row.infant_id)}" if row.infant_id else "no infant id"
        return Problem(row.at("infant_id"), what)
    unsafe = unsafe_problem(row.notes)
    if unsafe:
        return Problem(row.at("notes"), unsafe)
    if session.status == "cancelled":
        return Problem(row.at("status"), f"session {session.session_id} was cancelled; "
                       "nothing can be recorded for it")
    if session.day > today:
        return Problem(row.at("status"), f"session {session.session_id} is on {session.day}, "
                       f"after today ({today}); record it once it has taken place")
    if infant not in context.members.get(session.cohort_id, ()):
        return Problem(row.at("infant_id"), f"infant {infant} is not in cohort "
                       f"{session.cohort_id}; for a make-up visit use 'groupwcc attendance "
                       "visit'")
    return Mark(session.session_id, infant, status, row.notes)


def _code(text: str) -> str:
    """A cell in a message: quoted only when it looks like a code (readers/echo.py), since a
    name or phone typed into the wrong cell must never be repeated."""
    text = text.strip()
    return repr(text) if looks_like_code(text) else "this value"
