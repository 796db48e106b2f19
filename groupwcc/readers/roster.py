"""The enrolment roster (CSV or XLSX) read into validated ``Infant`` models.

Tolerant of how rosters really arrive (Excel "CSV UTF-8" with a BOM, UTF-16 "Unicode Text",
semicolon or tab separators, Excel date cells and serial numbers, US dates, stray spaces, blank
lines, extra columns, title rows above the header) and strict about meaning: every bad value in
every row is reported in one pass, located as ``row N, column "C"`` with N the row number Excel
shows. Errors never repeat a whole row, and echo a value only where it helps to fix it (a date
yes, a name or phone never). docs/reference/roster-format.md is the user-facing description.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from groupwcc.core.ages import add_months
from groupwcc.errors import Problem, RosterError
from groupwcc.models import Infant

# Required first, then optional, in the order of the roster specification (issue 2);
# caregiver_preferred_name is a model field the specification does not list, so it comes last.
ROSTER_COLUMNS: tuple[str, ...] = (
    "infant_id", "family_id", "infant_first_name", "infant_last_name", "date_of_birth",
    "caregiver_first_name", "caregiver_last_name", "site",
    "gestational_age_weeks", "gestational_age_days", "language", "group_consent", "phone",
    "contact_preference", "keep_apart_with", "enrolled_on", "status", "caregiver_preferred_name",
)
REQUIRED_COLUMNS: tuple[str, ...] = ROSTER_COLUMNS[:8]
_REQUIRED = frozenset(REQUIRED_COLUMNS)

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
}

# Model field for each column where the two differ.
_FIELD = {"infant_first_name": "first_name", "infant_last_name": "last_name"}
MAX_TEXT = 200
_HEADER_SCAN = 10  # title rows an EHR export may put above the header
_BOOLEANS = {"yes": True, "y": True, "true": True, "1": True,
             "no": False, "n": False, "false": False, "0": False}
_LANGUAGE_NAMES = {"english": "en", "spanish": "es", "espanol": "es", "español": "es"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls, tab included
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_CLOCK = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?)?")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_WHOLE = re.compile(r"(\d+)(?:\.0+)?")
_WEEKS = re.compile(r"(\d+)(?:\.0+)?\s*(?:(?:w(?:ee)?ks?|w)\s*,?\s*(?:(\d+)\s*(?:d(?:ays?)?)?)?"
                    r"|\+\s*(\d+)|\s+(\d+)\s*/\s*7)?", re.IGNORECASE)
_QUOTE_HINT = "fix that row in a text editor (Excel hides quote marks), then check again"
_EPOCH_1900 = date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug

Cells = Sequence[Any]
Parser = Callable[[Any, "_Context"], Any]


def _squash(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header).lower()


_LOOKUP: dict[str, str] = {
    _squash(name): column
    for column in ROSTER_COLUMNS
    for name in (column, *COLUMN_ALIASES.get(column, ()))
}


def read_roster(path: Path, *, sites: Sequence[str], languages: Sequence[str], today: date,
                max_age_months: int) -> list[Infant]:
    """Read a roster file; raise ``RosterError`` listing every problem, each with its row.

    ``sites`` and ``languages`` are the program's known ids; ``today`` and ``max_age_months``
    bound the dates of birth (the age limit applies to active rows only).
    """
    rows, epoch = _read_rows(path)
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
    plan = tuple((name, _FIELD.get(name, name), column, _PARSERS.get(name, _plain))
                 for name, column in columns.items())
    context = _Context(sites={s.lower(): s for s in sites},
                       languages={lang.lower(): lang for lang in languages},
                       today=today, max_age_months=max_age_months,
                       epoch=epoch or _EPOCH_1900, plan=plan,
                       text_cells=epoch is None)
    parsed = [_read_row(number, cells, columns, context) for number, cells in body]
    _cross_check(parsed, columns)
    problems = [p for row in parsed for _, p in sorted(row.problems, key=lambda c: c[0])]
    if problems:
        raise _roster_error(path, problems)
    return [Infant(**row.values) for row in parsed]


def write_roster_template(path: Path) -> None:
    """Write a header-only roster (CSV UTF-8 with a BOM, for Excel), readable by the owner only."""
    data = ("\ufeff" + ",".join(ROSTER_COLUMNS) + "\r\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    path.chmod(0o600)


# --- files into rows -------------------------------------------------------------------------

Rows = list[tuple[int, Cells]]  # (row number as Excel shows it, cells), blank rows left out


def _read_rows(path: Path) -> tuple[Rows, date | None]:
    """Non-blank rows, and the workbook's date epoch (``None`` for CSV: every cell is text)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(f"{path} does not exist", hint="check the path") from None
    except OSError as error:
        raise RosterError(f"cannot read {path}: {error.strerror or error}") from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(f"{path.name} is an old-style Excel (.xls) or password-protected "
                          "workbook", hint="in Excel use File › Save As and choose 'Excel "
                                           "Workbook (.xlsx)' or 'CSV UTF-8', without a password")
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise RosterError(f"{path.name} is not an Excel workbook (.xlsx)",
                          hint="open it in Excel and save it again as .xlsx or 'CSV UTF-8'")
    return _csv_rows(_decode(data, path), path), None


def _decode(data: bytes, path: Path) -> str:
    hint = "in Excel use File › Save As and choose 'CSV UTF-8 (Comma delimited)'"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterError(f"{path.name} is damaged UTF-16 text", hint=hint) from None
    else:
        body = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            row = body.count(b"\n", 0, error.start) + 1
            problem = Problem(f"row {row}", f"byte 0x{body[error.start]:02X} is not UTF-8 text")
            raise RosterError(f"{path.name} is not UTF-8: save as 'CSV UTF-8' in Excel",
                              problems=[problem], hint=hint) from None
    if "\x00" in text:
        raise RosterError(f"{path.name} does not look like a CSV text file (it holds binary "
                          "data)", hint=f"save the roster as .xlsx, or {hint}")
    return text.lstrip("\ufeff")


def _csv_rows(text: str, path: Path) -> Rows:
    lines = text[:65536].splitlines()[:_HEADER_SCAN * 3]
    delimiter = max((",", ";", "\t"), key=lambda d: _known_headers(lines, d))
    rows: Rows = []
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=delimiter), start=1):
            if any(c.strip() for c in cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise RosterError(f"{path.name} cannot be read as CSV", problems=[Problem(
            f"row {number + 1}", f"{error}; check for a stray quote mark (\")")],
            hint=_QUOTE_HINT) from None
    if rows and text.count('"') % 2 and any("\n" in c or "\r" in c for c in rows[-1][1]):
        raise RosterError(f"{path.name} cannot be read as CSV", problems=[Problem(
            f"row {rows[-1][0]}", 'a quote mark (") opens a value that is never closed, so '
            "the rest of the file reads as one value; remove the stray quote")],
            hint=_QUOTE_HINT)
    return rows


def _known_headers(lines: list[str], delimiter: str) -> int:
    try:
        return max((sum(_squash(c) in _LOOKUP for c in cells)
                    for cells in csv.reader(lines, delimiter=delimiter)), default=0)
    except csv.Error:
        return 0


def _xlsx_rows(path: Path) -> tuple[Rows, date]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some writers store a wrong size; read what is there
            rows = [(n, cells) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)
                    if any(_text(c) for c in cells)]
            epoch = book.epoch.date()
        finally:
            book.close()
    except Exception:  # any failure inside openpyxl means a damaged or foreign file
        raise RosterError(f"{path.name} could not be opened as an Excel workbook (.xlsx)",
                          hint="open it in Excel and save it again as .xlsx or "
                               "'CSV UTF-8'") from None
    return rows, epoch


# --- header ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as the person wrote it, so they can find it

    def where(self, row: int) -> str:
        return f'row {row}, column "{self.header}"'


def _find_header(rows: Rows, path: Path) -> int:
    """The first row with the most known column names among the first few non-blank rows."""
    counts = [sum(_squash(_text(c)) in _LOOKUP for c in cells)
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
        text = _text(cell)
        name = _LOOKUP.get(_squash(text))
        if name is None:
            continue
        if name in columns:
            first = columns[name]
            problems.append(Problem(
                f'row {row}, column "{text}"',
                f"column {_letter(index)} repeats column {_letter(first.index)} "
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


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- rows ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    sites: dict[str, str]
    languages: dict[str, str]
    today: date
    max_age_months: int
    epoch: date
    plan: tuple[tuple[str, str, _Column, Parser], ...] = ()  # (column, model field, where, parser)
    text_cells: bool = False  # every cell is a str (CSV)
    cache: dict[tuple[str, str], tuple[bool, Any]] = field(default_factory=dict)


@dataclass
class _Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[int, Problem]] = field(default_factory=list)  # (column index, problem)

    def add(self, column: _Column, message: str) -> None:
        self.problems.append((column.index, Problem(column.where(self.number), message)))


class _Bad(ValueError):
    """A value that cannot be used; the message says why and what to write instead."""


def _read_row(number: int, cells: Cells, columns: dict[str, _Column],
              context: _Context) -> _Row:
    """One row's values and problems; the columns' parsers come from ``context.plan``."""
    row = _Row(number)
    width = len(cells)
    values = row.values
    # Fast path for CSV rows without control characters or overlong cells: plain text
    # columns need no further checks (20,000 rows well under a second).
    safe = context.text_cells and _safe_text(cells)
    for name, key, column, parse in context.plan:
        index = column.index
        raw = cells[index] if index < width else None
        if parse is _plain and safe:
            value = raw.strip() if raw else ""
        else:
            ok, value = _parsed(name, parse, raw, context)
            if not ok:
                row.add(column, value)
                continue
        if value is None or value == "":
            if name in _REQUIRED:
                row.add(column, f"is empty; {name} is required for every infant")
            continue
        values[key] = value
    _check_age_limit(row, columns, context)
    _check_gestational_age(row, columns)
    return row


def _parsed(name: str, parse: Parser, raw: Any, context: _Context) -> tuple[bool, Any]:
    """``(True, value)`` or ``(False, message)``; text is remembered, as sites, languages,
    yes/no and dates repeat from row to row."""
    key = (name, raw) if type(raw) is str and parse is not _plain else None
    if key is not None and key in context.cache:
        return context.cache[key]
    try:
        outcome = (True, parse(raw, context))
    except _Bad as bad:
        outcome = (False, str(bad))
    if key is not None:
        context.cache[key] = outcome
    return outcome


def _safe_text(cells: Cells) -> bool:
    return _CONTROL.search("".join(cells)) is None and max(map(len, cells)) <= MAX_TEXT


def _check_age_limit(row: _Row, columns: dict[str, _Column], context: _Context) -> None:
    """Active infants must be within the program's age limit; finished families may stay."""
    born = row.values.get("date_of_birth")
    limit = context.max_age_months
    if (born is not None and row.values.get("status", "active") == "active"
            and add_months(born, limit) < context.today):
        row.add(columns["date_of_birth"],
                f"{born.isoformat()} is more than {limit} months before today "
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
            row.add(columns["keep_apart_with"],
                    f"no row has family_id {', '.join(_shown(f) for f in unknown)}; use "
                    "family ids from this roster, separated by ';'")
        if row.values.get("family_id") in others:
            row.add(columns["keep_apart_with"],
                    "names this row's own family; list the other families only")


def _roster_error(path: Path, problems: list[Problem]) -> RosterError:
    return RosterError(
        f"{path.name} has {len(problems)} problem(s)", problems=problems,
        hint="fix each row in your spreadsheet and check again; "
             "docs/reference/roster-format.md explains every column")


# --- values ----------------------------------------------------------------------------------

def _text(value: Any) -> str:
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


_DATE_LIKE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")


def _shown(text: str) -> str:
    """A code value (site, language, family id) echoed in a message: quoted, cut if long."""
    return f'"{text if len(text) <= 30 else text[:29] + "…"}"'


def _shown_safe(text: str) -> str:
    """A value echoed in a message, only when it cannot be personal: a date-like or short
    value with no letters. A name or phone that slipped into the wrong column (shifted cells)
    is never echoed: the row and column are enough to find it."""
    if not any(c.isalpha() for c in text) and (_DATE_LIKE.match(text) or len(text) <= 6):
        return f'"{text}"'
    return "this value"


def _plain(value: Any, context: _Context) -> str:
    text = value.strip() if type(value) is str else _text(value)
    if not text:
        return text
    if len(text) > MAX_TEXT:
        raise _Bad(f"is {len(text)} characters long (at most {MAX_TEXT}); check that the right "
                   "value is in this column")
    if _CONTROL.search(text):
        raise _Bad("contains an invisible control character (such as a line break or tab); "
                   "retype the value")
    return text


def _date(value: Any, context: _Context) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, _text(value), context)
    text = _plain(value, context)
    if not text:
        return None
    if len(text) == 10 and _ISO_DAY.fullmatch(text):  # the common case, fast
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return _date_text(text, context)


def _date_text(text: str, context: _Context) -> date:
    if _SERIAL.fullmatch(text):
        return _serial(float(text), text, context)
    iso = _ISO.match(text)
    match = iso or _US.match(text)
    if match is None or not _CLOCK.fullmatch(text, match.end()):
        raise _Bad(f"{_shown_safe(text)} is not a date; write 2026-03-05 or 3/5/2026 "
                   "(month/day/year)")
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        month, day, year = (int(g) for g in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
        if month > 12 and day <= 12:
            raise _Bad(f"{_shown_safe(text)} is not a date: dates are read as month/day/year (US); "
                       f"write {day}/{month}/{year} or {year}-{day:02d}-{month:02d}")
    try:
        return date(year, month, day)
    except ValueError:
        raise _Bad(f"{_shown_safe(text)} is not a real date; check the day and month") from None


def _serial(number: float, text: str, context: _Context) -> date:
    """An Excel serial day number (a date cell that lost its date format)."""
    if not 1 <= number < 2958466:
        raise _Bad(f"{_shown_safe(text)} is not a date; write 2026-03-05 or 3/5/2026 "
                   "(month/day/year)")
    return context.epoch + timedelta(days=int(number))


def _birth_date(value: Any, context: _Context) -> date | None:
    born = _date(value, context)
    if born is not None and born > context.today:
        raise _Bad(f"{born.isoformat()} is after today ({context.today.isoformat()}); "
                   "check the year")
    return born


def _whole(text: str, what: str) -> int:
    match = _WHOLE.fullmatch(text)
    if match is None:
        raise _Bad(f"{_shown_safe(text)} is not a whole number of {what}")
    return int(match.group(1))


def _weeks(value: Any, context: _Context) -> int | tuple[int, int] | None:
    text = _plain(value, context)
    if not text:
        return None
    match = _WEEKS.fullmatch(text)
    if match is None:
        raise _Bad(f"{_shown_safe(text)} is not a number of weeks; write completed weeks "
                   "(35, or 33 w 2 d as 33 here and 2 in gestational_age_days)")
    weeks = int(match.group(1))
    if not 22 <= weeks <= 44:
        raise _Bad(f"{_shown_safe(text)} is outside 22–44 weeks; write the completed weeks of "
                   "pregnancy at birth (a term baby is 37–41, or leave it empty)")
    days = match.group(2) or match.group(3) or match.group(4)
    return weeks if days is None else (weeks, _days_number(int(days), text))


def _days(value: Any, context: _Context) -> int | None:
    text = _plain(value, context)
    if not text:
        return None
    return _days_number(_whole(text, "days"), text)


def _days_number(days: int, text: str) -> int:
    if not 0 <= days <= 6:
        raise _Bad(f"{_shown_safe(text)} is outside 0–6 days; 7 days or more is another week "
                   "(33 w 9 d is 34 w 2 d)")
    return days


def _consent(value: Any, context: _Context) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _plain(value, context)
    if not text:
        return None
    answer = _BOOLEANS.get(text.lower())
    if answer is None:
        raise _Bad(f"{_shown_safe(text)} is not yes or no; write yes or no (y/n, true/false and "
                   "1/0 work too; empty means yes)")
    return answer


def _status(value: Any, context: _Context) -> str | None:
    text = _plain(value, context)
    if text and text.lower() not in ("active", "inactive"):
        raise _Bad(f"{_shown_safe(text)} is not active or inactive (empty means active)")
    return text.lower() or None


def _site(value: Any, context: _Context) -> str:
    text = _plain(value, context)
    if text and text.lower() not in context.sites:
        known = ", ".join(context.sites.values())
        raise _Bad(f"unknown site {_shown(text)}; known sites: {known} (the site ids in "
                   "groupwcc.yaml)")
    return context.sites.get(text.lower(), "")


def _language(value: Any, context: _Context) -> str | None:
    text = _plain(value, context)
    if not text:
        return None
    key = text.lower()
    key = key if key in context.languages else _LANGUAGE_NAMES.get(key, key)
    if key not in context.languages:
        known = ", ".join(context.languages.values())
        raise _Bad(f"unknown language {_shown(text)}; known languages: {known} (add more "
                   "under languages: in groupwcc.yaml)")
    return context.languages[key]


def _family_list(value: Any, context: _Context) -> tuple[str, ...] | None:
    text = _plain(value, context)
    return tuple(dict.fromkeys(p.strip() for p in text.split(";") if p.strip())) or None


_PARSERS: dict[str, Parser] = {
    "date_of_birth": _birth_date,
    "enrolled_on": _date,
    "gestational_age_weeks": _weeks,
    "gestational_age_days": _days,
    "group_consent": _consent,
    "status": _status,
    "site": _site,
    "language": _language,
    "keep_apart_with": _family_list,
}
