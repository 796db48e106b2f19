"""Forecast the next dose of one antigen series: earliest, recommended and past-due dates.

Forecasting uses the MINIMUM ages and intervals (never the 4-day grace period): the earliest
date is the latest of the minimum age, every minimum interval (also from a dose that did not
count, so a repeat dose keeps its spacing) and the end of any live-vaccine conflict. The
recommended date is never before the earliest date, and neither is the past-due date (CDC's
test cases expect a catch-up dose to be "past due" as soon as it may be given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from groupwcc.core.ages import add_age
from groupwcc.core.forecast_evaluation import (
    SeriesState,
    day_before,
    for_older,
    interval_start,
)
from groupwcc.models.forecast import DoseGiven, TargetDose, VaccineSeriesData


@dataclass(frozen=True)
class DoseDates:
    """The next dose of one antigen: its number and dates, or aged out."""

    number: int
    earliest: date | None
    recommended: date | None
    past_due: date | None
    aged_out: bool = False


def forecast_dose(state: SeriesState, antigen: str, record: tuple[DoseGiven, ...], dob: date,
                  assessment: date, data: VaccineSeriesData) -> DoseDates:
    """Dates of the next target dose of a series that is not complete."""
    base = state.series.doses[state.target]
    target = for_older(base, state, dob, max(assessment, _earliest(state, base, antigen, record,
                                                                  dob, data)))
    earliest = _earliest(state, target, antigen, record, dob, data)
    number = state.valid_count + 1  # CDC numbers the next dose by the doses that counted
    last_age = target.forecast_max_age or target.max_age
    if last_age and max(earliest, assessment) >= add_age(dob, last_age):
        return DoseDates(number, None, None, None, aged_out=True)
    recommended = max([earliest, *_age_dates(dob, target.rec_age),
                       *_interval_dates(state, target, "rec")])
    latest = [*_age_dates(dob, target.latest_rec_age),
              *_interval_dates(state, target, "latest_rec")]
    past_due = max(earliest, day_before(min(latest))) if latest else None
    return DoseDates(number, earliest, recommended, past_due)


def _earliest(state: SeriesState, target: TargetDose, antigen: str,
              record: tuple[DoseGiven, ...], dob: date, data: VaccineSeriesData) -> date:
    # never before a dose already given, even one that did not count
    given = [d.given for d in record if antigen in data.vaccines[d.cvx].antigens]
    return max([add_age(dob, target.min_age), *_interval_dates(state, target, "min"),
                *_live_dates(antigen, record, data), *given])


def _age_dates(dob: date, age: str | None) -> list[date]:
    return [add_age(dob, age)] if age else []


def _interval_dates(state: SeriesState, target: TargetDose, kind: str) -> list[date]:
    # A dose that did not count sets the spacing of its repeat: CDC's test cases count "6
    # months after dose 1" from a too-early dose 2 instead.
    repeat = state.previous if state.previous not in state.satisfied else None
    dates: list[date] = []
    for interval in target.intervals:
        amount = getattr(interval, kind)
        start = interval_start(state, interval)
        if interval.from_dose is not None and repeat is not None:
            start = repeat
        if amount and start is not None:
            dates.append(add_age(start, amount))
    return dates


def _live_dates(antigen: str, record: tuple[DoseGiven, ...], data: VaccineSeriesData
                ) -> list[date]:
    """A live antigen's next dose waits 28 days after any live vaccine (no grace when
    scheduling): after a different live vaccine, and after a live dose that did not count."""
    if not any(data.vaccines[c].live for c, v in data.vaccines.items() if antigen in v.antigens):
        return []
    spacing = timedelta(days=data.live_spacing_days)
    return [d.given + spacing for d in record if data.vaccines[d.cvx].live]
