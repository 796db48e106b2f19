"""Agendas: one session's timeline from its curriculum visit, and the staff-only due lists.

Pure: the session, its members, the curriculum and the reference data come in; an ``Agenda``
comes out. Screenings come from the periodicity data (corrected age for ``age_basis:
corrected`` rules, for infants born before 37 weeks while under 24 months chronological age,
clinical-facts.md §4); vaccine doses always go by chronological age (§4, [IMMUNIZE-PRETERM]).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from groupwcc.core.ages import add_age, corrected_birth_date, format_age
from groupwcc.core.record_due import VaccineRecords, vaccine_items
from groupwcc.core.rotation import (
    arrival_end_minute,
    build_rotation,
    clinician_names,
    rotation_warnings,
)
from groupwcc.core.windows import dose_first_day, dose_last_day
from groupwcc.core.words import say_age
from groupwcc.errors import CurriculumError
from groupwcc.i18n import DUE_TEXT, words
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
from groupwcc.models.agenda import ExamTurn
from groupwcc.models.curriculum import Block, ExamTrack, SafetyProtocol
from groupwcc.models.program import CrisisNumbers
from groupwcc.models.roster import CARER_ROLES

# Blocks that need the room: a virtual session leaves them out (no weighing, exams, vaccines).
IN_ROOM_KINDS = frozenset({"arrival-and-self-assessment", "measurements", "individual-check",
                           "screening"})

CELEBRATION_DAYS = 7  # a birthday this many days either side of the session is celebrated


# --- building -----------------------------------------------------------------------------

def build_agenda(session: Session, members: Sequence[Infant], curriculum: Curriculum,
                 reference: ReferenceData, *, flags: Sequence[Flag] = (),
                 clinicians: Sequence[str] = (), next_session: date | None = None,
                 crisis: CrisisNumbers | None = None,
                 vaccine_records: VaccineRecords | None = None) -> Agenda:
    """The agenda of ``session``: the circle's timeline, the exam rotation beside it (none
    online), staff-only due lists, celebrations, materials and the safety protocol.

    ``clinicians`` are the slot's (one unnamed clinician if none); ``next_session`` the date
    of the cohort's next session; ``crisis`` the numbers the protocol page prints;
    ``vaccine_records`` the program's immunisation history (due lists from the forecast).
    """
    plan = _visit_plan(curriculum, session.visit)
    text, language = words(DUE_TEXT, curriculum.language), curriculum.language
    virtual = bool(session.virtual_link) and curriculum.virtual is not None
    items = _timeline(session.start, _blocks(plan, curriculum, virtual), curriculum)
    due = tuple(infant_due(i, session, reference, flags, language=language,
                           vaccine_records=vaccine_records) for i in members)
    exam = None if virtual else plan.exam
    names = clinician_names(clinicians, language)
    rotation: tuple[ExamTurn, ...] = ()
    warnings: tuple[str, ...] = ()
    if exam is not None:
        rotation = build_rotation(session.start, exam, members, names,
                                  {d.infant_id: d.items for d in due}, curriculum)
        warnings = tuple(rotation_warnings(
            exam, len(members), len(names), session_minutes=_minutes(session),
            arrival_end=arrival_end_minute(plan.blocks), language=language))
    carers = any(i.caregiver_role in CARER_ROLES for i in members)
    return _distinguish(Agenda(
        session_id=session.session_id, cohort_id=session.cohort_id, visit=session.visit,
        visit_label=_visit_label(reference, session.visit, language), title=plan.title,
        language=language, start=session.start, end=session.end,
        topics=plan.topics, items=items, due=due,
        celebrations=celebrations(members, session.day, text),
        materials=_materials(items, exam), exam=exam, rotation=rotation,
        clinicians=names if exam is not None else (), warnings=warnings,
        next_session=next_session, virtual=virtual, carers_present=carers,
        carer_prompts=curriculum.carer_prompts if carers else (),
        protocol=_protocol(curriculum.safety_protocol, crisis or CrisisNumbers(), language)),
        members)


def staff_labels(members: Sequence[Infant]) -> dict[str, str]:
    """How staff pages name each infant: first name + last initial, and where two infants of
    the session share that, their caregiver too (then the infant id), so a vaccine or a
    screening can never be given to the wrong baby of the same printed name."""
    labels = {i.infant_id: i.display_name for i in members}
    for extra in (lambda i: i.caregiver_display_name, lambda i: i.infant_id):
        seen = Counter(labels.values())
        labels = {i.infant_id: (f"{labels[i.infant_id]} ({extra(i)})"
                                if seen[labels[i.infant_id]] > 1 else labels[i.infant_id])
                  for i in members}
    return labels


def _distinguish(agenda: Agenda, members: Sequence[Infant]) -> Agenda:
    labels = staff_labels(members)
    if all(labels[i.infant_id] == i.display_name for i in members):
        return agenda

    def named(item: Any) -> Any:
        return item.model_copy(update={"display_name": labels.get(item.infant_id,
                                                                  item.display_name)})

    return agenda.model_copy(update={
        "due": tuple(map(named, agenda.due)), "rotation": tuple(map(named, agenda.rotation)),
        "celebrations": tuple(map(named, agenda.celebrations))})


def next_session_day(session: Session, sessions: Iterable[Session]) -> date | None:
    """The day of the cohort's next session after ``session`` that still takes place."""
    later = [s.day for s in sessions if s.cohort_id == session.cohort_id
             and s.status != "cancelled" and s.start > session.start]
    return min(later, default=None)


def infant_due(infant: Infant, session: Session, reference: ReferenceData,
               flags: Sequence[Flag] = (), *, language: str = "en",
               vaccine_records: VaccineRecords | None = None) -> InfantDue:
    """What is due for one infant at ``session``: screenings, vaccine doses, seasonal and
    optional vaccines, exposure tests (staff only) and flags."""
    text, day = words(DUE_TEXT, language), session.day
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
        return (text or DUE_TEXT["en"])["before_term"].format(age=format_age(day, due_date))
    return format_age(due_date, day)


def screening_item(rule: ScreeningRule, corrected: str | None,
                   text: dict[str, str] | None = None, *, language: str = "en") -> DueItem:
    """A screening due at this visit; corrected-age rules say which age to use."""
    name = rule.name_in(language)
    label = f"{name} ({rule.instrument})" if rule.instrument else name
    note = ""
    if rule.age_basis == "corrected" and corrected:
        note = (text or DUE_TEXT["en"])["corrected"].format(age=corrected)
    return DueItem(kind="screening", code=rule.key, label=label, note=note)


def dose_item(rule: DoseRule, born: date, day: date, *, language: str = "en") -> DueItem:
    """A vaccine dose of this visit, judged by chronological age on ``day`` (core.windows)."""
    text = words(DUE_TEXT, language)
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
    text = text or DUE_TEXT["en"]
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


def _blocks(plan: VisitPlan, curriculum: Curriculum, virtual: bool) -> tuple[Block, ...]:
    """The circle's blocks; online, the in-room blocks give way to the virtual check-in and
    the at-home activities (placed before the closing)."""
    if not virtual or curriculum.virtual is None:
        return plan.blocks
    kept = [b for b in plan.blocks if b.kind not in IN_ROOM_KINDS]
    closing = [b for b in kept if b.kind == "closing"]
    rest = [b for b in kept if b.kind != "closing"]
    return (curriculum.virtual.check_in, *rest, curriculum.virtual.at_home, *closing)


def _protocol(protocol: SafetyProtocol | None, crisis: CrisisNumbers,
              language: str) -> SafetyProtocol | None:
    """The protocol with the program's numbers in place of ``{crisis_line}`` and the rest."""
    if protocol is None:
        return None
    local = crisis.local or words(DUE_TEXT, language)["no_local"]
    if crisis.local and crisis.local_name:
        local = f"{crisis.local_name}, {crisis.local}"
    numbers = {"crisis_line": local, "lifeline": crisis.lifeline,
               "poison_help": crisis.poison_help}
    sections = tuple(s.model_copy(update={"steps": tuple(step.format(**numbers)
                                                         for step in s.steps)})
                     for s in protocol.sections)
    return protocol.model_copy(update={"sections": sections,
                                       "intro": protocol.intro.format(**numbers)})


def _minutes(session: Session) -> int:
    return int((session.end - session.start).total_seconds() // 60)


def _timeline(start: datetime, blocks: Sequence[Block], curriculum: Curriculum
              ) -> tuple[AgendaItem, ...]:
    items, at = [], start
    for block in blocks:
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


def _materials(items: Iterable[AgendaItem], exam: ExamTrack | None) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for item in items:
        extra = item.activity.materials if item.activity else ()
        for material in (*item.block.materials, *extra):
            found.setdefault(material.casefold(), material)
    for material in exam.materials if exam else ():
        found.setdefault(material.casefold(), material)
    return tuple(found.values())


def _visit_label(reference: ReferenceData, visit: str, language: str) -> str:
    try:
        return reference.visit(visit).label_in(language)
    except KeyError:
        return visit
