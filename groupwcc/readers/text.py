"""The one text-decoding and CSV-dialect policy shared by every reader.

Policy (docs/reference/roster-format.md, "Encoding"):

* UTF-8, with or without a byte-order mark (Excel's *CSV UTF-8*, every modern editor);
* UTF-16 with a byte-order mark (Excel's *Unicode Text*, Notepad's "Unicode");
* anything else is refused with the row (or line) of the first byte that is not UTF-8 and
  how to save the file as UTF-8.

Why refuse rather than guess a legacy code page: the bytes of Windows-1252, Latin-1 and Mac
Roman files cannot be told apart reliably, and a wrong guess quietly turns ``José`` into
``JosŽ`` in the database and on printed sheets. Decoding is always strict, so no reader ever
inserts U+FFFD (the replacement character) into a value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from groupwcc.errors import Problem, UserError

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
_SNIFF_LINES = 30
_SNIFF_CHARS = 65536


@dataclass(frozen=True)
class SaveAdvice:
    """How to save a file as UTF-8, said for the program people make that kind of file in."""

    summary: str  # after "FILE is not UTF-8: "
    hint: str
    unit: str  # "row" for tables, "line" for YAML
    kind: str  # what the file should be, for "does not look like a …"
    binary_hint: str  # what to do when it holds binary data


CSV_ADVICE = SaveAdvice(
    "save as 'CSV UTF-8' in Excel",
    "in Excel use File › Save As and choose 'CSV UTF-8 (Comma delimited)'", "row",
    "CSV text file", "save it as .xlsx, or in Excel use File › Save As and choose "
                     "'CSV UTF-8 (Comma delimited)'")
YAML_ADVICE = SaveAdvice(
    "save it as UTF-8 text", "in your editor choose Save As and the encoding "
    "'UTF-8'", "line", "YAML text file", "open it in a text editor and save it as UTF-8")


def decode_text(data: bytes, name: str, *, error_class: type[UserError],
                advice: SaveAdvice = CSV_ADVICE) -> str:
    """``data`` as text under the policy above, without a byte-order mark.

    Raises ``error_class`` naming ``name`` and the row/line of the first undecodable byte,
    or saying that the file holds binary data (a NUL character).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise error_class(f"{name} is damaged UTF-16 text", hint=advice.hint) from None
    else:
        body = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(body, error.start, name, error_class, advice) from None
    if "\x00" in text:
        raise error_class(f"{name} does not look like a {advice.kind} (it holds binary data)",
                          hint=advice.binary_hint)
    return text.lstrip("\ufeff")


def _not_utf8(body: bytes, start: int, name: str, error_class: type[UserError],
              advice: SaveAdvice) -> UserError:
    number = body.count(b"\n", 0, start) + 1
    what = f"byte 0x{body[start]:02X} is not UTF-8 text"
    if advice.unit == "line":
        problem = Problem(f"{name}:{number}", what)
    else:
        problem = Problem(f"{advice.unit} {number}", what)
    return error_class(f"{name} is not UTF-8: {advice.summary}", problems=[problem],
                       hint=advice.hint)


def sniff_delimiter(text: str, known: Callable[[str], bool]) -> str:
    """The separator (``,``, ``;`` or tab) under which one of the first lines names the most
    known columns; a comma when none does. ``known`` says whether a header cell is a column
    the reader knows. Counting known names, not separators, keeps a comma inside a title row
    or a date from winning."""
    lines = text[:_SNIFF_CHARS].splitlines()[:_SNIFF_LINES]
    return max(DELIMITERS, key=lambda d: _known_cells(lines, d, known))


def _known_cells(lines: Sequence[str], delimiter: str, known: Callable[[str], bool]) -> int:
    try:
        return max((sum(map(known, cells)) for cells in csv.reader(lines, delimiter=delimiter)),
                   default=0)
    except csv.Error:
        return 0


class CsvSyntaxError(ValueError):
    """A CSV record the ``csv`` module refuses; ``row`` is the record's number."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


def csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """``(record number from 1, cells)`` for every record, blank ones included; raises
    ``CsvSyntaxError`` at the first record the csv module cannot read."""
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=delimiter), start=1):
            yield number, cells
    except csv.Error as error:
        raise CsvSyntaxError(number + 1, str(error)) from None
