"""Evaluate the doses of one antigen against one series (CDC CDSi logic, simplified).

Each dose is compared with the target dose it would fill: the vaccine must be allowed at that
age ("Inadvertent Vaccine"), the person old enough ("Age: Too Young", absolute minimum age with
the 4-day grace period), not too old, the interval since earlier doses long enough ("Interval:
too Soon", absolute minimum interval) and no other live vaccine in the 28 days before ("Live
Virus Conflict"). The grace period is used here, for doses already given, never for forecasting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from groupwcc.core.ages import add_age
from groupwcc.models.forecast import (
    DoseEvaluation,
    DoseGiven,
    Interval,
    Series,
    SkipRule,
    TargetDose,
    VaccineSeriesData,
)

VALID = DoseEvaluation(status="valid")


@dataclass
class SeriesState:
    """Where one series stands after evaluating a record's doses of its antigen."""

    series: Series
    target: int = 0  # index of the next target dose to fill
    satisfied: list[date | None] = field(default_factory=list)  # date filling each target dose
    valid_cvx: list[str] = field(default_factory=list)
    partial: int = 0  # valid fractional doses toward the current target dose
    previous: date | None = None  # the latest dose given (valid or not), inadvertent ones aside
    results: dict[int, DoseEvaluation] = field(default_factory=dict)  # by index in the record

    @property
    def complete(self) -> bool:
        return self.target >= len(self.series.doses)

    @property
    def valid_count(self) -> int:
        return len(self.valid_cvx)


def evaluate_series(series: Series, antigen: str, record: tuple[DoseGiven, ...], dob: date,
                    data: VaccineSeriesData, assessment: date, too_old: str) -> SeriesState:
    """Evaluate every dose of ``antigen`` in ``record`` against ``series``."""
    state = SeriesState(series, satisfied=[None] * len(series.doses))
    order = sorted((i for i, d in enumerate(record) if antigen in data.vaccines[d.cvx].antigens),
                   key=lambda i: record[i].given)
    for index in order:
        dose = record[index]
        state.target = skip_targets(state, dob, dose.given, forecasting=False)
        if state.complete:
            state.results[index] = DoseEvaluation(status="extraneous",
                                                  reason="Series Already Complete")
            continue
        target = for_older(series.doses[state.target], state, dob, dose.given)
        result = _evaluate_dose(state, target, dose, antigen, record, dob,
                                data, too_old)
        state.results[index] = result
        if result.reason != "Inadvertent Vaccine":
            state.previous = dose.given
        if result.status == "valid":
            state.valid_cvx.append(dose.cvx)
            state.partial += 1
            if state.partial >= data.vaccines[dose.cvx].doses_per_target:
                state.satisfied[state.target] = dose.given
                state.target += 1
                state.partial = 0
    state.target = skip_targets(state, dob, assessment, forecasting=True)
    return state


def _evaluate_dose(state: SeriesState, target: TargetDose, dose: DoseGiven, antigen: str,
                   record: tuple[DoseGiven, ...], dob: date, data: VaccineSeriesData,
                   too_old: str) -> DoseEvaluation:
    vaccine = data.vaccines[dose.cvx]
    allowed = not target.vaccines or dose.cvx in target.vaccines
    in_ages = ((vaccine.begin_age is None or dose.given >= add_age(dob, vaccine.begin_age))
               and (vaccine.end_age is None or dose.given < add_age(dob, vaccine.end_age)))
    if not (allowed and in_ages):
        return DoseEvaluation(status="not valid", reason="Inadvertent Vaccine")
    if dose.given < add_age(dob, target.abs_min_age):
        return DoseEvaluation(status="not valid", reason="Age: Too Young")
    if target.max_age and dose.given >= add_age(dob, target.max_age):
        return DoseEvaluation(status=too_old, reason="Age: Too Old")
    if not intervals_met(state, target.intervals, dose.given):
        return DoseEvaluation(status="not valid", reason="Interval: too Soon")
    if live_conflict(dose, antigen, record, data):
        return DoseEvaluation(status="not valid", reason="Live Virus Conflict")
    return VALID


def for_older(target: TargetDose, state: SeriesState, dob: date, when: date) -> TargetDose:
    """``target`` with the ``older`` rules that apply on ``when`` folded in."""
    first = next((d for d in state.satisfied if d is not None), None)
    for rule in target.older:
        if rule.age and when < add_age(dob, rule.age):
            continue
        if rule.first_dose_age and (first is None or first < add_age(dob, rule.first_dose_age)):
            continue
        update = {k: v for k in ("abs_min_age", "min_age", "rec_age", "latest_rec_age",
                                 "intervals", "vaccines") if (v := getattr(rule, k)) is not None}
        if rule.no_latest_rec_age:
            update["latest_rec_age"] = None
        target = target.model_copy(update=update)
    return target


def intervals_met(state: SeriesState, intervals: tuple[Interval, ...], when: date) -> bool:
    """Whether a dose on ``when`` is far enough (absolute minimum) from the doses it counts from."""
    for interval in intervals:
        start = interval_start(state, interval)
        if start is not None and interval.abs_min and when < add_age(start, interval.abs_min):
            return False
    return True


def interval_start(state: SeriesState, interval: Interval) -> date | None:
    """The dose an interval counts from: a named target dose's valid dose, else the last given."""
    if interval.from_dose is not None:
        index = interval.from_dose - 1
        return state.satisfied[index] if index < len(state.satisfied) else None
    return state.previous


def live_conflict(dose: DoseGiven, antigen: str, record: tuple[DoseGiven, ...],
                  data: VaccineSeriesData) -> bool:
    """A live vaccine given 1-27 days after a different live vaccine does not count.

    Between two products that share this antigen (MMR then MMRV) the grace period applies
    (24 days), as CDSi's conflict table has it; between different live vaccines it does not.
    """
    if not data.vaccines[dose.cvx].live:
        return False
    for other in record:
        other_vaccine = data.vaccines[other.cvx]
        gap = (dose.given - other.given).days
        if not other_vaccine.live or other.cvx == dose.cvx or gap <= 0:
            continue
        shared = antigen in other_vaccine.antigens
        if gap < data.live_spacing_days - (data.grace_days if shared else 0):
            return True
    return False


def skip_targets(state: SeriesState, dob: date, when: date, *, forecasting: bool) -> int:
    """Advance past target doses whose skip rules hold on ``when``."""
    target = state.target
    while target < len(state.series.doses):
        rules = [r for r in state.series.doses[target].skip if forecasting or r.when == "always"]
        if not any(_skip_holds(rule, state, dob, when) for rule in rules):
            break
        target += 1
    return target


def _skip_holds(rule: SkipRule, state: SeriesState, dob: date, when: date) -> bool:
    valid_dates = [d for d in state.satisfied if d is not None]
    checks: list[bool] = []
    if rule.age:
        checks.append(when >= add_age(dob, rule.age))
    if rule.first_dose_age:
        checks.append(bool(valid_dates) and valid_dates[0] >= add_age(dob, rule.first_dose_age))
    if rule.previous_dose_age:
        checks.append(bool(valid_dates)
                      and max(valid_dates) >= add_age(dob, rule.previous_dose_age))
    if rule.previous_meets:
        checks.append(bool(valid_dates) and _previous_meets(state, rule.previous_meets,
                                                            max(valid_dates)))
    if rule.all_vaccines:
        checks.append(bool(state.valid_cvx)
                      and all(c in rule.all_vaccines for c in state.valid_cvx))
    if rule.any_vaccines:
        checks.append(any(c in rule.any_vaccines for c in state.valid_cvx))
    if rule.valid_doses_at_least is not None:
        checks.append(state.valid_count >= rule.valid_doses_at_least)
    return bool(checks) and all(checks)


def _previous_meets(state: SeriesState, intervals: tuple[Interval, ...], latest: date) -> bool:
    for interval in intervals:
        index = (interval.from_dose or 1) - 1
        start = state.satisfied[index] if index < len(state.satisfied) else None
        if start is None or interval.abs_min is None:
            continue
        if start == latest or latest < add_age(start, interval.abs_min):
            return False
    return True


def day_before(value: date) -> date:
    """Past-due dates are the day before the latest recommended age or interval."""
    return value - timedelta(days=1)
