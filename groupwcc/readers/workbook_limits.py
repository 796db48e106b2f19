"""Bounds on a workbook (.xlsx) checked BEFORE it is parsed, and while its rows stream.

An .xlsx file is a zip archive of XML parts. A small file can inflate to gigabytes (a "zip
bomb"), or declare millions of rows, and openpyxl would spend minutes and all memory on it.
So the roster and attendance readers first look at the zip directory (entries, uncompressed
sizes, compression ratio) and each sheet's declared size (its ``<dimension ref="A1:R200">``),
and then count rows while reading, because a sheet may omit or misstate its dimension.
The limits are far above any real roster (the benchmarks use 20,000 infants) or attendance
workbook; docs/reference/roster-format.md lists them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from groupwcc.errors import UserError

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes, all parts together
MAX_ENTRIES = 20_000  # parts in the archive
MAX_RATIO = 200  # uncompressed / compressed size of one part (real sheets: 5-30)
RATIO_FLOOR = 1024 * 1024  # parts smaller than this are not ratio-checked
MAX_ROWS = 100_000  # rows of all sheets read together
MAX_COLUMNS = 1024
_HEAD = 65_536  # bytes of a sheet's XML searched for its dimension
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=[\"']\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]+)\$?(\d+))?[\"']")
_HINT = ("this is far larger than any roster or attendance sheet; open it in Excel, delete "
         "empty rows and columns and other tabs, and save it again, or save it as CSV")


def check_workbook(source: Path | IO[bytes], name: str, *,
                   error_class: type[UserError]) -> None:
    """Raise ``error_class`` if the archive is too large, compresses suspiciously well, or a
    sheet declares more rows or columns than allowed. A file that is not a zip archive is left
    for the workbook reader to refuse with its usual message."""
    try:
        archive = zipfile.ZipFile(source)
    except Exception:  # not a zip archive, or a damaged one: the reader refuses it
        return
    with archive:
        entries = archive.infolist()
        _check_sizes(entries, name, error_class)
        for entry in entries:
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                _check_dimension(archive, entry, name, error_class)


def _check_sizes(entries: list[zipfile.ZipInfo], name: str,
                 error_class: type[UserError]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise error_class(f"{name} holds {len(entries):,} parts (limit {MAX_ENTRIES:,})",
                          hint=_HINT)
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED:
        raise error_class(f"{name} would take {total:,} bytes uncompressed (limit "
                          f"{MAX_UNCOMPRESSED:,} bytes)", hint=_HINT)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise error_class(
                f"{name}: part {entry.filename} expands {ratio:,.0f} times when uncompressed "
                f"(limit {MAX_RATIO}); real workbooks compress far less, so it was not opened",
                hint=_HINT)


def _check_dimension(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str,
                     error_class: type[UserError]) -> None:
    try:
        with archive.open(entry) as stream:
            head = stream.read(_HEAD)
    except Exception:  # zlib, zipfile, EOF...: damaged; the workbook reader refuses it
        return
    match = _DIMENSION.search(head)
    if match is None:
        return
    first_col, first_row, last_col, last_row = match.groups()
    rows = int(last_row or first_row or 0)
    columns = _column_number(last_col or first_col or b"")
    sheet = entry.filename.rsplit("/", 1)[-1].removesuffix(".xml")
    if rows > MAX_ROWS:
        raise error_class(f"{name}: {sheet} spans {rows:,} rows (at most {MAX_ROWS:,} are read)",
                          hint=_HINT)
    if columns > MAX_COLUMNS:
        raise error_class(f"{name}: {sheet} spans {columns:,} columns (at most {MAX_COLUMNS:,} "
                          "are read)", hint=_HINT)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


class RowCounter:
    """Counts rows streamed from one workbook (across its sheets) or CSV file against
    ``MAX_ROWS`` and ``MAX_COLUMNS``, for sheets whose dimension is missing or wrong."""

    def __init__(self, name: str, error_class: type[UserError]) -> None:
        self.name = name
        self.error_class = error_class
        self.rows = 0

    def bound(self, rows: Iterable[Any]) -> Iterator[Any]:
        """``rows`` unchanged, raising ``error_class`` once there are too many or too wide."""
        for cells in rows:
            self.check(cells)
            yield cells

    def check(self, cells: Any) -> None:
        """Count one more row of ``cells``; raise ``error_class`` beyond a limit."""
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise self.error_class(f"{self.name} has more than {MAX_ROWS:,} rows (at most "
                                   f"{MAX_ROWS:,} are read)", hint=_HINT)
        if len(cells) > MAX_COLUMNS:
            raise self.error_class(f"{self.name}: row {self.rows} has {len(cells):,} columns "
                                   f"(at most {MAX_COLUMNS:,} are read)", hint=_HINT)


MAX_FILE_BYTES = 256 * 1024 * 1024  # a roster or attendance file on disk (CSV or XLSX)


def check_file_size(path: Path, *, error_class: type[UserError]) -> None:
    """Refuse a table file larger than ``MAX_FILE_BYTES`` before reading it into memory."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if size > MAX_FILE_BYTES:
        raise error_class(f"{path.name} is {size:,} bytes (limit {MAX_FILE_BYTES:,} bytes)",
                          hint=_HINT)


def read_regular_file(path: Path, *, error_class: type[UserError],
                      limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing anything but a regular file (a device such as /dev/zero,
    a pipe, a folder) and reading at most ``limit`` + 1 bytes, so a file that grows or lies
    about its size is still refused at ``limit``."""
    import os
    import stat

    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer; no effect on a regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error_class(f"{path} does not exist", hint="check the path") from None
    except OSError as error:
        raise error_class(f"cannot read {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise error_class(f"{path} is not a regular file",
                          hint="give the path of a file saved on disk")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise error_class(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > limit:
        raise error_class(f"{path.name} is larger than the limit of {limit:,} bytes", hint=_HINT)
    return data
