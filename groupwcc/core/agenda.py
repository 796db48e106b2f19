"""Agendas: one session's timeline from its curriculum visit, and the staff-only due lists.

Pure: the session, its members, the curriculum and the reference data come in; an ``Agenda``
comes out. Screenings come from the periodicity data (corrected age for ``age_basis:
corrected`` rules, for infants born before 37 weeks while under 24 months chronological age,
clinical-facts.md §4); vaccine doses always go by chronological age (§4, [IMMUNIZE-PRETERM]).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from groupwcc.core.ages import add_age, corrected_birth_date, format_age, parse_age
from groupwcc.core.words import format_day
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
WIDTH = 96

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "dose": "{vaccine} dose {dose}", "corrected": "use corrected age {age}",
        "before_term": "{age} before due date",
        "not_yet": "not yet due: below {age} (reaches it {day})",
        "too_old": "past maximum age: do not give", "give_before": "give before {age}",
        "check_record": "check record: at least {gap} after dose {dose}",
        "birthday1": "first birthday", "birthday2": "second birthday",
        "visit": "{label} visit", "session": "Session {session} · group {cohort}",
        "topics": "Topics", "timeline": "Timeline", "prompts": "Prompts",
        "materials": "Materials", "notes": "Notes", "mindfulness": "Mindfulness exercise",
        "play": "Play activity", "trauma": "Trauma-informed note",
        "checklist": "Materials checklist", "staff": "STAFF ONLY – confidential",
        "due": "Due at this session", "age": "age {age}", "corrected_age": "corrected age {age}",
        "screenings": "Screenings", "vaccines": "Vaccines", "flags": "Flags",
        "nothing_due": "Nothing due.", "no_members": "No active members.",
        "celebrations": "Celebrations", "min": "min", "and": "and", "minus": "minus",
        "y": "year|years", "m": "month|months", "w": "week|weeks", "d": "day|days",
    },
    "es": {
        "dose": "{vaccine} dosis {dose}", "corrected": "usar la edad corregida {age}",
        "before_term": "{age} antes de la fecha prevista de parto",
        "not_yet": "aún no corresponde: menor de {age} (la alcanza el {day})",
        "too_old": "superó la edad máxima: no administrar",
        "give_before": "administrar antes de {age}",
        "check_record": "revisar el registro: al menos {gap} después de la dosis {dose}",
        "birthday1": "primer cumpleaños", "birthday2": "segundo cumpleaños",
        "visit": "Visita de {label}", "session": "Sesión {session} · grupo {cohort}",
        "topics": "Temas", "timeline": "Agenda", "prompts": "Preguntas guía",
        "materials": "Materiales", "notes": "Notas", "mindfulness": "Ejercicio de atención plena",
        "play": "Actividad de juego", "trauma": "Nota informada sobre el trauma",
        "checklist": "Lista de materiales", "staff": "SOLO PERSONAL – confidencial",
        "due": "Pendiente en esta sesión", "age": "edad {age}",
        "corrected_age": "edad corregida {age}", "screenings": "Evaluaciones",
        "vaccines": "Vacunas", "flags": "Avisos", "nothing_due": "Nada pendiente.",
        "no_members": "No hay miembros activos.", "celebrations": "Celebraciones",
        "min": "min", "and": "y", "minus": "menos",
        "y": "año|años", "m": "mes|meses", "w": "semana|semanas", "d": "día|días",
    },
}
_PART2 = "42 CFR part 2 prohibits unauthorized disclosure of these records."


# --- building -----------------------------------------------------------------------------

def build_agenda(session: Session, members: Sequence[Infant], curriculum: Curriculum,
                 reference: ReferenceData, *, flags: Sequence[Flag] = ()) -> Agenda:
    """The agenda of ``session``: timeline, staff-only due lists, celebrations, materials."""
    plan = _visit_plan(curriculum, session.visit)
    text = _text(curriculum.language)
    items = _timeline(session.start, plan, curriculum)
    return Agenda(
        session_id=session.session_id, cohort_id=session.cohort_id, visit=session.visit,
        visit_label=_visit_label(reference, session.visit, curriculum.language), title=plan.title,
        language=curriculum.language, start=session.start, end=session.end,
        topics=plan.topics, items=items,
        due=tuple(infant_due(i, session, reference, flags, language=curriculum.language)
                  for i in members),
        celebrations=celebrations(members, session.day, text),
        materials=_materials(items))


def infant_due(infant: Infant, session: Session, reference: ReferenceData,
               flags: Sequence[Flag] = (), *, language: str = "en") -> InfantDue:
    """What is due for one infant at ``session``: screenings, vaccine doses and flags."""
    text, day = _text(language), session.day
    corrected = corrected_age(infant, day, text, until=reference.corrected_age_until)
    items = [screening_item(rule, corrected, text, language=language)
             for rule in reference.screenings_at(session.visit)]
    items += [dose_item(rule, infant.date_of_birth, day, text)
              for rule in reference.doses_at(session.visit)]
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


def dose_item(rule: DoseRule, born: date, day: date,
              text: dict[str, str] | None = None) -> DueItem:
    """A vaccine dose of this visit, judged by chronological age on ``day``."""
    text = text or _TEXT["en"]
    label = text["dose"].format(vaccine=rule.vaccine, dose=rule.dose)
    earliest = add_age(born, rule.min_age)
    if day < earliest:
        note = text["not_yet"].format(age=say_age(rule.min_age, text), day=earliest.isoformat())
    elif rule.max_age and day >= add_age(born, rule.max_age):
        note = text["too_old"]
    else:
        parts = [text["give_before"].format(age=say_age(rule.max_age, text))] \
            if rule.max_age else []
        parts += [text["check_record"].format(gap=say_age(i.min, text), dose=i.from_dose)
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


def say_age(expression: str, text: dict[str, str] | None = None) -> str:
    """An age expression in words: ``6w`` → "6 weeks", ``12m-4d`` → "12 months minus 4 days"."""
    text = text or _TEXT["en"]
    words = []
    for amount, unit in parse_age(expression).terms:
        one, many = text[unit].split("|")
        word = f"{abs(amount)} {one if abs(amount) == 1 else many}"
        words.append(f"{text['minus']} {word}" if amount < 0 else word)
    return " ".join(words)


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


# --- plain text ---------------------------------------------------------------------------

def format_agenda(agenda: Agenda, *, staff: bool) -> str:
    """The agenda as plain text for the terminal; due lists and names only when ``staff``."""
    text = _text(agenda.language)
    lines = _header(agenda, text)
    for item in agenda.items:
        lines += _item_lines(item, text)
    lines += ["", text["checklist"], *(f"  [ ] {m}" for m in agenda.materials)]
    if staff:
        lines += _staff_lines(agenda, text)
    return "\n".join(lines) + "\n"


def _header(agenda: Agenda, text: dict[str, str]) -> list[str]:
    label = text["visit"].format(label=agenda.visit_label)
    when = (f"{format_day(agenda.start, agenda.language)}, {agenda.start:%H:%M}–"
            f"{agenda.end:%H:%M}")
    return [f"{label} · {agenda.title}",
            text["session"].format(session=agenda.session_id, cohort=agenda.cohort_id), when,
            "", text["topics"], *(_wrap(t, "  - ", "    ") for t in agenda.topics),
            "", text["timeline"]]


def _item_lines(item: AgendaItem, text: dict[str, str]) -> list[str]:
    block = item.block
    lines = ["", f"{item.start:%H:%M}–{item.end:%H:%M}  {block.title} "
                 f"({block.minutes} {text['min']}, {block.lead})"]
    if block.prompts:
        lines += [f"    {text['prompts']}:", *(_wrap(p, "      - ", "        ")
                                                 for p in block.prompts)]
    if block.materials:
        lines.append(_wrap(f"{text['materials']}: {', '.join(block.materials)}", "    ", "      "))
    if block.notes:
        lines.append(_wrap(f"{text['notes']}: {block.notes}", "    ", "      "))
    if item.activity is not None:
        lines += _activity_lines(item.activity, text)
    return lines


def _activity_lines(activity: Activity, text: dict[str, str]) -> list[str]:
    lines = [f"    {text[activity.kind]}: {activity.title} ({activity.minutes} {text['min']})"]
    lines += [_wrap(step, f"      {n}. ", "         ") for n, step in
              enumerate(activity.steps, start=1)]
    if activity.materials:
        lines.append(_wrap(f"{text['materials']}: {', '.join(activity.materials)}",
                           "      ", "        "))
    if activity.trauma_informed_note:
        lines.append(_wrap(f"{text['trauma']}: {activity.trauma_informed_note}",
                           "      ", "        "))
    return lines


def _staff_lines(agenda: Agenda, text: dict[str, str]) -> list[str]:
    lines = ["", "=" * 12 + f" {text['staff']} · {agenda.session_id} " + "=" * 12, _PART2,
             "", text["due"]]
    if not agenda.due:
        lines.append(f"  {text['no_members']}")
    for due in agenda.due:
        lines += _due_lines(due, text)
    if agenda.celebrations:
        lines += ["", text["celebrations"]]
        lines += [f"  {c.display_name}: {c.what} ({format_day(c.on, agenda.language)})"
                  for c in agenda.celebrations]
    return lines


def _due_lines(due: InfantDue, text: dict[str, str]) -> list[str]:
    ages = text["age"].format(age=due.chronological_age)
    if due.corrected_age:
        ages += ", " + text["corrected_age"].format(age=due.corrected_age)
    lines = ["", f"  {due.display_name} — {ages}"]
    for kind, title in (("screening", text["screenings"]), ("vaccine", text["vaccines"])):
        chosen = [i for i in due.items if i.kind == kind]
        if chosen:
            lines.append(f"    {title}:")
            lines += [_wrap(f"{i.label} — {i.note}" if i.note else i.label, "      - ",
                            "        ") for i in chosen]
    if due.flags:
        lines += [f"    {text['flags']}:", *(_wrap(f, "      ! ", "        ") for f in due.flags)]
    if not due.items and not due.flags:
        lines.append(f"    {text['nothing_due']}")
    return lines


def _wrap(words: str, first: str, rest: str) -> str:
    return textwrap.fill(words, width=WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)
