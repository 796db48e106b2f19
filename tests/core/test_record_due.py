"""Due items from the child's record: forecast when doses are recorded, the visit-age rule
labelled "no record" otherwise, and the pull list. Expectations checked by hand against the
ACIP schedule (2, 4, 6 months)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factories import make_infant

from groupwcc.core.agenda import infant_due
from groupwcc.core.record_due import VaccineRecords, forecast_item, pull_list, vaccine_items
from groupwcc.models import InfantDue, Session
from groupwcc.models.forecast import DoseGiven, GroupForecast
from groupwcc.readers.reference import load_reference
from groupwcc.readers.vaccine_series import load_vaccine_series

NY = ZoneInfo("America/New_York")
BORN = date(2026, 5, 1)
DAY = date(2026, 11, 3)  # 6 months 2 days: the 6-month visit


def _dose(day: str, cvx: str) -> DoseGiven:
    return DoseGiven(given=date.fromisoformat(day), cvx=cvx)


def _records(**doses: tuple[DoseGiven, ...]) -> VaccineRecords:
    return VaccineRecords(load_vaccine_series(), doses)


def _codes(items) -> dict[str, str | None]:
    return {i.code: i.pull for i in items if i.kind == "vaccine"}


def test_without_records_the_items_are_the_visit_age_ones_unchanged():
    infant = make_infant(date_of_birth=BORN)
    reference = load_reference()
    plain = vaccine_items(infant, "m6", DAY, reference)
    assert "DTaP-3" in _codes(plain)
    assert all(i.pull is None for i in plain) and not any("no record" in i.note for i in plain)


def test_an_infant_without_a_record_gets_the_visit_age_rule_labelled_no_record():
    infant = make_infant(date_of_birth=BORN)
    items = vaccine_items(infant, "m6", DAY, load_reference(), _records())
    dtap = next(i for i in items if i.code == "DTaP-3")
    assert dtap.note.startswith("no record: ") and dtap.pull == "DTaP"


def test_a_child_on_schedule_gets_the_third_doses_from_the_forecast():
    infant = make_infant(date_of_birth=BORN)
    doses = (_dose("2026-05-01", "08"), *(_dose(d, c) for d in ("2026-07-01", "2026-09-01")
                                          for c in ("20", "10", "48", "133", "116")),
             _dose("2026-07-01", "08"))
    items = vaccine_items(infant, "m6", DAY, load_reference(),
                          _records(**{infant.infant_id: doses}))
    codes = _codes(items)
    # HepB 3 (>= 24 weeks), DTaP/IPV/Hib/PCV/RV 3 all due at 6 months; nothing else.
    for code in ("HepB-3", "DTaP-3", "IPV-3", "Hib-3", "PCV-3", "RV-3"):
        assert codes[code] == code.split("-")[0], code
    assert not any(c.startswith(("MMR", "VAR", "HepA")) for c in codes)


def test_a_child_behind_is_past_due_for_the_missed_doses():
    infant = make_infant(date_of_birth=BORN)
    doses = (_dose("2026-05-01", "08"), *(_dose("2026-07-01", c) for c in ("20", "10", "48")))
    items = vaccine_items(infant, "m6", DAY, load_reference(),
                          _records(**{infant.infant_id: doses}))
    dtap = next(i for i in items if i.code == "DTaP-2")
    assert dtap.note.startswith("from record: past due since")
    # Never had PCV: dose 1 is due, and rotavirus is not started after 15 weeks.
    assert "PCV-1" in _codes(items)
    assert not any(c.startswith("RV") for c in _codes(items))


def test_a_recorded_rsv_antibody_removes_the_rsv_item():
    infant = make_infant(date_of_birth=BORN)
    reference = load_reference()
    without = vaccine_items(infant, "m6", DAY, reference, _records(**{infant.infant_id: (
        _dose("2026-05-01", "08"),)}))
    given = vaccine_items(infant, "m6", DAY, reference, _records(**{infant.infant_id: (
        _dose("2026-05-01", "08"), _dose("2026-10-15", "306"))}))
    has_rsv = [any(i.code == "RSV-mAb" for i in items) for items in (without, given)]
    assert has_rsv == [True, False]  # November is in the default RSV season


def test_forecast_item_is_none_before_the_earliest_date_and_pulls_when_recommended():
    base = dict(case_id="x", vaccine_group="MMR", evaluations=(), status="not complete",
                next_dose=1, earliest_date=date(2027, 5, 1), recommended_date=date(2027, 5, 1))
    assert forecast_item(GroupForecast(**base), date(2027, 4, 30)) is None
    item = forecast_item(GroupForecast(**base), date(2027, 5, 1))
    assert item is not None and item.pull == "MMR" and item.note == "from record: due"
    early = GroupForecast(**{**base, "vaccine_group": "Polio",
                             "recommended_date": date(2027, 6, 1)})
    assert forecast_item(early, date(2027, 5, 1)).pull is None
    assert forecast_item(early, date(2027, 5, 1), at_visit=("IPV",)).pull == "IPV"


def test_pull_list_counts_pulled_items_and_those_without_a_record():
    infant = make_infant(date_of_birth=BORN)
    start = datetime(2026, 11, 3, 10, tzinfo=NY)
    session = Session(session_id="S-M6", cohort_id="C", visit="m6", start=start,
                      end=start + timedelta(hours=2), site="main")
    records = _records(**{"I-0002": (_dose("2026-05-01", "08"),
                                     *(_dose(d, c) for d in ("2026-07-01", "2026-09-01")
                                       for c in ("20", "10", "49", "133", "119")))})
    reference = load_reference()
    due: list[InfantDue] = [
        infant_due(make_infant(n=n, date_of_birth=BORN), session, reference,
                   vaccine_records=records) for n in (1, 2)]
    pulled = {p.vaccine: (p.doses, p.no_record) for p in pull_list(due)}
    assert pulled["DTaP"] == (2, 1)
    assert pulled["HepB"] == (2, 1)
    assert pulled["Hib"] == (1, 1)  # two PedvaxHIB doses complete the series
    assert pulled["RV"] == (1, 1)  # two Rotarix doses complete the series
    assert infant.infant_id == "I-0001"


def test_record_columns_follow_the_visit():
    from groupwcc.core.record_due import record_columns
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs

    recorded_as = load_screening_cutoffs().recorded_as
    reference = load_reference()
    m2 = record_columns("m2", date(2026, 11, 24), reference, recorded_as)
    assert "given DTaP" in m2 and "epds.item10" in m2 and "hearing.result" in m2
    assert "given Influenza" not in m2  # in season, but nobody is 6 months old at this visit
    m18 = record_columns("m18", date(2026, 11, 24), reference, recorded_as)
    assert "given Influenza" in m18 and "mchat.score" in m18 and "asq3.fine_motor" in m18
    assert "epds.total" not in m18
    assert "given Influenza" not in record_columns("m18", date(2026, 7, 1), reference,
                                                   recorded_as)


def test_recorded_influenza_doses_complete_or_delay_the_season_item():
    infant = make_infant(date_of_birth=date(2026, 1, 10))
    reference = load_reference()
    day = date(2026, 11, 20)  # in season, 10 months old: first season, 2 doses

    def flu(*days: str):
        doses = (DoseGiven(given=date(2026, 1, 10), cvx="08"),
                 *(DoseGiven(given=date.fromisoformat(d), cvx="150") for d in days))
        items = vaccine_items(infant, "m9", day, reference, _records(**{infant.infant_id: doses}))
        return [(i.code, i.pull) for i in items if i.code.startswith("Influenza")]

    assert [p for _, p in flu()] == ["Influenza"]
    assert [p for _, p in flu("2026-11-01")] == [None]  # dose 2 not before 2026-11-29
    assert flu("2026-10-01", "2026-11-01") == []  # both first-season doses given


def test_a_later_dose_without_a_record_reminds_staff_to_check_the_earlier_one():
    # Clinician review: "HepB dose 2 — no record" assumed a birth dose that is no longer
    # always given; the list cannot know, so it says to check (and give dose 1 first).
    infant = make_infant(date_of_birth=date(2026, 9, 1))
    reference = load_reference()
    others = {"I-0999": (_dose("2026-09-01", "08"),)}  # the program keeps records, not for her
    items = vaccine_items(infant, "m2", date(2026, 11, 3), reference, _records(**others))
    hepb = next(i for i in items if i.code == "HepB-2")
    assert hepb.note.startswith("no record: check dose 1 was given: the birth dose is not")
    first = next(i for i in items if i.code == "DTaP-1")
    assert "check dose" not in first.note
    spanish = vaccine_items(infant, "m2", date(2026, 11, 3), reference, _records(**others),
                            language="es")
    assert "compruebe que se dio la dosis 1" in next(i for i in spanish
                                                     if i.code == "HepB-2").note
