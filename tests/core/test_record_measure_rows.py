"""The child's-record measures one unit at a time (``record_measure_rows``), on the small
synthetic case of tests/report_case.py, counted by hand.

Period 2026-01-01..2026-05-15: the 1-month windows (2026-03-15..04-12) closed in it, the
2-month ones (..06-01) did not. Screenings due at m1: epds and hearing-verify; at m2: epds.

    I-1 epds.total 04-07 "4"                 done, negative
    I-3 epds.total 04-07 "12", 04-30 "5"     done; positive, rescreened negative: followed
    I-4 epds.item10 04-08 "1"                done (item 10 is an EPDS measure); positive,
                                             closed by staff: followed
    I-4 hearing.result 03-20 "refer"         done; positive, audiology referral seen: followed
    I-5 social_needs.positives 04-08 "1"     positive, still open: not followed
    R-1 I-4 audiology seen 03-25; R-2 I-6 lactation made 04-01; R-3 I-2 wic suggested (left out)
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import report_case as case
from factories import make_infant

from groupwcc.core.records import Period
from groupwcc.core.screening_measures import (
    ALL_GROUPS,
    FOLLOWED,
    REFERRAL_SEEN,
    SCREENING_DONE,
    UP_TO_DATE,
    RecordInputs,
    record_measure_rows,
    screening_completion,
    screenings_by_visit,
)
from groupwcc.models import ReferenceData, ScreeningRule
from groupwcc.models.forecast import DoseGiven
from groupwcc.models.screening import Referral, ScreeningValue
from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
from groupwcc.readers.vaccine_series import load_vaccine_series

SO_FAR = Period(date(2026, 1, 1), date(2026, 5, 15))
COHORT_OF = {i: c.cohort_id for c in case.cohorts() for i in c.infant_ids}


def _reference() -> ReferenceData:
    rules = (ScreeningRule(key="epds", name="Caregiver depression", visits=("m1", "m2")),
             ScreeningRule(key="hearing-verify", name="Hearing", visits=("m1",)))
    return case.reference().model_copy(update={"screenings": rules})


def _value(n: int, day: str, measure: str, value: str) -> ScreeningValue:
    return ScreeningValue(infant_id=f"I-{n:04d}", screened_on=date.fromisoformat(day),
                          measure=measure, value=value)


VALUES = [_value(1, "2026-04-07", "epds.total", "4"),
          _value(3, "2026-04-07", "epds.total", "12"),
          _value(3, "2026-04-30", "epds.total", "5"),
          _value(4, "2026-04-08", "epds.item10", "1"),
          _value(4, "2026-03-20", "hearing.result", "refer"),
          _value(5, "2026-04-08", "social_needs.positives", "1")]
REFERRALS = [Referral(referral_id="R-1", infant_id="I-0004", service="audiology",
                      status="seen", opened_on=date(2026, 3, 25)),
             Referral(referral_id="R-2", infant_id="I-0006", service="lactation",
                      status="made", opened_on=date(2026, 4, 1)),
             Referral(referral_id="R-3", infant_id="I-0002", service="wic",
                      status="suggested", opened_on=date(2026, 4, 1))]


def _record(doses: dict[str, tuple[DoseGiven, ...]] | None = None) -> RecordInputs:
    return RecordInputs(VALUES, REFERRALS, doses or {}, load_screening_cutoffs(),
                        load_vaccine_series(), closed=frozenset({VALUES[3]}))


def _tally(rows, measure, **where):  # (units, met)
    chosen = [r for r in rows if r.measure == measure
              and all(getattr(r, k) == v for k, v in where.items())]
    return len(chosen), sum(r.met for r in chosen)


def test_record_rows_counted_by_hand():
    infants = list(case.infants().values())
    rows = record_measure_rows(infants, COHORT_OF, _record(), _reference(), period=SO_FAR)
    epds, hearing = SCREENING_DONE + "epds", SCREENING_DONE + "hearing-verify"
    assert _tally(rows, epds) == (6, 3)  # I-1, I-3, I-4 at m1; m2 still open
    assert _tally(rows, epds, site="main") == (3, 2)
    assert _tally(rows, epds, site="north") == (3, 1)
    assert _tally(rows, epds, language="es") == (3, 2)  # I-3, I-4, I-5: I-3 and I-4 done
    assert _tally(rows, hearing) == (6, 1)
    assert {r.visit for r in rows if r.measure.startswith(SCREENING_DONE)} == {"m1"}
    assert _tally(rows, FOLLOWED) == (4, 3)  # I-5's social needs still open
    assert _tally(rows, FOLLOWED, cohort="B") == (3, 2)
    assert _tally(rows, REFERRAL_SEEN) == (2, 1)  # the suggested one is not counted
    assert screenings_by_visit(rows, case.ORDER) == [("m1", 12, 4)]


def test_rows_agree_with_the_counting_function_when_every_window_counts():
    infants = list(case.infants().values())
    rows = record_measure_rows(infants, COHORT_OF, _record(), _reference(),
                               period=Period(date(2000, 1, 1), date(2026, 6, 30)))
    counted = screening_completion(infants, VALUES, _reference(), load_screening_cutoffs(),
                                   today=date(2026, 6, 30))
    tally = Counter((r.visit, r.measure.removeprefix(SCREENING_DONE)) for r in rows
                    if r.measure.startswith(SCREENING_DONE))
    assert {k: c.due for k, c in counted.items()} == dict(tally)
    assert counted[("m2", "epds")].done == 1  # I-3's rescreen on 04-30


def test_without_the_staff_closure_the_item_counts_as_not_followed():
    infants = list(case.infants().values())
    record = _record()
    unclosed = RecordInputs(VALUES, REFERRALS, {}, record.cutoffs, record.series)
    rows = record_measure_rows(infants, COHORT_OF, unclosed, _reference(), period=SO_FAR)
    assert _tally(rows, FOLLOWED) == (4, 2)


def test_up_to_date_at_24_months_per_group_and_for_all():
    born = date(2024, 1, 10)  # 24 months on 2026-01-10, inside the period
    toddler = make_infant(n=7, date_of_birth=born, site="north", language="es")
    no_record = make_infant(n=8, date_of_birth=born)
    doses = [DoseGiven(given=date(2024, 1, 10), cvx="08")]  # one HepB dose at birth only
    rows = record_measure_rows([toddler, no_record], {}, _record({"I-0007": tuple(doses)}),
                               _reference(), period=SO_FAR)
    assert {r.infant_id for r in rows} == {"I-0007"}  # no record, not counted
    met = {r.measure.removeprefix(UP_TO_DATE): r.met for r in rows}
    assert met[ALL_GROUPS] is False and met["HepB"] is False and met["DTaP"] is False
    assert met["RV"] is True  # aged out at 8 months: nothing more is due
    assert len(met) == 10  # nine childhood groups and all groups
    assert all(r.site == "north" and r.language == "es" and r.cohort == "" for r in rows)
