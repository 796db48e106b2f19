"""The session's vaccine pull list as text lines and as template data (staff-only).

How many doses of each vaccine to draw from stock for one session (core/record_due.py), with
how many of them are counted by the visit-age rule because the infant has no record.
"""

from __future__ import annotations

from typing import Any

from groupwcc.i18n import PULL_LIST_TEXT, words
from groupwcc.models import Agenda, PullItem


def pull_line(item: PullItem, language: str = "en") -> str:
    """``DTaP: 5 (2 by visit age: no record)``."""
    text = words(PULL_LIST_TEXT, language)
    extra = f" ({text['no_record'].format(n=item.no_record)})" if item.no_record else ""
    name = text.get(item.vaccine, item.vaccine)  # product names stay as they are
    return f"{name}: {item.doses}{extra}"


def pull_list_lines(agenda: Agenda) -> list[str]:
    """The text lines of ``groupwcc agenda --staff``; none when no vaccine records are kept."""
    if not agenda.pull_list:
        return []
    text = words(PULL_LIST_TEXT, agenda.language)
    return ["", text["title"], *(f"  {pull_line(i, agenda.language)}" for i in agenda.pull_list)]


def pull_list_context(agenda: Agenda) -> dict[str, Any]:
    """Template data: ``{"title": …, "lines": [...]}`` (empty lines: the block is left out)."""
    return {"title": words(PULL_LIST_TEXT, agenda.language)["title"],
            "lines": [pull_line(i, agenda.language) for i in agenda.pull_list]}
