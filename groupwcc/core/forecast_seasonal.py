"""Seasonal vaccines: influenza and COVID-19 each season, RSV antibody once in an infant's first
season (and RSV vaccine once for older adults). CDC CDSi logic, simplified; rules in the
``seasonal`` section of groupwcc/data/vaccine_series.yaml.

The season is the one holding the assessment date. Doses of earlier seasons are valid when given
old enough and only decide how many doses this season needs (a child under 9 with fewer than
two earlier influenza doses needs two). Doses are numbered within the season.
"""

from __future__ import annotations

from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.core.forecast_evaluation import day_before
from groupwcc.models.forecast import (
    DoseEvaluation,
    GroupForecast,
    ImmunizationRecord,
    Interval,
    SeasonalBand,
    SeasonalRule,
    VaccineSeriesData,
)


def forecast_seasonal(record: ImmunizationRecord, rule: SeasonalRule, data: VaccineSeriesData
                      ) -> GroupForecast:
    """Evaluate the doses of ``rule.antigen`` and forecast this season's next dose."""
    dob, assessed = record.date_of_birth, record.assessment_date
    start = season_start(assessed, rule.season_start) if rule.per_season else date.min
    order = sorted((i for i, d in enumerate(record.doses)
                    if rule.antigen in data.vaccines[d.cvx].antigens),
                   key=lambda i: record.doses[i].given)
    results: dict[int, DoseEvaluation] = {}
    prior: list[date] = []
    current: list[date] = []
    previous: date | None = None
    band: SeasonalBand | None = None
    for index in order:
        given = record.doses[index].given
        if given < add_age(dob, rule.abs_min_age):
            results[index] = DoseEvaluation(status="not valid", reason="Age: Too Young")
        elif given < start:
            results[index] = DoseEvaluation(status="valid")
            prior.append(given)
        else:
            band = band or choose_band(rule, dob, assessed, len(prior))
            results[index] = _evaluate_current(rule, band, current, previous, given)
            if results[index].status == "valid":
                current.append(given)
        previous = given
    band = band or choose_band(rule, dob, assessed, len(prior))
    evaluations = tuple(results.get(i) for i in range(len(record.doses)))
    base = {"case_id": record.case_id, "vaccine_group": rule.group, "evaluations": evaluations}
    if band is None:
        return GroupForecast(**base, status="aged out")
    if len(current) >= band.doses:
        return GroupForecast(**base, status="complete")
    return GroupForecast(**base, status="not complete", next_dose=len(current) + 1,
                         **_next_dates(rule, band, record, start, current, previous))


def season_start(day: date, month_day: str) -> date:
    """The latest ``MM-DD`` on or before ``day``."""
    month, dom = (int(p) for p in month_day.split("-"))
    this_year = date(day.year, month, dom)
    return this_year if this_year <= day else date(day.year - 1, month, dom)


def choose_band(rule: SeasonalRule, dob: date, assessed: date, prior: int
                ) -> SeasonalBand | None:
    """The first band that fits the person's age and earlier doses, or None."""
    for band in rule.bands:
        if band.from_age and assessed < add_age(dob, band.from_age):
            continue
        if band.below_age and assessed >= add_age(dob, band.below_age):
            continue
        if band.prior_doses_fewer_than is not None and prior >= band.prior_doses_fewer_than:
            continue
        return band
    return None


def _evaluate_current(rule: SeasonalRule, band: SeasonalBand | None, current: list[date],
                      previous: date | None, given: date) -> DoseEvaluation:
    if band is not None and len(current) >= band.doses:
        return DoseEvaluation(status="extraneous", reason="Series Already Complete")
    interval = rule.first_interval if not current else (band.interval if band else None)
    if interval and interval.abs_min and previous and given < add_age(previous, interval.abs_min):
        return DoseEvaluation(status="not valid", reason="Interval: too Soon")
    return DoseEvaluation(status="valid")


def _next_dates(rule: SeasonalRule, band: SeasonalBand, record: ImmunizationRecord,
                start: date, current: list[date], previous: date | None
                ) -> dict[str, date | None]:
    dob = record.date_of_birth
    interval: Interval | None = rule.first_interval if not current else band.interval
    earliest = max(add_age(dob, band.min_age or rule.min_age), start if rule.per_season else dob)
    if band.in_season and rule.season_end:
        earliest = max(earliest, _season_on_or_after(dob, rule))
    last = current[-1] if current else previous
    recommended, past_due = earliest, None
    if interval and last:
        if interval.min:
            earliest = max(earliest, add_age(last, interval.min))
        recommended = max(earliest, add_age(last, interval.rec)) if interval.rec else earliest
        if interval.latest_rec and current:
            past_due = max(earliest, day_before(add_age(last, interval.latest_rec)))
    return {"earliest_date": earliest, "recommended_date": max(recommended, earliest),
            "past_due_date": past_due}


def _season_on_or_after(day: date, rule: SeasonalRule) -> date:
    """The start of the season holding ``day``, or of the next one when ``day`` is off-season."""
    start = season_start(day, rule.season_start)
    end_month, end_day = (int(p) for p in (rule.season_end or "12-31").split("-"))
    end = date(start.year + (1 if (end_month, end_day) < (start.month, start.day) else 0),
               end_month, end_day)
    return start if day <= end else date(start.year + 1, start.month, start.day)
