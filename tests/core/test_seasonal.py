"""Seasonal and conditional due items, each with hand-worked dates (issue 15 section 1).

Defaults: flu season September–March, RSV season October–March (groupwcc.yaml
``immunization``); the rules are the shipped immunizations.yaml and periodicity.yaml.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.core.agenda import infant_due
from groupwcc.core.seasonal import first_season_opening
from groupwcc.errors import ReferenceDataError
from groupwcc.models import (
    ImmunizationPolicy,
    MonthSpan,
    ProgramConfig,
    ScreeningPolicy,
    Session,
)
from groupwcc.readers.reference import load_reference

NY = ZoneInfo("America/New_York")
REF = load_reference()


def _session(visit: str, day: date) -> Session:
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=NY)
    return Session(session_id=f"C-{visit.upper()}", cohort_id="C", visit=visit, start=start,
                   end=start + timedelta(hours=2), site="main", room="Group Room A")


def _items(infant, visit: str, day: date, reference=REF, language: str = "en"):
    return infant_due(infant, _session(visit, day), reference, language=language).items


def _codes(infant, visit: str, day: date, reference=REF) -> list[str]:
    return [i.code for i in _items(infant, visit, day, reference)]


def _one(infant, visit: str, day: date, prefix: str, reference=REF, language: str = "en"):
    found = [i for i in _items(infant, visit, day, reference, language)
             if i.code.startswith(prefix)]
    assert len(found) == 1, found
    return found[0]


# --- influenza ------------------------------------------------------------------------------

def test_no_influenza_line_at_a_may_24_month_session():
    # Born 20 May 2025; 24-month session Tuesday 18 May 2027: May is outside September–March.
    infant = make_infant(date_of_birth=date(2025, 5, 20))
    assert not [c for c in _codes(infant, "m24", date(2027, 5, 18)) if "Influenza" in c]
    assert not [d for d in REF.doses if d.vaccine == "Influenza"]  # no numbered flu doses


def test_the_6_month_session_is_still_held_from_6_months():
    # Not a dose of the visit any more, but the scheduler's floor for m6 stays at 6 months.
    floors = REF.scheduling_doses_at("m6")
    assert [(d.vaccine, d.min_age) for d in floors if d.vaccine == "Influenza"] == [
        ("Influenza", "6m")]
    assert REF.scheduling_doses_at("m9") == REF.doses_at("m9") == ()


def test_first_season_dose_1_at_6_months_in_october_then_dose_2_at_9_months_in_january():
    # Born 10 April 2026: 6 months on 10 October 2026 (inside the 2026–27 season, which opens
    # 1 September 2026), so 2026–27 is the first season.
    infant = make_infant(date_of_birth=date(2026, 4, 10))
    first = _one(infant, "m6", date(2026, 10, 13), "Influenza")
    assert first.label == "Influenza: first season: dose 1 of 2"
    assert first.code == "Influenza-1"
    # 9-month session 12 January 2027, same season; the 6-month visit (10 Oct, at 6 months)
    # gave dose 1, and 12 Jan is well past 10 Oct + 4 weeks = 7 Nov.
    second = _one(infant, "m9", date(2027, 1, 12), "Influenza")
    assert second.label == "Influenza: dose 2 of 2 (≥ 4 weeks after dose 1)"
    assert "if dose 1 was not given this season" in second.note
    # 12-month session 13 April 2027 is outside the season: nothing.
    assert not [c for c in _codes(infant, "m12", date(2027, 4, 13)) if "Influenza" in c]
    # 18-month session 12 October 2027: the 2027–28 season is not the first: a yearly dose.
    yearly = _one(infant, "m18", date(2027, 10, 12), "Influenza")
    assert yearly.label == "Influenza: yearly dose"
    assert "fewer than 2 doses before this season" in yearly.note


def test_six_months_in_summer_means_dose_1_at_the_9_month_session_in_october():
    # Born 10 January 2026: 6 months on 10 July 2026, outside the season; the first season
    # opens 1 September 2026. The 6-month visit (July) was out of season, so at the 9-month
    # session on 13 October 2026 it is dose 1 of 2.
    infant = make_infant(date_of_birth=date(2026, 1, 10))
    assert first_season_opening(MonthSpan(start=9, end=3), date(2026, 7, 10)) == date(2026, 9, 1)
    assert _one(infant, "m9", date(2026, 10, 13), "Influenza").code == "Influenza-1"
    # 12-month session 12 January 2027: dose 2 (the 9-month visit of 10 Oct gave dose 1).
    assert _one(infant, "m12", date(2027, 1, 12), "Influenza").code == "Influenza-2"


def test_both_first_season_doses_at_earlier_visits_leave_no_line():
    # Born 1 March 2026: 6 m on 1 Sep 2026 and 9 m on 1 Dec 2026, both in the 2026–27 season;
    # at the 12-month session on 2 March 2027 both doses fell to earlier visits.
    infant = make_infant(date_of_birth=date(2026, 3, 1))
    assert not [c for c in _codes(infant, "m12", date(2027, 3, 2)) if "Influenza" in c]


def test_six_month_session_before_6_months_says_when_and_4_month_session_says_nothing():
    # Born 20 April 2026: on 13 October 2026 the infant is 5 m 23 d; 6 months on 20 October.
    infant = make_infant(date_of_birth=date(2026, 4, 20))
    early = _one(infant, "m6", date(2026, 10, 13), "Influenza")
    assert early.note == "not yet due: below 6 months (reaches it 2026-10-20)"
    # Born 1 June 2026, 4-month session 1 October 2026: a 4-month visit never lists flu.
    young = make_infant(date_of_birth=date(2026, 6, 1))
    assert not [c for c in _codes(young, "m4", date(2026, 10, 1)) if "Influenza" in c]


def test_the_flu_season_is_a_program_setting_written_with_month_names():
    config = ProgramConfig.model_validate({
        "program": "Test", "sites": [{"id": "main", "name": "Main"}],
        "immunization": {"flu_season": {"start": "October", "end": "february"}}})
    assert config.immunization.flu_season == MonthSpan(start=10, end=2)
    assert ProgramConfig.model_validate(
        {"program": "Test", "sites": [{"id": "main", "name": "Main"}]}
    ).immunization.flu_season == MonthSpan(start=9, end=3)
    reference = load_reference(immunization=config.immunization)
    infant = make_infant(date_of_birth=date(2026, 3, 1))  # 6 months on 1 Sep 2026
    # 15 September 2026 is outside October–February; with the default it is inside.
    assert not [c for c in _codes(infant, "m6", date(2026, 9, 15), reference) if "Influenza" in c]
    assert _one(infant, "m6", date(2026, 9, 15), "Influenza").code == "Influenza-1"


def test_influenza_line_in_spanish():
    infant = make_infant(date_of_birth=date(2026, 4, 10))
    item = _one(infant, "m6", date(2026, 10, 13), "Influenza", language="es")
    assert item.label == "Influenza: primera temporada: dosis 1 de 2"


# --- RSV ------------------------------------------------------------------------------------

def test_infant_born_in_may_gets_rsv_antibody_at_its_october_session():
    # Born 20 May 2026, outside October–March: the first RSV season opens 1 October 2026.
    # 4-month session 6 October 2026: 4 m 16 d, under 8 months (8 months on 20 Jan 2027).
    infant = make_infant(date_of_birth=date(2026, 5, 20))
    item = _one(infant, "m4", date(2026, 10, 6), "RSV")
    assert item.label == "RSV antibody (nirsevimab or clesrovimab)"
    assert "14 days before delivery" in item.note
    # Before the season (2-month session 21 July 2026): nothing yet.
    assert "RSV-mAb" not in _codes(infant, "m2", date(2026, 7, 21))


@pytest.mark.parametrize("protection", ["maternal_vaccine", "infant_antibody"])
def test_recorded_protection_means_no_rsv_line(protection: str):
    infant = make_infant(date_of_birth=date(2026, 5, 20), rsv_protection=protection)
    assert "RSV-mAb" not in _codes(infant, "m4", date(2026, 10, 6))


def test_infant_older_than_8_months_at_season_start_gets_no_rsv_line():
    # Born 15 January 2026: 8 months on 15 September 2026, before the season opens on
    # 1 October 2026 (and the 2025–26 season it was born in was its first).
    infant = make_infant(date_of_birth=date(2026, 1, 15))
    assert "RSV-mAb" not in _codes(infant, "m9", date(2026, 10, 13))


def test_rsv_only_in_the_first_season_and_while_under_8_months():
    # Born 1 March 2026 inside the 2025–26 season: October 2026 (7 months) is its second
    # season, so no line (high-risk second-season doses are a clinician's decision).
    born_in_season = make_infant(date_of_birth=date(2026, 3, 1))
    assert "RSV-mAb" not in _codes(born_in_season, "m6", date(2026, 10, 6))
    # Born 1 November 2026, in season: due at the 1-month session on 1 December 2026.
    newborn = make_infant(date_of_birth=date(2026, 11, 1))
    assert "RSV-mAb" in _codes(newborn, "m1", date(2026, 12, 1))
    # Born 1 May 2026: 8 months on 1 January 2027, so not at a 9-month session on 2 Feb 2027.
    may = make_infant(date_of_birth=date(2026, 5, 1))
    assert "RSV-mAb" in _codes(may, "m6", date(2026, 12, 29))
    assert "RSV-mAb" not in _codes(may, "m9", date(2027, 2, 2))


# --- COVID-19 as a program option -----------------------------------------------------------

def test_covid19_is_off_by_default_and_due_6_to_23_months_when_turned_on():
    infant = make_infant(date_of_birth=date(2026, 1, 10))
    assert "covid19" not in _codes(infant, "m6", date(2026, 7, 14))
    on = load_reference(immunization=ImmunizationPolicy(optional_vaccines=("covid19",)))
    dose = next(d for d in on.optional_doses if d.key == "covid19")
    assert dose.recommended_on == date(2026, 1, 5) and dose.source and dose.recommendation
    assert "covid19" not in _codes(infant, "m4", date(2026, 5, 12), on)   # 4 m 2 d
    assert "covid19" in _codes(infant, "m6", date(2026, 7, 14), on)       # 6 m 4 d
    assert "covid19" in _codes(infant, "m18", date(2027, 7, 13), on)      # 18 m 3 d
    assert "covid19" not in _codes(infant, "m24", date(2028, 1, 11), on)  # 24 m 1 d


def test_unknown_optional_vaccine_is_a_reference_error():
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(immunization=ImmunizationPolicy(optional_vaccines=("covid2019",)))
    assert "covid2019" in str(caught.value.problems[0])


# --- exposures (staff-only roster fields) ---------------------------------------------------

def test_hcv_exposed_infant_gets_hcv_rna_test_from_2_through_6_months():
    # Born 1 March 2026: 2 months on 1 May, 7 months on 1 October 2026.
    exposed = make_infant(date_of_birth=date(2026, 3, 1), hcv_exposed=True)
    item = _one(exposed, "m2", date(2026, 5, 5), "hcv-rna")
    assert item.kind == "exposure"
    assert "hcv-rna" in _codes(exposed, "m6", date(2026, 9, 29))      # 6 m 28 d
    assert "hcv-rna" not in _codes(exposed, "m1", date(2026, 4, 7))   # 1 m 6 d
    assert "hcv-rna" not in _codes(exposed, "m9", date(2026, 12, 1))  # 9 m 0 d
    plain = make_infant(date_of_birth=date(2026, 3, 1))
    assert "hcv-rna" not in _codes(plain, "m2", date(2026, 5, 5))


def test_infant_of_hbsag_positive_parent_gets_serology_at_9_to_12_months():
    exposed = make_infant(date_of_birth=date(2026, 3, 1), hbsag_positive_parent=True)
    assert "hbv-serology" in _codes(exposed, "m9", date(2026, 12, 1))   # 9 m 0 d
    assert "hbv-serology" in _codes(exposed, "m12", date(2027, 3, 2))   # 12 m 1 d
    assert "hbv-serology" not in _codes(exposed, "m6", date(2026, 9, 1))
    assert "hbv-serology" not in _codes(exposed, "m15", date(2027, 6, 1))  # 15 m 0 d


# --- caregiver mood screening ---------------------------------------------------------------

def test_caregiver_mood_at_bright_futures_ages_or_every_visit():
    assert {s.key for s in REF.screenings_at("m9")} >= {"asq3"}
    assert "epds" not in {s.key for s in REF.screenings_at("m9")}
    assert "epds" in {s.key for s in REF.screenings_at("m6")}
    every = load_reference(screening=ScreeningPolicy(caregiver_mood="every_visit"))
    assert all("epds" in {s.key for s in every.screenings_at(v.key)} for v in every.visits)
    infant = make_infant(date_of_birth=date(2025, 6, 1))
    assert "epds" in _codes(infant, "m18", date(2026, 12, 1), every)
    assert "epds" not in _codes(infant, "m18", date(2026, 12, 1))


def test_the_starter_config_settings_parse_when_uncommented(tmp_path):
    from groupwcc.config import STARTER_CONFIG, load_config

    lines = [line[2:] if line.startswith(("# immunization:", "# screening:")) else line
             for line in STARTER_CONFIG.splitlines()]
    path = tmp_path / "groupwcc.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    config = load_config(path)
    assert config.immunization.optional_vaccines == ("covid19",)
    assert config.immunization.flu_season == MonthSpan(start=9, end=3)
    assert config.screening.caregiver_mood == "every_visit"


def test_exposure_test_is_on_the_staff_agenda_under_screenings_and_nowhere_else():
    from groupwcc.core.agenda import build_agenda
    from groupwcc.exporters.agenda_text import format_agenda
    from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum

    # Born 1 March 2026, HCV-exposed; 4-month session 7 July 2026 (4 m 6 d): HCV RNA is due.
    infant = make_infant(date_of_birth=date(2026, 3, 1), hcv_exposed=True)
    agenda = build_agenda(_session("m4", date(2026, 7, 7)), [infant],
                          load_curriculum(builtin_curriculum_path("en")), REF)
    staff = format_agenda(agenda, staff=True)
    screenings = staff[staff.index("Screenings:"):staff.index("Vaccines:")]
    assert "Hepatitis C RNA test (perinatal exposure)" in screenings
    assert "Hepatitis C" not in format_agenda(agenda, staff=False)
