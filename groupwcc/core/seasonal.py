"""Due items that depend on the season or on the infant's record, not on the visit.

Influenza is a yearly seasonal vaccine from 6 months, due at any session inside the program's
flu season, with a second dose at least 4 weeks later in a child's first season. RSV antibody
(nirsevimab or clesrovimab) is due for an infant younger than 8 months in their first RSV season
unless the roster records protection. Optional vaccines (COVID-19) and exposure tests (HCV RNA,
HBsAg/anti-HBs) are due while the infant's age is in their range. The rules are in the
reference data (immunizations.yaml, periodicity.yaml); the seasons are program settings.

Pure: the session day comes in; vaccine items go by chronological age (clinical-facts.md §4).
"""

from __future__ import annotations

from datetime import date, timedelta

from groupwcc.core.ages import add_age
from groupwcc.core.words import say_age
from groupwcc.i18n import SEASONAL_TEXT, ui_language, words
from groupwcc.models import (
    DueItem,
    ExposureRule,
    FluRule,
    Infant,
    MonthSpan,
    OptionalDose,
    ReferenceData,
    RsvRule,
)


def seasonal_items(infant: Infant, visit: str, day: date, reference: ReferenceData, *,
                   language: str = "en") -> list[DueItem]:
    """Influenza, RSV antibody, optional vaccines and exposure tests due on ``day``."""
    policy = reference.immunization
    items = []
    if reference.influenza is not None:
        items.append(flu_item(reference.influenza, policy.flu_season, infant, visit, day,
                              reference, language=language))
    if reference.rsv is not None:
        items.append(rsv_item(reference.rsv, policy.rsv_season, infant, day, language=language))
    items += [optional_item(rule, infant.date_of_birth, day, language=language)
              for rule in reference.optional_doses_on()]
    items += [exposure_item(rule, infant, day, language=language)
              for rule in reference.exposures]
    return [i for i in items if i is not None]


def first_season_opening(season: MonthSpan, eligible: date) -> date:
    """Opening day of the first season in which a child eligible from ``eligible`` can be
    immunised: the season containing that day, else the next one."""
    if season.contains(eligible):
        return season.opening(eligible)
    last = season.opening(eligible)
    return date(last.year + 1, last.month, 1)


def flu_item(rule: FluRule, season: MonthSpan, infant: Infant, visit: str, day: date,
             reference: ReferenceData, *, language: str = "en") -> DueItem | None:
    """The influenza line for ``day``: none outside the flu season; in a child's first season
    dose 1 of 2, dose 2 of 2 after one earlier visit of this season (at its nominal age, from
    6 months), nothing after two; a yearly dose in later seasons."""
    if not season.contains(day):
        return None
    text, born = words(SEASONAL_TEXT, language), infant.date_of_birth
    eligible = add_age(born, rule.min_age)
    gap = say_age(rule.second_dose_interval, language)
    if day < eligible:
        if not _nominal_at_least(reference, visit, rule.min_age, born):
            return None
        return _flu(rule, "1", text["flu_first"], text["flu_not_yet"].format(
            age=say_age(rule.min_age, language), day=eligible.isoformat()))
    opening = season.opening(day)
    if opening != first_season_opening(season, eligible):
        return _flu(rule, "yearly", text["flu_yearly"], text["flu_yearly_note"].format(gap=gap))
    earlier = [d for d in _earlier_visit_days(reference, visit, born)
               if d >= eligible and season.opening(d) == opening]
    if not earlier:
        return _flu(rule, "1", text["flu_first"], "")
    if len(earlier) > 1:
        return None  # both first-season doses fell to earlier visits of this season
    note = text["flu_second_note"]
    ready = earlier[0] + _interval(born, rule.second_dose_interval)
    if day < ready:
        note = text["flu_wait"].format(gap=gap, day=ready.isoformat())
    return _flu(rule, "2", text["flu_second"].format(gap=gap), note)


def rsv_item(rule: RsvRule, season: MonthSpan, infant: Infant, day: date, *,
             language: str = "en") -> DueItem | None:
    """The RSV antibody line: in season, in the infant's first season, younger than
    ``rule.before_age`` on ``day``, and no protection recorded in the roster."""
    born = infant.date_of_birth
    if infant.rsv_protection is not None or not season.contains(day):
        return None
    if day >= add_age(born, rule.before_age):
        return None
    if season.opening(day) != first_season_opening(season, born):
        return None
    lang = ui_language(language)
    return DueItem(kind="vaccine", code="RSV-mAb", label=rule.labels.get(lang, rule.label),
                   note=rule.notes.get(lang, rule.note))


def optional_item(rule: OptionalDose, born: date, day: date, *,
                  language: str = "en") -> DueItem | None:
    """An optional vaccine the program turned on, while the infant is in its age range."""
    if not add_age(born, rule.min_age) <= day < add_age(born, rule.max_age):
        return None
    lang = ui_language(language)
    return DueItem(kind="vaccine", code=rule.key,
                   label=words(SEASONAL_TEXT, language)["vaccine"].format(vaccine=rule.vaccine),
                   note=rule.notes.get(lang, rule.note))


def exposure_item(rule: ExposureRule, infant: Infant, day: date, *,
                  language: str = "en") -> DueItem | None:
    """A test for a recorded exposure while the infant is in its age range. Kind ``exposure``:
    staff due lists only, never sign-in sheets (which list screenings and vaccines)."""
    born = infant.date_of_birth
    if not getattr(infant, rule.when):
        return None
    if not add_age(born, rule.from_age) <= day < add_age(born, rule.before_age):
        return None
    lang = ui_language(language)
    return DueItem(kind="exposure", code=rule.key, label=rule.name_in(lang),
                   note=rule.notes.get(lang, rule.note))


def _flu(rule: FluRule, code: str, which: str, note: str) -> DueItem:
    return DueItem(kind="vaccine", code=f"{rule.vaccine}-{code}", label=f"{rule.vaccine}: "
                   f"{which}", note=note)


def _interval(born: date, age: str) -> timedelta:
    # An interval in weeks or days is the same length from any day; measured from birth.
    return add_age(born, age) - born


def _earlier_visit_days(reference: ReferenceData, visit: str, born: date) -> list[date]:
    """Nominal days of the visits before ``visit`` (a group gives flu at those sessions)."""
    try:
        current = add_age(born, reference.visit(visit).nominal)
    except KeyError:
        return []
    days = [add_age(born, v.nominal) for v in reference.visits]
    return [d for d in days if d < current]


def _nominal_at_least(reference: ReferenceData, visit: str, age: str, born: date) -> bool:
    try:
        return add_age(born, reference.visit(visit).nominal) >= add_age(born, age)
    except KeyError:
        return False
