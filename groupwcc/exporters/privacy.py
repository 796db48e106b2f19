"""What may appear in calendars and other output that leaves the program.

A calendar event is seen by anyone the coordinator shares it with (and by delegates and mail
servers), so it must not reveal that a family is in treatment for substance use: 42 CFR Part 2
treats anything that identifies a patient as having a substance use disorder as a protected
disclosure (clinical-facts.md §7.1, §7.2).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from groupwcc.errors import PrivacyError, Problem

# Words that would reveal the purpose of the program in a calendar title, description,
# location or calendar name (clinical-facts.md §7.2, ".ics / Outlook" row). Matched as whole
# words, case-insensitively. Data, not logic: extend it here.
REVEALING_WORDS: tuple[str, ...] = (
    "opioid", "opioids", "OUD", "recovery", "substance", "substances", "methadone",
    "buprenorphine", "suboxone", "MAT", "MOUD", "NAS", "NOWS", "addiction", "addicted",
    "detox", "withdrawal",
)

# Placeholders a calendar template may use (CalendarPolicy docstring).
ALLOWED_PLACEHOLDERS: tuple[str, ...] = ("cohort", "visit_label", "site", "program")

_REVEALING = re.compile(r"\b(?:" + "|".join(map(re.escape, REVEALING_WORDS)) + r")\b",
                        re.IGNORECASE)

_HINT_TEMPLATE = ("use neutral wording such as 'Baby group · {cohort} · {visit_label} visit'; "
                  "allowed placeholders: " + ", ".join(f"{{{p}}}" for p in ALLOWED_PLACEHOLDERS))
_HINT_NAME = ("calendars are shared outside the program: set calendar.calendar_name_template "
              "in groupwcc.yaml to a neutral name, e.g. 'Clinic baby groups'")


def find_revealing_words(text: str) -> list[str]:
    """The revealing words in ``text``, in order of appearance (as written there)."""
    return [m.group(0) for m in _REVEALING.finditer(text)]


def template_placeholders(template: str) -> list[str]:
    """The placeholder fields a ``str.format`` template uses (``{cohort}`` → ``cohort``)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:  # an unmatched '{' or '}'
        raise PrivacyError(f"calendar template {template!r} is not a valid template: {exc}",
                           hint="write literal braces as '{{' and '}}'") from exc
    return [field for _, field, _, _ in parsed if field is not None]


def template_problems(template: str, where: str) -> list[Problem]:
    """Every reason ``template`` may not be used for calendar text."""
    problems = []
    for field in template_placeholders(template):
        if field not in ALLOWED_PLACEHOLDERS:
            problems.append(Problem(where, f"placeholder {{{field}}} is not allowed"))
    for word in find_revealing_words(template):
        problems.append(Problem(where, f"the word {word!r} would reveal the program's purpose"))
    return problems


def check_calendar_template(template: str) -> None:
    """Raise :class:`PrivacyError` if a calendar template may not be used.

    Allowed: the placeholders in ``ALLOWED_PLACEHOLDERS``; refused: any other placeholder
    (``{infant}``, ``{cohort.__class__}``) and any word in ``REVEALING_WORDS``.
    """
    problems = template_problems(template, "calendar template")
    if problems:
        raise PrivacyError("the calendar template cannot be used", hint=_HINT_TEMPLATE,
                           problems=problems)


def text_problems(named_texts: Iterable[tuple[str, str]]) -> list[Problem]:
    """Revealing words in ``(where, text)`` pairs such as a site address or room name."""
    return [Problem(where, f"the word {word!r} would reveal the program's purpose")
            for where, text in named_texts for word in find_revealing_words(text)]


def check_calendar_name(calendar_name: str, program: str) -> None:
    """Refuse a calendar name (the folder name Outlook shows) with a revealing word."""
    problems = text_problems([("calendar name", calendar_name)])
    if problems:
        where = " (it comes from the program name)" if program and program in calendar_name else ""
        raise PrivacyError(f"the calendar name {calendar_name!r} is not neutral{where}",
                           hint=_HINT_NAME, problems=problems)


def scan_text(text: str, forbidden: Iterable[str]) -> list[str]:
    """The ``forbidden`` strings (names, birth dates…) that occur in ``text``, case-insensitively.

    Folded .ics lines are unfolded first so a name split across a line break is still found.
    """
    unfolded = text.replace("\r\n ", "").replace("\n ", "").casefold()
    return [item for item in forbidden if item and item.casefold() in unfolded]
