"""Properties of the forecast that hold for any record (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from groupwcc.core.forecast import forecast_record
from groupwcc.models.forecast import DoseGiven, ImmunizationRecord
from groupwcc.readers.vaccine_series import load_vaccine_series

DATA = load_vaccine_series()
GROUPS = [g.name for g in DATA.groups] + [r.group for r in DATA.seasonal]


@st.composite
def records(draw: st.DrawFn) -> ImmunizationRecord:
    born = date(2015, 1, 1) + timedelta(days=draw(st.integers(0, 4000)))
    offsets = draw(st.lists(st.integers(0, 2500), max_size=8))
    codes = draw(st.lists(st.sampled_from(sorted(DATA.vaccines)), min_size=len(offsets),
                          max_size=len(offsets)))
    doses = tuple(DoseGiven(given=born + timedelta(days=o), cvx=c)
                  for o, c in zip(sorted(offsets), codes, strict=True))
    assessed = born + timedelta(days=max(offsets, default=0) + draw(st.integers(0, 400)))
    return ImmunizationRecord(case_id="P1", date_of_birth=born, assessment_date=assessed,
                              doses=doses)


@settings(max_examples=150, deadline=None)
@given(records())
def test_every_group_every_dose_and_ordered_dates(record: ImmunizationRecord) -> None:
    results = forecast_record(record, DATA)
    assert [r.vaccine_group for r in results] == GROUPS
    for result in results:
        assert len(result.evaluations) == len(record.doses)
        assert all(e is not None for e in result.evaluations)  # every code has a group
        if result.status != "not complete":
            assert result.next_dose is None and result.earliest_date is None
            continue
        assert result.next_dose and result.next_dose >= 1
        assert result.earliest_date and result.recommended_date
        assert record.date_of_birth <= result.earliest_date <= result.recommended_date
        assert result.past_due_date is None or result.past_due_date >= result.earliest_date
