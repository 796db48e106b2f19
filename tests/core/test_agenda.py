"""Agendas: hand-checked due lists, corrected age, celebrations, timeline; golden text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from factories import check_golden, make_infant

from groupwcc.core.agenda import build_agenda, celebrations, dose_item
from groupwcc.core.words import say_age
from groupwcc.errors import CurriculumError
from groupwcc.exporters.agenda_text import format_agenda
from groupwcc.models import (
    AgeWindow,
    DoseInterval,
    DoseRule,
    Flag,
    ReferenceData,
    ScreeningRule,
    Session,
    VisitDef,
)
from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum
from groupwcc.readers.reference import load_reference

NY = ZoneInfo("America/New_York")
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "agenda"
VISITS = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30")


def _session(visit: str, start: datetime, cohort: str = "MAIN-2026-03-A") -> Session:
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site="main",
                   room="Group Room A")


def _curriculum(language: str = "en"):
    return load_curriculum(builtin_curriculum_path(language))


def _small_reference() -> ReferenceData:
    """Hand-built, so these tests do not move when the shipped schedule changes."""
    visit = [VisitDef(key=k, label=f"{k[1:]}-month", nominal=f"{k[1:]}m",
                      window=AgeWindow(start="0d", end="40m")) for k in VISITS]
    return ReferenceData(
        visits=tuple(visit),
        doses=(DoseRule(vaccine="DTaP", dose=1, visit="m2", min_age="6w"),
               DoseRule(vaccine="RV", dose=1, visit="m2", min_age="6w", max_age="15w"),
               DoseRule(vaccine="DTaP", dose=2, visit="m4", min_age="10w",
                        intervals=(DoseInterval(from_dose=1, min="4w"),)),
               DoseRule(vaccine="MMR", dose=1, visit="m12", min_age="12m")),
        screenings=(ScreeningRule(key="epds", name="Caregiver depression screening",
                                  instrument="EPDS", visits=("m1", "m2", "m4", "m6")),
                    ScreeningRule(key="asq3", name="Developmental screening",
                                  instrument="ASQ-3", visits=("m9", "m18", "m30"),
                                  age_basis="corrected"),
                    ScreeningRule(key="lead", name="Blood lead test", visits=("m12", "m24"),
                                  kind="procedure")))


def _due_of(agenda, infant_id):
    return next(d for d in agenda.due if d.infant_id == infant_id)


# --- corrected age (clinical-facts.md §4) --------------------------------------------------

def test_33_week_preterm_infant_at_9_months_gets_asq3_at_corrected_age():
    # Born 1 March 2026 at 33 weeks: 7 weeks early, due date 19 April 2026.
    # On 1 December 2026: 9 m 0 d old; corrected 19 April → 1 December = 7 m 12 d.
    preterm = make_infant(n=1, date_of_birth=date(2026, 3, 1), gestational_age_weeks=33)
    term = make_infant(n=2, date_of_birth=date(2026, 3, 3))
    session = _session("m9", datetime(2026, 12, 1, 10, 0, tzinfo=NY))
    agenda = build_agenda(session, [preterm, term], _curriculum(), load_reference())
    due = _due_of(agenda, preterm.infant_id)
    assert due.chronological_age == "9 m 0 d"
    assert due.corrected_age == "7 m 12 d"
    asq = next(i for i in due.items if i.code == "asq3")
    assert asq.label == "Developmental screening (ASQ-3)"
    assert asq.note == "use corrected age 7 m 12 d"
    assert "use corrected age 7 m 12 d" in format_agenda(agenda, staff=True)
    other = _due_of(agenda, term.infant_id)
    assert other.corrected_age is None
    assert next(i for i in other.items if i.code == "asq3").note == ""


def test_corrected_age_counts_gestational_days():
    # 33 w 4 d: 45 days early; due date 15 April 2026; on 1 December: 7 m 16 d.
    infant = make_infant(date_of_birth=date(2026, 3, 1), gestational_age_weeks=33,
                         gestational_age_days=4)
    agenda = build_agenda(_session("m9", datetime(2026, 12, 1, 10, tzinfo=NY)), [infant],
                          _curriculum(), _small_reference())
    assert agenda.due[0].corrected_age == "7 m 16 d"


def test_corrected_age_stops_at_24_months_chronological():
    infant = make_infant(date_of_birth=date(2024, 3, 1), gestational_age_weeks=30)
    ref = _small_reference()
    curriculum = _curriculum()
    at_30 = build_agenda(_session("m30", datetime(2026, 9, 1, 10, tzinfo=NY)), [infant],
                         curriculum, ref)
    assert at_30.due[0].corrected_age is None
    assert at_30.due[0].items[0].note == ""
    day_before = build_agenda(_session("m24", datetime(2026, 2, 28, 10, tzinfo=NY)), [infant],
                              curriculum, ref)
    assert day_before.due[0].corrected_age == "21 m 18 d"  # due date 10 May 2024


def test_corrected_age_before_the_due_date():
    # Born 1 March 2026 at 28 weeks: 84 days early, due date 24 May. On 1 April: 7 w 4 d before.
    infant = make_infant(date_of_birth=date(2026, 3, 1), gestational_age_weeks=28)
    agenda = build_agenda(_session("m1", datetime(2026, 4, 1, 10, tzinfo=NY)), [infant],
                          _curriculum(), _small_reference())
    assert agenda.due[0].corrected_age == "7 w 4 d before due date"


def test_term_infant_with_known_gestational_age_has_no_corrected_age():
    infant = make_infant(gestational_age_weeks=38)
    agenda = build_agenda(_session("m9", datetime(2026, 12, 1, 10, tzinfo=NY)), [infant],
                          _curriculum(), _small_reference())
    assert agenda.due[0].corrected_age is None


# --- screenings by visit --------------------------------------------------------------------

def test_epds_is_due_at_1_2_4_6_months_and_nowhere_else():
    reference, curriculum = load_reference(), _curriculum()
    infant = make_infant(date_of_birth=date(2026, 1, 10))
    with_epds = []
    for visit in VISITS:
        start = datetime.combine(date(2026, 1, 10) + timedelta(days=int(visit[1:]) * 30.5),
                                 datetime.min.time().replace(hour=10), tzinfo=NY)
        agenda = build_agenda(_session(visit, start), [infant], curriculum, reference)
        codes = [i.code for i in agenda.due[0].items]
        if "epds" in codes:
            with_epds.append(visit)
            assert next(i for i in agenda.due[0].items if i.code == "epds").label == \
                "Caregiver depression screening (EPDS)"
    assert with_epds == ["m1", "m2", "m4", "m6"]


def test_shipped_screenings_at_18_and_12_months():
    reference, curriculum = load_reference(), _curriculum()
    infant = make_infant(date_of_birth=date(2025, 3, 1))
    at_18 = build_agenda(_session("m18", datetime(2026, 9, 1, 10, tzinfo=NY)), [infant],
                         curriculum, reference)
    assert {"asq3", "mchat", "fluoride-varnish"} <= {i.code for i in at_18.due[0].items}
    at_12 = build_agenda(_session("m12", datetime(2026, 3, 3, 10, tzinfo=NY)), [infant],
                         curriculum, reference)
    assert {"hemoglobin", "lead"} <= {i.code for i in at_12.due[0].items}
    assert "epds" not in {i.code for i in at_12.due[0].items}


# --- vaccines by chronological age ----------------------------------------------------------

def test_vaccine_not_yet_due_below_minimum_age():
    born = date(2026, 3, 1)  # 6 weeks old on 12 April 2026
    rule = DoseRule(vaccine="DTaP", dose=1, visit="m2", min_age="6w")
    early = dose_item(rule, born, date(2026, 4, 11))
    assert (early.kind, early.code, early.label) == ("vaccine", "DTaP-1", "DTaP dose 1")
    assert early.note == "not yet due: below 6 weeks (reaches it 2026-04-12)"
    assert dose_item(rule, born, date(2026, 4, 12)).note == ""


def test_vaccine_past_maximum_age():
    born = date(2026, 1, 1)  # 15 weeks old on 16 April 2026
    rule = DoseRule(vaccine="RV", dose=1, visit="m2", min_age="6w", max_age="15w")
    assert dose_item(rule, born, date(2026, 4, 15)).note == "give before 15 weeks"
    assert dose_item(rule, born, date(2026, 4, 16)).note == "past maximum age: do not give"


def test_vaccine_intervals_say_check_record():
    rule = DoseRule(vaccine="DTaP", dose=2, visit="m4", min_age="10w",
                    intervals=(DoseInterval(from_dose=1, min="4w"),))
    item = dose_item(rule, date(2026, 1, 1), date(2026, 5, 1))
    assert item.note == "check record: at least 4 weeks after dose 1"


def test_preterm_vaccines_go_by_chronological_age():
    # 28 weeks, born 1 March: 8 weeks old on 26 April although 4 weeks before the due date.
    infant = make_infant(date_of_birth=date(2026, 3, 1), gestational_age_weeks=28)
    agenda = build_agenda(_session("m2", datetime(2026, 4, 26, 10, tzinfo=NY)), [infant],
                          _curriculum(), _small_reference())
    dtap = next(i for i in agenda.due[0].items if i.code == "DTaP-1")
    assert dtap.note == ""
    assert agenda.due[0].corrected_age == "4 w 0 d before due date"


def test_spanish_agenda_notes():
    infant = make_infant(date_of_birth=date(2026, 3, 1))
    agenda = build_agenda(_session("m2", datetime(2026, 4, 10, 10, tzinfo=NY)), [infant],
                          _curriculum("es"), _small_reference())
    assert [(i.label, i.note) for i in agenda.due[0].items if i.kind == "vaccine"] == [
        ("DTaP dosis 1", "aún no corresponde: menor de 6 semanas (la alcanza el 2026-04-12)"),
        ("RV dosis 1", "aún no corresponde: menor de 6 semanas (la alcanza el 2026-04-12)")]


def test_say_age():
    assert say_age("6w") == "6 weeks"
    assert say_age("1m") == "1 month"
    assert say_age("12m-4d") == "12 months minus 4 days"


# --- flags, celebrations, timeline ----------------------------------------------------------

def test_flags_of_this_infant_and_session_only():
    a, b = make_infant(n=1), make_infant(n=2)
    session = _session("m4", datetime(2026, 7, 7, 10, tzinfo=NY))
    flags = [Flag(infant_id=a.infant_id, session_id=session.session_id,
                  reason="outside visit window: individual visit advised"),
             Flag(infant_id=a.infant_id, session_id="OTHER-M6", reason="other session"),
             Flag(infant_id="I-9999", session_id=session.session_id, reason="someone else")]
    agenda = build_agenda(session, [a, b], _curriculum(), _small_reference(), flags=flags)
    assert _due_of(agenda, a.infant_id).flags == (
        "outside visit window: individual visit advised",)
    assert _due_of(agenda, b.infant_id).flags == ()


def test_birthdays_within_a_week_either_side_are_celebrated():
    day = date(2027, 3, 10)
    members = [make_infant(n=1, date_of_birth=date(2026, 3, 17)),  # 1st in 7 days
               make_infant(n=2, date_of_birth=date(2026, 3, 18)),  # 1st in 8 days: no
               make_infant(n=3, date_of_birth=date(2026, 3, 3)),   # 1st 7 days ago
               make_infant(n=4, date_of_birth=date(2025, 3, 12)),  # 2nd in 2 days
               make_infant(n=5, date_of_birth=date(2026, 9, 10))]  # 6 months: no
    found = celebrations(members, day)
    assert [(c.infant_id, c.what, c.on) for c in found] == [
        ("I-0001", "first birthday", date(2027, 3, 17)),
        ("I-0003", "first birthday", date(2027, 3, 3)),
        ("I-0004", "second birthday", date(2027, 3, 12))]
    assert found[0].display_name == "Baby1 T."


def test_timeline_clock_times_add_up():
    start = datetime(2026, 7, 7, 10, 0, tzinfo=NY)
    curriculum = _curriculum()
    agenda = build_agenda(_session("m12", start), [], curriculum, _small_reference())
    blocks = curriculum.visit("m12").blocks
    assert [i.block for i in agenda.items] == list(blocks)
    assert agenda.items[0].start == start
    for before, after in zip(agenda.items, agenda.items[1:], strict=False):
        assert before.end == after.start
    assert agenda.items[-1].end == start + timedelta(minutes=120) == agenda.end
    assert [(i.start.strftime("%H:%M"), i.end.strftime("%H:%M")) for i in agenda.items][:4] == [
        ("10:00", "10:15"), ("10:15", "10:25"), ("10:25", "10:35"), ("10:35", "10:50")]
    for item in agenda.items:
        assert (item.activity.id if item.activity else None) == item.block.activity


def test_agenda_header_and_materials():
    agenda = build_agenda(_session("m12", datetime(2026, 7, 7, 10, tzinfo=NY)), [],
                          _curriculum(), load_reference())
    assert (agenda.visit_label, agenda.language) == ("12-month", "en")
    assert agenda.title == "Twelve months: first birthdays, routines and whole milk"
    assert agenda.materials[0] == "Name tags"
    assert len(agenda.materials) == len({m.casefold() for m in agenda.materials})
    assert "Small snack for each parent with an allergy-safe choice" in agenda.materials
    assert agenda.materials.index("Infant scale") < agenda.materials.index("Exam kit")


def test_session_visit_missing_from_the_curriculum():
    curriculum = _curriculum()
    short = curriculum.model_copy(update={"visits": curriculum.visits[:2]})
    with pytest.raises(CurriculumError, match="has no visit m4"):
        build_agenda(_session("m4", datetime(2026, 7, 7, 10, tzinfo=NY)), [], short,
                     _small_reference())


def test_group_view_has_no_names_or_due_lists():
    infant = make_infant(first_name="Zephyrine", last_name="Quockle",
                         date_of_birth=date(2025, 7, 10))
    agenda = build_agenda(_session("m12", datetime(2026, 7, 7, 10, tzinfo=NY)), [infant],
                          _curriculum(), load_reference())
    group, staff = format_agenda(agenda, staff=False), format_agenda(agenda, staff=True)
    for secret in ("Zephyrine", "Quockle", "MMR dose 1", "STAFF ONLY", "first birthday ("):
        assert secret not in group
    assert "Zephyrine Q." in staff and "MMR dose 1" in staff and "first birthday (" in staff
    assert staff.startswith(group.rstrip("\n"))


# --- golden text ----------------------------------------------------------------------------

_FAMILIES = [  # first, last, date of birth, gestational weeks
    ("Wren", "Quillfeather", date(2026, 3, 2), None),
    ("Otto", "Brambleton", date(2026, 3, 5), 33),
    ("Ada", "Fennimore", date(2026, 3, 9), None),
    ("Kit", "Larkspur", date(2026, 3, 14), None),
    ("Nell", "Omallowby", date(2026, 3, 20), 35),
]


def _members():
    return [make_infant(n=n, first_name=first, last_name=last, date_of_birth=born,
                        gestational_age_weeks=weeks)
            for n, (first, last, born, weeks) in enumerate(_FAMILIES, start=1)]


_check_golden = check_golden


def test_golden_english_staff_agenda_at_12_months(update_golden):
    # Wednesday 3 March 2027: Wren turned one yesterday, Otto turns one on the 5th and Ada on
    # the 9th (celebrated); Ada, Kit and Nell are not yet 12 months old, so the 12-month
    # vaccines are "not yet due" for them. Otto (33 weeks) still shows his corrected age.
    members = _members()
    session = _session("m12", datetime(2027, 3, 3, 10, 0, tzinfo=NY))
    flags = [Flag(infant_id="I-0004", session_id=session.session_id,
                  reason="below the 12-month window on this date: book an individual visit "
                         "from 14 March")]
    agenda = build_agenda(session, members, _curriculum("en"), load_reference(), flags=flags)
    _check_golden(GOLDEN / "m12-staff.en.txt", format_agenda(agenda, staff=True),
                  update_golden)


def test_golden_spanish_staff_agenda_at_4_months(update_golden):
    members = _members()
    session = _session("m4", datetime(2026, 7, 9, 13, 0, tzinfo=NY), cohort="EAST-2026-03-B")
    agenda = build_agenda(session, members, _curriculum("es"), load_reference())
    _check_golden(GOLDEN / "m4-staff.es.txt", format_agenda(agenda, staff=True), update_golden)
