"""The session's vaccine pull list as text lines and as template data (staff-only).

How many doses of each vaccine to draw from stock for one session (core/record_due.py), with
how many of them are counted by the visit-age rule because the infant has no record.
"""

from __future__ import annotations

from typing import Any

from groupwcc.i18n import ui_language
from groupwcc.models import Agenda, PullItem

_TEXT: dict[str, dict[str, str]] = {
    "en": {"title": "Vaccine pull list (doses to draw from stock)",
           "no_record": "{n} by visit age: no record", "none": "No doses to draw."},
    "es": {"title": "Lista de vacunas a retirar (dosis del inventario)",
           "no_record": "{n} por edad de visita: sin registro", "none": "Ninguna dosis.",
           "RSV antibody": "Anticuerpo contra el VRS", "Influenza": "Influenza (gripe)"},
}


def pull_text(language: str) -> dict[str, str]:
    """The pull list's words in ``language`` (English when not translated)."""
    return _TEXT.get(ui_language(language), _TEXT["en"])


def pull_line(item: PullItem, language: str = "en") -> str:
    """``DTaP: 5 (2 by visit age: no record)``."""
    extra = f" ({pull_text(language)['no_record'].format(n=item.no_record)})" \
        if item.no_record else ""
    name = pull_text(language).get(item.vaccine, item.vaccine)  # product names stay as they are
    return f"{name}: {item.doses}{extra}"


def pull_list_lines(agenda: Agenda) -> list[str]:
    """The text lines of ``groupwcc agenda --staff``; none when no vaccine records are kept."""
    if not agenda.pull_list:
        return []
    text = pull_text(agenda.language)
    return ["", text["title"], *(f"  {pull_line(i, agenda.language)}" for i in agenda.pull_list)]


def pull_list_context(agenda: Agenda) -> dict[str, Any]:
    """Template data: ``{"title": …, "lines": [...]}`` (empty lines: the block is left out)."""
    return {"title": pull_text(agenda.language)["title"],
            "lines": [pull_line(i, agenda.language) for i in agenda.pull_list]}
