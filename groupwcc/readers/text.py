"""The one text-decoding and CSV-dialect policy shared by every reader.

Policy (docs/reference/roster-format.md, "Encoding"), tried in this order:

1. UTF-16 with a byte-order mark (Excel's *Unicode Text*, Notepad's "Unicode");
2. UTF-8, with or without a byte-order mark (Excel's *CSV UTF-8*, every modern editor); a
   file with the UTF-8 mark that is not UTF-8 is damaged and refused;
3. Windows-1252 (Excel's plain *CSV* and Notepad's "ANSI" on Windows; Latin-1 text reads the
   same), only when every byte decodes and no byte 0x80–0x9F sits inside a word. Those bytes
   are curly quotes, dashes and the like in Windows-1252, but accented letters in Mac Roman
   and DOS text (``José`` saved on a Mac reads as ``JosŽ``), so such a file is refused;
4. anything else is refused with the row (or line) of the offending byte and how to save the
   file as UTF-8.

Decoding is always strict: no reader ever inserts U+FFFD (the replacement character).
"""

from __future__ import annotations

import csv
import io
import re
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
    "save it as UTF-8 text", "in your editor choose Save As and the encoding 'UTF-8'", "line",
    "YAML text file", "open it in a text editor and save it as UTF-8")


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
            if len(body) < len(data):  # it says UTF-8 with its mark: damaged, not guessed
                raise _refused(body, error.start, "", name, error_class, advice) from None
            text = _windows_1252(body, name, error_class, advice)
    if "\x00" in text:
        raise error_class(f"{name} does not look like a {advice.kind} (it holds binary data)",
                          hint=advice.binary_hint)
    return text.lstrip("\ufeff")


def _windows_1252(body: bytes, name: str, error_class: type[UserError],
                  advice: SaveAdvice) -> str:
    """``body`` as Windows-1252 under rule 3 of the policy, or the error naming the byte."""
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError as error:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not Windows-1252
        raise _refused(body, error.start, "", name, error_class, advice) from None
    at = _inside_word(text)
    if at is not None:
        raise _refused(body, at, f", and read as Windows-1252 it would put {text[at]!r} "
                       "inside a word", name, error_class, advice)
    return text


_WINDOWS_ONLY = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
_CLOSING = frozenset("’”…™")  # may end a word: Sunny” or wait…


def _inside_word(text: str) -> int | None:
    """The index of the first character from bytes 0x80–0x9F that follows a letter, unless
    it is a closing mark that ends the word; ``None`` when there is none."""
    for index, char in enumerate(text):
        if char in _WINDOWS_ONLY and index and text[index - 1].isalpha():
            after = text[index + 1:index + 2]
            if char not in _CLOSING or after.isalpha():
                return index
    return None


def _refused(body: bytes, start: int, why: str, name: str, error_class: type[UserError],
             advice: SaveAdvice) -> UserError:
    number = body.count(b"\n", 0, start) + 1
    what = f"byte 0x{body[start]:02X} is not UTF-8 text{why}"
    where = f"{name}:{number}" if advice.unit == "line" else f"{advice.unit} {number}"
    return error_class(f"{name} is not UTF-8: {advice.summary}", problems=[Problem(where, what)],
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


# --- characters no value may hold ---------------------------------------------------------------

# C0 and C1 controls and DEL; line and paragraph separators; bidirectional embeddings,
# overrides, isolates and marks; zero-width and other invisible format characters; the
# byte-order mark inside text; interlinear annotations; tag characters ("ASCII smuggling").
# Zero-width (non-)joiners U+200C/U+200D stay allowed: Persian and Indic spelling needs them.
UNSAFE_CHARACTERS = (
    "\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_NAMES = {"\t": "tab", "\n": "line break", "\r": "carriage return", "\x1b": "escape",
          "\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u2028": "line separator",
          "\u2029": "paragraph separator", "\u202e": "right-to-left override",
          "\u202d": "left-to-right override", "\ufeff": "byte-order mark"}


def unsafe_character(text: str) -> str | None:
    """A description of the first control or invisible character in ``text`` (``U+202E
    (right-to-left override)``), or None. The description never repeats the text itself."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    name = _NAMES.get(char) or _category_name(char)
    return f"U+{ord(char):04X} ({name})"


def _category_name(char: str) -> str:
    import unicodedata

    if unicodedata.category(char) == "Cc":
        return "control character"
    return unicodedata.name(char, "invisible character").lower()


def unsafe_problem(text: str) -> str | None:
    """The message for a value holding an unsafe character, or None when it holds none."""
    found = unsafe_character(text)
    if found is None:
        return None
    return (f"contains an invisible or control character, {found}, which could change how "
            "the text prints or reads; retype the value")
