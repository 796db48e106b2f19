"""Spreadsheet files (CSV or XLSX) into numbered rows of cells, for the table readers.

Row numbers are the ones Excel shows, so every message can say ``row N``. CSV text is decoded
and its separator sniffed by ``readers/text.py`` (the one policy); XLSX cells keep their types
(dates, numbers) and the workbook's date epoch is returned so serial day numbers can be read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from groupwcc.errors import Problem, UserError
from groupwcc.readers.text import CsvSyntaxError, csv_records, decode_text, sniff_delimiter

Cells = Sequence[Any]
Rows = list[tuple[int, Cells]]  # (row number as Excel shows it, cells), blank rows left out

_QUOTE_HINT = "fix that row in a text editor (Excel hides quote marks), then check again"


def read_table(path: Path, *, error_class: type[UserError],
               known: Callable[[str], bool]) -> tuple[Rows, date | None]:
    """Non-blank rows of the file (the first sheet of a workbook), and the workbook's date
    epoch (``None`` for CSV: every cell is text). ``known`` tells a known column name, for
    sniffing a CSV's separator. Sizes are bounded first (readers/workbook_limits.py)."""
    from groupwcc.readers.workbook_limits import check_file_size, read_regular_file

    check_file_size(path, error_class=error_class)
    data = read_regular_file(path, error_class=error_class)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise error_class(f"{path.name} is an old-style Excel (.xls) or password-protected "
                          "workbook", hint="in Excel use File › Save As and choose 'Excel "
                                           "Workbook (.xlsx)' or 'CSV UTF-8', without a password")
    if data.startswith(b"PK\x03\x04"):
        return xlsx_rows(path, error_class=error_class)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise error_class(f"{path.name} is not an Excel workbook (.xlsx)",
                          hint="open it in Excel and save it again as .xlsx or 'CSV UTF-8'")
    text = decode_text(data, path.name, error_class=error_class)
    return csv_rows(text, path.name, error_class=error_class, known=known), None


def csv_rows(text: str, name: str, *, error_class: type[UserError],
             known: Callable[[str], bool]) -> Rows:
    """The non-blank records of CSV ``text``; a stray quote mark is reported at its row."""
    from groupwcc.readers.workbook_limits import RowCounter

    rows: Rows = []
    counter = RowCounter(name, error_class)
    try:
        for number, cells in csv_records(text, sniff_delimiter(text, known)):
            counter.check(cells)
            if any(c.strip() for c in cells):
                rows.append((number, cells))
    except CsvSyntaxError as error:
        raise error_class(f"{name} cannot be read as CSV", problems=[Problem(
            f"row {error.row}", f"{error}; check for a stray quote mark (\")")],
            hint=_QUOTE_HINT) from None
    # An unclosed quote swallows the rest of the file into one cell without a csv.Error.
    if rows and text.count('"') % 2 and any("\n" in c or "\r" in c for c in rows[-1][1]):
        raise error_class(f"{name} cannot be read as CSV", problems=[Problem(
            f"row {rows[-1][0]}", 'a quote mark (") opens a value that is never closed, so '
            "the rest of the file reads as one value; remove the stray quote")],
            hint=_QUOTE_HINT)
    return rows


def xlsx_rows(path: Path, *, error_class: type[UserError]) -> tuple[Rows, date]:
    """The non-blank rows of the first sheet, and the workbook's date epoch. The archive's
    sizes are checked before openpyxl parses anything, and rows are counted as they stream."""
    import openpyxl

    from groupwcc.readers.workbook_limits import RowCounter, check_workbook

    check_workbook(path, path.name, error_class=error_class)
    counter = RowCounter(path.name, error_class)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some writers store a wrong size; read what is there
            cells_by_row = counter.bound(sheet.iter_rows(values_only=True))
            rows = [(n, cells) for n, cells in enumerate(cells_by_row, 1)
                    if any(cell_text(c) for c in cells)]
            epoch = book.epoch.date()
        finally:
            book.close()
    except error_class:
        raise  # a limit, already worded for people
    except Exception:  # any failure inside openpyxl means a damaged or foreign file
        raise error_class(f"{path.name} could not be opened as an Excel workbook (.xlsx)",
                          hint="open it in Excel and save it again as .xlsx or "
                               "'CSV UTF-8'") from None
    return rows, epoch


def cell_text(value: Any) -> str:
    """A cell as trimmed text; Excel numbers lose a trailing '.0' (an id 1001 stays 1001)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
