"""The Part 2 notice and date formats printed on sheets, guides and calendars.

The interface words per language live in ``groupwcc/i18n.py``; curriculum text comes
translated from the curriculum of the cohort's language. Unknown languages fall back to English.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from groupwcc.core import words
from groupwcc.i18n import ui_language

PART2_NOTICE = {
    "en": ("CONFIDENTIAL: This information has been disclosed to you from records protected by "
           "federal confidentiality rules (42 CFR part 2). The federal rules prohibit you from "
           "making any further disclosure of information in this record that identifies a "
           "patient as having or having had a substance use disorder either directly, by "
           "reference to publicly available information, or through verification of such "
           "identification by another person unless further disclosure is expressly permitted "
           "by the written consent of the individual whose information is being disclosed or as "
           "otherwise permitted by 42 CFR part 2. 42 CFR part 2 prohibits unauthorized "
           "disclosure of these records."),
}
PART2_SHORT = "CONFIDENTIAL: 42 CFR part 2 prohibits unauthorized disclosure of these records."


def part2_notice(language: str) -> str:
    """The 42 CFR §2.32 notice. Printed in English: it is the regulation's wording."""
    return PART2_NOTICE["en"]


def format_day(moment: datetime, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027``."""
    return words.format_day(moment.date() if isinstance(moment, datetime) else moment,
                            ui_language(language))


def format_span(start: datetime, end: datetime, tz: tzinfo, language: str) -> str:
    """``Tuesday 12 January 2027, 10:00–12:00`` in the program's time zone."""
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    return f"{format_day(local_start, language)}, {local_start:%H:%M}–{local_end:%H:%M}"


def format_times(start: datetime, end: datetime, tz: tzinfo) -> str:
    """``10:00–12:00`` in the program's time zone."""
    return f"{start.astimezone(tz):%H:%M}–{end.astimezone(tz):%H:%M}"
