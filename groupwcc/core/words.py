"""Weekday and month names and ages in words, by language, for agendas, guides, calendars and
flag reasons."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from groupwcc.core.ages import parse_age
from groupwcc.i18n import AGE_UNITS, DAY_FORMATS, MINUS, MONTHS, WEEKDAYS, ui_language


@lru_cache(maxsize=256)
def say_age(expression: str, language: str = "en") -> str:
    """An age expression in words: ``6w`` → "6 weeks", ``12m-4d`` → "12 months minus 4 days"
    (English if the language is unknown)."""
    code = ui_language(language)
    words = []
    for amount, unit in parse_age(expression).terms:
        one, many = AGE_UNITS[code][unit]
        word = f"{abs(amount)} {one if abs(amount) == 1 else many}"
        words.append(f"{MINUS[code]} {word}" if amount < 0 else word)
    return " ".join(words)


def format_day(day: date, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027`` (English if unknown)."""
    code = ui_language(language)
    return DAY_FORMATS[code].format(weekday=WEEKDAYS[code][day.weekday()], day=day.day,
                                    month=MONTHS[code][day.month - 1], year=day.year)
