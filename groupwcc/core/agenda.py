"""Agendas: one session's timeline from its curriculum visit, and the staff-only due lists.

Pure: the session, its members, the curriculum and the reference data come in; an ``Agenda``
comes out. Screenings come from the periodicity data (corrected age for ``age_basis:
corrected`` rules, for infants born before 37 weeks while under 24 months chronological age,
clinical-facts.md §4); vaccine doses always go by chronological age (§4, [IMMUNIZE-PRETERM]).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from groupwcc.core.ages import add_age, corrected_birth_date, format_age
from groupwcc.core.record_due import VaccineRecords, vaccine_items
from groupwcc.core.windows import dose_first_day, dose_last_day
from groupwcc.core.words import say_age
from groupwcc.errors import CurriculumError
from groupwcc.i18n import ui_language
from groupwcc.models import (
    Activity,
    Agenda,
    AgendaItem,
    Celebration,
    Curriculum,
    DoseRule,
    DueItem,
    Flag,
    Infant,
    InfantDue,
    ReferenceData,
    ScreeningRule,
    Session,
    VisitPlan,
)

CELEBRATION_DAYS = 7  # a birthday this many days either side of the session is celebrated

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "dose": "{vaccine} dose {dose}", "corrected": "use corrected age {age}",
        "before_term": "{age} before due date",
        "not_yet": "not yet due: below {age} (reaches it {day})",
        "too_old": "past maximum age: do not give", "give_before": "give before {age}",
        "check_record": "check record: at least {gap} after dose {dose}",
        "birthday1": "first birthday", "birthday2": "second birthday",
    },
    "es": {
        "dose": "{vaccine} dosis {dose}", "corrected": "usar la edad corregida {age}",
        "before_term": "{age} antes de la fecha prevista de parto",
        "not_yet": "aún no corresponde: menor de {age} (la alcanza el {day})",
        "too_old": "superó la edad máxima: no administrar",
        "give_before": "administrar antes de {age}",
        "check_record": "revisar el registro: al menos {gap} después de la dosis {dose}",
        "birthday1": "primer cumpleaños", "birthday2": "segundo cumpleaños",
    },
}


# --- building -----------------------------------------------------------------------------

def build_agenda(session: Session, members: Sequence[Infant], curriculum: Curriculum,
                 reference: ReferenceData, *, flags: Sequence[Flag] = (),
                 vaccine_records: VaccineRecords | None = None) -> Agenda:
    """The agenda of ``session``: timeline, staff-only due lists, celebrations, materials."""
    plan = _visit_plan(curriculum, session.visit)
    text = _text(curriculum.language)
    items = _timeline(session.start, plan, curriculum)
    return Agenda(
        session_id=session.session_id, cohort_id=session.cohort_id, visit=session.visit,
        visit_label=_visit_label(reference, session.visit, curriculum.language), title=plan.title,
        language=curriculum.language, start=session.start, end=session.end,
        topics=plan.topics, items=items,
        due=tuple(infant_due(i, session, reference, flags, language=curriculum.language,
                             vaccine_records=vaccine_records) for i in members),
        celebrations=celebrations(members, session.day, text),
        materials=_materials(items))


def infant_due(infant: Infant, session: Session, reference: ReferenceData,
               flags: Sequence[Flag] = (), *, language: str = "en",
               vaccine_records: VaccineRecords | None = None) -> InfantDue:
    """What is due for one infant at ``session``: screenings, vaccine doses, seasonal and
    optional vaccines, exposure tests (staff only) and flags."""
    text, day = _text(language), session.day
    corrected = corrected_age(infant, day, text, until=reference.corrected_age_until)
    items = [screening_item(rule, corrected, text, language=language)
             for rule in reference.screenings_at(session.visit)]
    items += vaccine_items(infant, session.visit, day, reference, vaccine_records,
                           language=language)
    return InfantDue(
        infant_id=infant.infant_id, display_name=infant.display_name,
        chronological_age=format_age(infant.date_of_birth, day), corrected_age=corrected,
        items=tuple(items),
        flags=tuple(f.reason for f in flags
                    if f.infant_id == infant.infant_id and f.session_id == session.session_id))


def corrected_age(infant: Infant, day: date, text: dict[str, str] | None = None, *,
                  until: str = "24m") -> str | None:
    """Corrected age on ``day`` for an infant born before 37 weeks, while chronologically under
    ``until`` (the reference data's ``corrected_age_until``, 24 months by default)."""
    if not infant.is_preterm or day >= add_age(infant.date_of_birth, until):
        return None
    due_date = corrected_birth_date(infant.date_of_birth, infant.gestational_age_weeks,
                                    infant.gestational_age_days)
    if day < due_date:
        return (text or _TEXT["en"])["before_term"].format(age=format_age(day, due_date))
    return format_age(due_date, day)


def screening_item(rule: ScreeningRule, corrected: str | None,
                   text: dict[str, str] | None = None, *, language: str = "en") -> DueItem:
    """A screening due at this visit; corrected-age rules say which age to use."""
    name = rule.name_in(language)
    label = f"{name} ({rule.instrument})" if rule.instrument else name
    note = ""
    if rule.age_basis == "corrected" and corrected:
        note = (text or _TEXT["en"])["corrected"].format(age=corrected)
    return DueItem(kind="screening", code=rule.key, label=label, note=note)


def dose_item(rule: DoseRule, born: date, day: date, *, language: str = "en") -> DueItem:
    """A vaccine dose of this visit, judged by chronological age on ``day`` (core.windows)."""
    text = _text(language)
    label = text["dose"].format(vaccine=rule.vaccine, dose=rule.dose)
    earliest, last = dose_first_day(born, rule), dose_last_day(born, rule)
    if day < earliest:
        note = text["not_yet"].format(age=say_age(rule.min_age, language),
                                      day=earliest.isoformat())
    elif last is not None and day > last:
        note = text["too_old"]
    else:
        parts = [text["give_before"].format(age=say_age(rule.max_age, language))] \
            if rule.max_age else []
        parts += [text["check_record"].format(gap=say_age(i.min, language), dose=i.from_dose)
                  for i in rule.intervals]
        note = "; ".join(parts)
    return DueItem(kind="vaccine", code=f"{rule.vaccine}-{rule.dose}", label=label, note=note)


def celebrations(members: Iterable[Infant], day: date,
                 text: dict[str, str] | None = None) -> tuple[Celebration, ...]:
    """First and second birthdays within a week either side of ``day``."""
    text = text or _TEXT["en"]
    found = []
    for infant in members:
        for years in (1, 2):
            birthday = add_age(infant.date_of_birth, f"{years}y")
            if abs((birthday - day).days) <= CELEBRATION_DAYS:
                found.append(Celebration(infant_id=infant.infant_id,
                                         display_name=infant.display_name,
                                         what=text[f"birthday{years}"], on=birthday))
    return tuple(found)


def _visit_plan(curriculum: Curriculum, visit: str) -> VisitPlan:
    try:
        return curriculum.visit(visit)
    except KeyError:
        raise CurriculumError(
            f"the {curriculum.language} curriculum '{curriculum.name}' has no visit {visit}",
            hint="add the visit to the program's curriculum (docs/how-to/write-a-curriculum.md)"
        ) from None


def _timeline(start: datetime, plan: VisitPlan, curriculum: Curriculum
              ) -> tuple[AgendaItem, ...]:
    items, at = [], start
    for block in plan.blocks:
        end = at + timedelta(minutes=block.minutes)
        items.append(AgendaItem(start=at, end=end, block=block,
                                activity=_activity(curriculum, block.activity)))
        at = end
    return tuple(items)


def _activity(curriculum: Curriculum, activity_id: str | None) -> Activity | None:
    if activity_id is None:
        return None
    try:
        return curriculum.activity(activity_id)
    except KeyError:
        return None  # validated curricula never get here


def _materials(items: Iterable[AgendaItem]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for item in items:
        extra = item.activity.materials if item.activity else ()
        for material in (*item.block.materials, *extra):
            found.setdefault(material.casefold(), material)
    return tuple(found.values())


def _visit_label(reference: ReferenceData, visit: str, language: str) -> str:
    try:
        return reference.visit(visit).label_in(language)
    except KeyError:
        return visit


def _text(language: str) -> dict[str, str]:
    return _TEXT.get(_lang(language), _TEXT["en"])


def _lang(language: str) -> str:
    short = ui_language(language)
    return short if short in _TEXT else "en"
