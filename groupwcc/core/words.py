"""Weekday and month names by language, for agendas, guides and calendars (pure data)."""

from __future__ import annotations

from datetime import date

from groupwcc.i18n import ui_language

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


def format_day(day: date, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027`` (English if unknown)."""
    code = ui_language(language)
    code = code if code in WEEKDAYS else "en"
    weekday, month = WEEKDAYS[code][day.weekday()], MONTHS[code][day.month - 1]
    if code == "es":
        return f"{weekday} {day.day} de {month} de {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"
