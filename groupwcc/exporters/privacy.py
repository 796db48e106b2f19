"""What may appear in calendars and other output that leaves the program.

A calendar event is seen by anyone the coordinator shares it with (and by delegates and mail
servers), so it must not reveal that a family is in treatment for substance use: 42 CFR Part 2
treats anything that identifies a patient as having a substance use disorder as a protected
disclosure (clinical-facts.md §7.1, §7.2).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from groupwcc.core.privacy_words import RevealingWords
from groupwcc.errors import PrivacyError, Problem

if TYPE_CHECKING:
    from groupwcc.models import ProgramConfig

@lru_cache(maxsize=1)
def builtin_revealing_words() -> RevealingWords:
    """The shipped word lists (``groupwcc/data/privacy_words.yaml``), every language at once."""
    import yaml

    from groupwcc.resources import data_path

    data = yaml.safe_load(data_path("privacy_words.yaml").read_text(encoding="utf-8"))
    words = tuple(w for per_language in data["words"].values() for w in per_language)
    return RevealingWords(words, tuple(data["acronyms"]))


def revealing_words(extra: Iterable[str] = ()) -> RevealingWords:
    """The shipped lists plus a program's own words (``calendar.revealing_words``)."""
    extra = tuple(extra)
    return builtin_revealing_words().extended(extra) if extra else builtin_revealing_words()


# Placeholders a calendar template may use (CalendarPolicy docstring).
ALLOWED_PLACEHOLDERS: tuple[str, ...] = ("cohort", "visit_label", "site", "program")

_HINT_TEMPLATE = ("use neutral wording such as 'Baby group · {cohort} · {visit_label} visit'; "
                  "allowed placeholders: " + ", ".join(f"{{{p}}}" for p in ALLOWED_PLACEHOLDERS))
_HINT_NAME = ("calendars are shared outside the program: set calendar.calendar_name_template "
              "in groupwcc.yaml to a neutral name, e.g. 'Clinic baby groups'")


def find_revealing_words(text: str, words: RevealingWords | None = None) -> list[str]:
    """The revealing words in ``text``, in order of appearance (as written there)."""
    return (words or builtin_revealing_words()).find(text)


def template_placeholders(template: str) -> list[str]:
    """The placeholder fields a ``str.format`` template uses (``{cohort}`` → ``cohort``); a
    format spec or conversion (``{cohort:>999}``, ``{cohort!r}``) is returned whole so that it
    is refused like any unknown placeholder."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:  # an unmatched '{' or '}'
        raise PrivacyError(f"calendar template {template!r} is not a valid template: {exc}",
                           hint="write literal braces as '{{' and '}}'") from exc
    return [field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _, field, spec, conversion in parsed if field is not None]


def template_problems(template: str, where: str, words: RevealingWords | None = None, *,
                      allowed: tuple[str, ...] = ALLOWED_PLACEHOLDERS) -> list[Problem]:
    """Every reason ``template`` may not be used for calendar text."""
    problems = []
    try:
        fields = template_placeholders(template)
    except PrivacyError as error:
        return [Problem(where, error.message.replace(repr(template), "").replace("  ", " "))]
    for field in fields:
        if field not in allowed:
            problems.append(Problem(where, f"placeholder {{{field}}} is not allowed"))
    for word in find_revealing_words(template, words):
        problems.append(Problem(where, f"the word {word!r} would reveal the program's purpose"))
    return problems


def check_calendar_template(template: str) -> None:
    """Raise :class:`PrivacyError` if a calendar template may not be used.

    Allowed: the placeholders in ``ALLOWED_PLACEHOLDERS``; refused: any other placeholder
    (``{infant}``, ``{cohort.__class__}``) and any word in ``privacy_words.yaml``.
    """
    problems = template_problems(template, "calendar template")
    if problems:
        raise PrivacyError("the calendar template cannot be used", hint=_HINT_TEMPLATE,
                           problems=problems)


def text_problems(named_texts: Iterable[tuple[str, str]],
                  words: RevealingWords | None = None) -> list[Problem]:
    """Revealing words in ``(where, text)`` pairs such as a site address or room name."""
    return [Problem(where, f"the word {word!r} would reveal the program's purpose")
            for where, text in named_texts for word in find_revealing_words(text, words)]


def scan_text(text: str, forbidden: Iterable[str]) -> list[str]:
    """The ``forbidden`` strings (names, birth dates…) that occur in ``text``, case-insensitively.

    Folded .ics lines are unfolded first so a name split across a line break is still found.
    """
    unfolded = text.replace("\r\n ", "").replace("\n ", "").casefold()
    return [item for item in forbidden if item and item.casefold() in unfolded]


def config_texts(config: ProgramConfig) -> list[tuple[str, str]]:
    """Every configured text that can reach a calendar, named by its setting."""
    policy = config.calendar
    texts = [("program", config.program),
             ("calendar.calendar_name_template", policy.calendar_name_template),
             ("calendar.uid_domain", policy.uid_domain or "")]
    for site in config.sites:
        texts += [(f"sites[{site.id}].name", site.name),
                  (f"sites[{site.id}].address", site.address or "")]
    for index, slot in enumerate(config.slots):
        texts += [(f"slots[{index}].room", slot.room or ""),
                  (f"slots[{index}].virtual_link", slot.virtual_link or "")]
    return texts


def check_config_privacy(config: ProgramConfig) -> None:
    """Refuse, once at load time, configured text that would reveal the program's purpose.

    Checks the program name, calendar templates, site names and addresses, rooms and links
    against the shipped lists in every language plus ``calendar.revealing_words``.
    """
    words = revealing_words(config.calendar.revealing_words)
    policy = config.calendar
    problems = [*template_problems(policy.title_template, "calendar.title_template", words),
                *template_problems(policy.description_template,
                                   "calendar.description_template", words),
                *template_problems(policy.calendar_name_template,
                                   "calendar.calendar_name_template", words,
                                   allowed=("program",)),
                *text_problems(config_texts(config), words)]
    if problems:
        raise PrivacyError(
            "groupwcc.yaml has wording that would reveal the program's purpose in calendars",
            hint="calendars are shared outside the program: choose neutral wording for each "
                 "setting listed (for a site address of a treatment facility, consider a "
                 "neutral address line)", problems=problems)
