"""Roster cell values: text, dates, gestational age, yes/no, site, language, family lists.

Each parser takes one cell (text from a CSV, or a typed value from a workbook) and returns the
value for the ``Infant`` model, ``None`` for an empty cell, or raises ``BadValue`` whose
message says what is wrong and what to write instead. Messages repeat a value only in
columns of program-defined codes (site, language, status, yes/no, family ids) and only when it
looks like a code (readers/echo.py); a date, a gestational age, a name or a phone never.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from groupwcc.i18n import language_code
from groupwcc.readers.echo import echo_code, looks_like_code
from groupwcc.readers.tabular import cell_text
from groupwcc.readers.text import UNSAFE_CHARACTERS, unsafe_problem

MAX_TEXT = 200
_BOOLEANS = {"yes": True, "y": True, "true": True, "1": True,
             "no": False, "n": False, "false": False, "0": False}
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")  # controls (tab included), invisible characters
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_CLOCK = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?)?")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_WHOLE = re.compile(r"(\d+)(?:\.0+)?")
_WEEKS = re.compile(r"(\d+)(?:\.0+)?\s*(?:(?:w(?:ee)?ks?|w)\s*,?\s*(?:(\d+)\s*(?:d(?:ays?)?)?)?"
                    r"|\+\s*(\d+)|\s+(\d+)\s*/\s*7)?", re.IGNORECASE)
EPOCH_1900 = date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug


@dataclass(frozen=True)
class ValueContext:
    """What values are checked against: the program's sites and languages (lower-cased id →
    id), today, the age limit, and the workbook's date epoch. ``cache`` remembers parsed text,
    as sites, languages, yes/no and dates repeat from row to row."""

    sites: dict[str, str]
    languages: dict[str, str]
    today: date
    max_age_months: int
    epoch: date = EPOCH_1900
    cache: dict[tuple[str, str], tuple[bool, Any]] = field(default_factory=dict)


class BadValue(ValueError):
    """A value that cannot be used; the message says why and what to write instead."""


Parser = Callable[[Any, ValueContext], Any]


def parse_value(name: str, parse: Parser, raw: Any, context: ValueContext) -> tuple[bool, Any]:
    """``(True, value)`` or ``(False, message)``; text is parsed once per distinct cell."""
    key = (name, raw) if type(raw) is str and parse is not parse_plain else None
    if key is not None and key in context.cache:
        return context.cache[key]
    try:
        outcome = (True, parse(raw, context))
    except BadValue as bad:
        outcome = (False, str(bad))
    if key is not None:
        context.cache[key] = outcome
    return outcome


def plain_cells(cells: Sequence[str]) -> bool:
    """Whether every cell of a CSV row is plain text (no control or invisible character, not
    too long), so text columns need no further checks."""
    return _UNSAFE.search("".join(cells)) is None and max(map(len, cells)) <= MAX_TEXT


def shown(texts: Sequence[str]) -> str:
    """Code values (family ids) for a message: those that look like codes, quoted, and how
    many others were left out; ``""`` when none looks like a code (readers/echo.py: a name
    or phone is never repeated)."""
    codes = [f'"{t}"' for t in texts if looks_like_code(t)]
    hidden = len(texts) - len(codes)
    if hidden and codes:
        codes.append(f"{hidden} more not shown")
    return ", ".join(codes)


def _value(text: str) -> str:
    """A value in a column of program-defined codes: quoted when it looks like a code."""
    return f'"{text}"' if looks_like_code(text) else "this value"


def parse_plain(value: Any, context: ValueContext) -> str:
    text = value.strip() if type(value) is str else cell_text(value)
    if not text:
        return text
    if len(text) > MAX_TEXT:
        raise BadValue(f"is {len(text)} characters long (at most {MAX_TEXT}); check that the right "
                       "value is in this column")
    problem = unsafe_problem(text)
    if problem:
        raise BadValue(problem)
    return text


def _date(value: Any, context: ValueContext) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, cell_text(value), context)
    text = parse_plain(value, context)
    if not text:
        return None
    if len(text) == 10 and _ISO_DAY.fullmatch(text):  # the common case, fast
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return _date_text(text, context)


def _date_text(text: str, context: ValueContext) -> date:
    if _SERIAL.fullmatch(text):
        return _serial(float(text), text, context)
    iso = _ISO.match(text)
    match = iso or _US.match(text)
    if match is None or not _CLOCK.fullmatch(text, match.end()):
        raise BadValue("this value is not a date; write 2026-03-05 or 3/5/2026 "
                       "(month/day/year)")
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        month, day, year = (int(g) for g in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
        if month > 12 and day <= 12:
            raise BadValue("this value is not a date: dates are read as month/day/year (US) "
                           "and it looks day-first; swap the day and the month, or write "
                           "year-month-day (2026-03-05)")
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue("this value is not a real date; check the day and month") from None


def _serial(number: float, text: str, context: ValueContext) -> date:
    """An Excel serial day number (a date cell that lost its date format)."""
    if not 1 <= number < 2958466:
        raise BadValue("this value is not a date; write 2026-03-05 or 3/5/2026 "
                       "(month/day/year)")
    return context.epoch + timedelta(days=int(number))


def _birth_date(value: Any, context: ValueContext) -> date | None:
    born = _date(value, context)
    if born is not None and born > context.today:
        # A valid birth date is personal data: the message does not repeat it.
        raise BadValue(f"is after today ({context.today.isoformat()}); check the year")
    return born


DUE_BEFORE_DAYS = 28  # a due date this far past is still read: the birth may not be entered yet
DUE_AFTER_DAYS = 294  # 42 weeks: no pregnancy is due further ahead


def _due_date(value: Any, context: ValueContext) -> date | None:
    """An expected due date (expectant families): from 4 weeks ago to 42 weeks ahead."""
    due = _date(value, context)
    # The message never shows the due date: it is pregnancy information.
    if due is None:
        return None
    if due < context.today - timedelta(days=DUE_BEFORE_DAYS):
        raise BadValue(f"the due date is more than 4 weeks before today "
                       f"({context.today.isoformat()}); if the baby is born, "
                       "write the birth date in date_of_birth (the due date is then ignored)")
    if due > context.today + timedelta(days=DUE_AFTER_DAYS):
        raise BadValue(f"the due date is more than 42 weeks after today "
                       f"({context.today.isoformat()}); check the year")
    return due


def _whole(text: str, what: str) -> int:
    match = _WHOLE.fullmatch(text)
    if match is None:
        raise BadValue(f"this value is not a whole number of {what}")
    return int(match.group(1))


def _weeks(value: Any, context: ValueContext) -> int | tuple[int, int] | None:
    text = parse_plain(value, context)
    if not text:
        return None
    match = _WEEKS.fullmatch(text)
    if match is None:
        raise BadValue("this value is not a number of weeks; write completed weeks "
                       "(35, or 33 w 2 d as 33 here and 2 in gestational_age_days)")
    weeks = int(match.group(1))
    if not 22 <= weeks <= 44:
        raise BadValue("this value is outside 22–44 weeks; write the completed weeks of "
                       "pregnancy at birth (a term baby is 37–41, or leave it empty)")
    days = match.group(2) or match.group(3) or match.group(4)
    return weeks if days is None else (weeks, _days_number(int(days), text))


def _days(value: Any, context: ValueContext) -> int | None:
    text = parse_plain(value, context)
    if not text:
        return None
    return _days_number(_whole(text, "days"), text)


def _days_number(days: int, text: str) -> int:
    if not 0 <= days <= 6:
        raise BadValue("this value is outside 0–6 days; 7 days or more is another week "
                       "(33 w 9 d is 34 w 2 d)")
    return days


def _consent(value: Any, context: ValueContext) -> bool | None:
    return _yes_no(value, context, lambda text: f"{_value(text)} is not yes or no; write yes or "
                   "no (y/n, true/false and 1/0 work too; empty means yes)")


def _yes_no(value: Any, context: ValueContext, refusal: Callable[[str], str]) -> bool | None:
    """A yes/no cell (y/n, true/false, 1/0 too): the answer, ``None`` when empty, or
    ``BadValue(refusal(text))``; a staff-only column's refusal must not repeat the text."""
    if isinstance(value, bool):
        return value
    text = parse_plain(value, context)
    if not text:
        return None
    answer = _BOOLEANS.get(text.lower())
    if answer is None:
        raise BadValue(refusal(text))
    return answer


def _status(value: Any, context: ValueContext) -> str | None:
    text = parse_plain(value, context)
    if text and text.lower() not in ("active", "inactive"):
        raise BadValue(f"{_value(text)} is not active or inactive (empty means active)")
    return text.lower() or None


def _site(value: Any, context: ValueContext) -> str:
    text = parse_plain(value, context)
    if text and text.lower() not in context.sites:
        known = ", ".join(context.sites.values())
        raise BadValue(f"unknown site{echo_code(text)}; known sites: {known} (the site ids in "
                       "groupwcc.yaml)")
    return context.sites.get(text.lower(), "")


def _language(value: Any, context: ValueContext) -> str | None:
    text = parse_plain(value, context)
    if not text:
        return None
    key = text.lower()
    key = key if key in context.languages else language_code(text)
    if key not in context.languages:
        known = ", ".join(context.languages.values())
        raise BadValue(f"unknown language{echo_code(text)}; known languages: {known} (add more "
                       "under languages: in groupwcc.yaml)")
    return context.languages[key]


def _family_list(value: Any, context: ValueContext) -> tuple[str, ...] | None:
    text = parse_plain(value, context)
    return tuple(dict.fromkeys(p.strip() for p in text.split(";") if p.strip())) or None


def _exposure(value: Any, context: ValueContext) -> bool | None:
    # Staff-only clinical fields: the message never repeats what the cell says.
    return _yes_no(value, context, lambda _: "is not yes or no; write yes or no (empty means no)")


_RSV_PROTECTION = {"maternal_vaccine": "maternal_vaccine", "infant_antibody": "infant_antibody",
                   "maternal vaccine": "maternal_vaccine", "infant antibody": "infant_antibody"}


def _rsv_protection(value: Any, context: ValueContext) -> str | None:
    text = parse_plain(value, context)
    if not text:
        return None
    found = _RSV_PROTECTION.get(text.strip().lower())
    if found is None:
        raise BadValue("is not maternal_vaccine or infant_antibody (empty means neither)")
    return found


# Who brings the baby; "grandparent", "relative" and "foster parent" are common spellings.
_ROLES = {"parent": "parent", "partner": "partner", "kin": "kin", "kinship": "kin",
          "relative": "kin", "grandparent": "kin", "foster": "foster",
          "foster carer": "foster", "foster parent": "foster", "foster_carer": "foster"}


def _caregiver_role(value: Any, context: ValueContext) -> str | None:
    # Staff-only: the message never repeats what the cell says.
    text = parse_plain(value, context)
    if not text:
        return None
    found = _ROLES.get(" ".join(text.strip().lower().split()))
    if found is None:
        raise BadValue("is not parent, partner, kin or foster (empty means not recorded)")
    return found


PARSERS: dict[str, Parser] = {
    "date_of_birth": _birth_date,
    "due_date": _due_date,
    "enrolled_on": _date,
    "gestational_age_weeks": _weeks,
    "gestational_age_days": _days,
    "group_consent": _consent,
    "status": _status,
    "site": _site,
    "language": _language,
    "keep_apart_with": _family_list,
    "rsv_protection": _rsv_protection,
    "hcv_exposed": _exposure,
    "hbsag_positive_parent": _exposure,
    "caregiver_role": _caregiver_role,
}
