"""The record's report measures, with hand-counted expectations."""

from __future__ import annotations

from datetime import date

from factories import make_infant

from groupwcc.core.screening_measures import (
    Completion,
    immunization_at,
    immunization_status_24m,
    positive_follow_through,
    referral_completion,
    screening_completion,
)
from groupwcc.models.forecast import DoseGiven
from groupwcc.models.screening import Referral, ScreeningValue
from groupwcc.readers.reference import load_reference
from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
from groupwcc.readers.vaccine_series import load_vaccine_series

DATA = load_screening_cutoffs()
BORN = date(2024, 1, 10)


def _value(infant: str, day: str, measure: str, value: str) -> ScreeningValue:
    return ScreeningValue(infant_id=infant, screened_on=date.fromisoformat(day),
                          measure=measure, value=value)


def test_screening_completion_counts_closed_windows_only():
    a, b = make_infant(n=1, date_of_birth=BORN), make_infant(n=2, date_of_birth=BORN)
    values = [_value("I-0001", "2024-03-12", "epds.total", "3")]  # at 2 months
    found = screening_completion([a, b], values, load_reference(), DATA,
                                 today=date(2024, 4, 20))
    assert found[("m2", "epds")] == Completion(due=2, done=1)
    assert ("m4", "epds") not in found  # the 4-month window is still open


def test_positive_follow_through_and_referral_completion():
    values = [_value("I-1", "2024-05-01", "epds.total", "12"),
              _value("I-1", "2024-05-20", "epds.total", "4"),
              _value("I-2", "2024-05-01", "hearing.result", "refer")]
    assert positive_follow_through(values, [], DATA) == Completion(due=2, done=1)
    seen = Referral(referral_id="R-0001", infant_id="I-2", service="audiology",
                    status="seen", opened_on=date(2024, 5, 2))
    assert positive_follow_through(values, [seen], DATA) == Completion(due=2, done=2)
    assert referral_completion([seen])["audiology"]["seen"] == 1


def test_immunization_status_at_24_months():
    series = load_vaccine_series()
    infant = make_infant(date_of_birth=BORN)
    on_time = [DoseGiven(given=date(2024, 1, 10), cvx="08"),
               DoseGiven(given=date(2024, 3, 11), cvx="08")]
    for day in ("2024-03-11", "2024-05-10", "2024-07-10"):
        on_time += [DoseGiven(given=date.fromisoformat(day), cvx=c)
                    for c in ("20", "10", "48", "133", "116")]
    on_time += [DoseGiven(given=date(2024, 7, 10), cvx="08")]
    on_time += [DoseGiven(given=date(2025, 1, 12), cvx=c) for c in ("03", "21", "83", "48",
                                                                      "133")]
    on_time += [DoseGiven(given=date(2025, 4, 12), cvx="20"),
                DoseGiven(given=date(2025, 7, 12), cvx="83")]
    status = immunization_at(infant, on_time, series)
    assert status == dict.fromkeys(("HepB", "DTaP", "Polio", "Hib", "PCV", "RV", "MMR", "VAR",
                                    "HepA"), True)
    no_mmr = [d for d in on_time if d.cvx != "03"]
    assert immunization_at(infant, no_mmr, series)["MMR"] is False
    counts = immunization_status_24m([infant], {infant.infant_id: no_mmr}, series,
                                     today=date(2026, 2, 1))
    assert counts["MMR"] == Completion(1, 0) and counts["DTaP"] == Completion(1, 1)
    assert counts["all"] == Completion(1, 0)
