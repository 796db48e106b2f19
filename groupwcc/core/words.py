"""Weekday and month names and ages in words, by language, for agendas, guides, calendars and
flag reasons."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from groupwcc.core.ages import parse_age

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}


AGE_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"y": ("year", "years"), "m": ("month", "months"), "w": ("week", "weeks"),
           "d": ("day", "days")},
    "es": {"y": ("año", "años"), "m": ("mes", "meses"), "w": ("semana", "semanas"),
           "d": ("día", "días")},
}
MINUS: dict[str, str] = {"en": "minus", "es": "menos"}


def _code(language: str) -> str:
    code = language.split("-")[0].split("_")[0].lower()
    return code if code in WEEKDAYS else "en"


@lru_cache(maxsize=256)
def say_age(expression: str, language: str = "en") -> str:
    """An age expression in words: ``6w`` → "6 weeks", ``12m-4d`` → "12 months minus 4 days"
    (English if the language is unknown)."""
    code = _code(language)
    words = []
    for amount, unit in parse_age(expression).terms:
        one, many = AGE_UNITS[code][unit]
        word = f"{abs(amount)} {one if abs(amount) == 1 else many}"
        words.append(f"{MINUS[code]} {word}" if amount < 0 else word)
    return " ".join(words)


def format_day(day: date, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027`` (English if unknown)."""
    code = _code(language)
    weekday, month = WEEKDAYS[code][day.weekday()], MONTHS[code][day.month - 1]
    if code == "es":
        return f"{weekday} {day.day} de {month} de {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"
