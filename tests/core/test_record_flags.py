"""Scheduler flags and make-up days checked against the child's record (hand-checked dates:
DTaP dose 2 at least 4 weeks after dose 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factories import make_infant

from groupwcc.core.record_due import VaccineRecords
from groupwcc.core.record_flags import not_before, record_flags
from groupwcc.models import Flag, Session
from groupwcc.models.forecast import DoseGiven
from groupwcc.readers.reference import load_reference
from groupwcc.readers.vaccine_series import load_vaccine_series

NY = ZoneInfo("America/New_York")
BORN = date(2026, 5, 1)
LATE = date(2026, 8, 20)  # 2-month doses given late, elsewhere


def _records(doses: dict[str, tuple[DoseGiven, ...]]) -> VaccineRecords:
    return VaccineRecords(load_vaccine_series(), doses)


def _late_two_month_doses() -> tuple[DoseGiven, ...]:
    return (DoseGiven(given=BORN, cvx="08"),
            *(DoseGiven(given=LATE, cvx=c) for c in ("20", "10", "48", "133", "116", "08")))


def _session(day: date) -> Session:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
    return Session(session_id="C-M4", cohort_id="C", visit="m4", start=start,
                   end=start + timedelta(hours=2), site="main")


def test_not_before_is_four_weeks_after_late_doses():
    infant = make_infant(date_of_birth=BORN)
    records = _records({infant.infant_id: _late_two_month_doses()})
    found = not_before(infant, "m4", date(2026, 9, 1), load_reference(), records)
    assert found is not None
    assert found[0] == LATE + timedelta(weeks=4)
    assert "DTaP dose 2" in found[1] and "Polio dose 2" in found[1]
    assert not_before(infant, "m4", date(2026, 9, 17), load_reference(), records) is None
    assert not_before(make_infant(n=2), "m4", date(2026, 9, 1), load_reference(),
                      records) is None  # no record: nothing from the record


def test_record_flags_label_no_record_and_add_forecast_flags():
    with_record, without = make_infant(n=1, date_of_birth=BORN), make_infant(n=2,
                                                                           date_of_birth=BORN)
    records = _records({with_record.infant_id: _late_two_month_doses()})
    old = [Flag(infant_id=without.infant_id, session_id="C-M4", reason="too young")]
    found = record_flags(old, [_session(date(2026, 9, 8))], {"C": [with_record, without]},
                         load_reference(), records, today=date(2026, 9, 1))
    reasons = {(f.infant_id, f.reason.split(":")[0]) for f in found}
    assert reasons == {(without.infant_id, "no record"), (with_record.infant_id, "from record")}
    assert record_flags(old, [], {}, load_reference(), None, today=date(2026, 9, 1)) == old


def test_a_dose_that_belongs_to_a_later_visit_is_no_flag():
    infant = make_infant(date_of_birth=BORN)
    pedvax = (*(DoseGiven(given=d, cvx="49") for d in (date(2026, 7, 1), date(2026, 9, 1))),)
    # After two PedvaxHIB doses the next Hib dose is the 12-month booster, not a 6-month dose.
    found = not_before(infant, "m6", date(2026, 11, 3), load_reference(),
                       _records({infant.infant_id: pedvax}))
    assert found is None or "Hib" not in found[1]
