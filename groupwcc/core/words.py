"""Dates in words for agendas, guides and calendars; the names come from ``groupwcc.i18n``."""

from __future__ import annotations

from datetime import date

from groupwcc.i18n import DAY_FORMATS, MONTHS, WEEKDAYS, ui_language


def format_day(day: date, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027`` (English if unknown)."""
    code = ui_language(language)
    return DAY_FORMATS[code].format(weekday=WEEKDAYS[code][day.weekday()], day=day.day,
                                    month=MONTHS[code][day.month - 1], year=day.year)
