"""Chronological and corrected age, and calendar-month arithmetic.

Age expressions are signed terms applied left to right: ``6w``, ``3m``, ``7m15d``,
``12m-4d``, ``1y``. Months are calendar months added to the date of birth; when the day does
not exist in the target month the date moves to the 1st of the next month (CDC CDSi rule
CALCDT-5, clinical-facts.md §3.3). Four weeks are 28 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from groupwcc.errors import ReferenceDataError

_TERM = re.compile(r"([+-]?)\s*(\d+)\s*([ymwd])", re.IGNORECASE)


@dataclass(frozen=True)
class AgeExpr:
    """A parsed age expression: a tuple of (signed amount, unit) terms."""

    terms: tuple[tuple[int, str], ...]
    text: str


@lru_cache(maxsize=512)
def parse_age(text: str) -> AgeExpr:
    """Parse ``"12m-4d"`` into terms; raise ReferenceDataError on anything else."""
    compact = text.replace(" ", "")
    terms: list[tuple[int, str]] = []
    pos = 0
    for match in _TERM.finditer(compact):
        if match.start() != pos:
            break
        sign = -1 if match.group(1) == "-" else 1
        terms.append((sign * int(match.group(2)), match.group(3).lower()))
        pos = match.end()
    if not terms or pos != len(compact):
        raise ReferenceDataError(
            f"{text!r} is not an age expression",
            hint="write terms like 6w, 3m, 7m15d or 12m-4d (y, m, w, d)",
        )
    return AgeExpr(tuple(terms), text)


def add_months(start: date, months: int) -> date:
    """Add calendar months; a day missing in the target month becomes the 1st of the next."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    try:
        return date(year, month, start.day)
    except ValueError:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return date(year, month, 1)


def add_age(start: date, age: AgeExpr | str) -> date:
    """``start`` plus an age expression, terms applied left to right."""
    expr = parse_age(age) if isinstance(age, str) else age
    result = start
    for amount, unit in expr.terms:
        if unit == "y":
            result = add_months(result, 12 * amount)
        elif unit == "m":
            result = add_months(result, amount)
        elif unit == "w":
            result = result + timedelta(weeks=amount)
        else:
            result = result + timedelta(days=amount)
    return result


def age_parts(born: date, on: date) -> tuple[int, int]:
    """Completed calendar months and remaining days from ``born`` to ``on`` (``on >= born``)."""
    if on < born:
        return (0, 0)
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if add_months(born, months) > on:
        months -= 1
    return months, (on - add_months(born, months)).days


def format_age(born: date, on: date) -> str:
    """``"4 m 3 d"``; under two months also shows weeks: ``"6 w 2 d"``."""
    if on < born:
        return "not yet born"
    days = (on - born).days
    if days < 56:
        return f"{days // 7} w {days % 7} d"
    months, rest = age_parts(born, on)
    return f"{months} m {rest} d"


def correction_days(ga_weeks: int | None, ga_days: int | None = 0, *, term_weeks: int = 40) -> int:
    """Days to subtract from chronological age for a preterm infant (0 at or after term).

    Gestational age counts completed weeks (AAP "Age Terminology", clinical-facts.md §4).
    """
    if ga_weeks is None:
        return 0
    born_at = ga_weeks * 7 + (ga_days or 0)
    return max(0, term_weeks * 7 - born_at)


def corrected_birth_date(born: date, ga_weeks: int | None, ga_days: int | None = 0,
                         *, term_weeks: int = 40) -> date:
    """The date from which corrected age is counted (the due date)."""
    return born + timedelta(days=correction_days(ga_weeks, ga_days, term_weeks=term_weeks))

