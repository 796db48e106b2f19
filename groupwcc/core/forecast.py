"""Per-child immunisation evaluation and forecast by vaccine group (CDC CDSi logic, simplified).

Pure: the assessment date comes with the record, the rules come from
groupwcc/data/vaccine_series.yaml. For each antigen every applicable series is evaluated and the
best kept (complete first, then most valid doses, then a product-specific series whose product
was used, then the order in the data); a vaccine group with several antigens (MMR) is complete
when all are, and its next dose is the soonest any antigen needs.
"""

from __future__ import annotations

from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.core.forecast_dates import DoseDates, forecast_dose
from groupwcc.core.forecast_evaluation import SeriesState, evaluate_series
from groupwcc.core.forecast_seasonal import forecast_seasonal
from groupwcc.models.forecast import (
    DoseEvaluation,
    GroupForecast,
    ImmunizationRecord,
    Series,
    VaccineGroup,
    VaccineSeriesData,
)

_SEVERITY = {"not valid": 0, "valid": 1, "extraneous": 2}


def forecast_record(record: ImmunizationRecord, data: VaccineSeriesData
                    ) -> tuple[GroupForecast, ...]:
    """Evaluate every dose and forecast every vaccine group of ``data`` for one record."""
    results = [_forecast_group(record, group, data) for group in data.groups]
    results += [forecast_seasonal(record, rule, data) for rule in data.seasonal]
    own: dict[int, DoseEvaluation] = {}
    for result in results:  # a dose's own group is the first group it counts for
        for index, evaluation in enumerate(result.evaluations):
            if evaluation is not None:
                own.setdefault(index, evaluation)
    return tuple(r.model_copy(update={"evaluations": tuple(
        e if e is not None else own.get(i) for i, e in enumerate(r.evaluations))})
        for r in results)


def _forecast_group(record: ImmunizationRecord, group: VaccineGroup, data: VaccineSeriesData
                    ) -> GroupForecast:
    states = {antigen: best_series(record, antigen, data) for antigen in group.antigens}
    evaluations: list[DoseEvaluation | None] = []
    for index in range(len(record.doses)):
        found = [s.results[index] for s in states.values() if index in s.results]
        evaluations.append(min(found, key=lambda e: _SEVERITY[e.status]) if found else None)
    pending = [forecast_dose(s, a, record.doses, record.date_of_birth,
                             record.assessment_date, data)
               for a, s in states.items() if not s.complete]
    base = {"case_id": record.case_id, "vaccine_group": group.name,
            "evaluations": tuple(evaluations)}
    if not pending:
        return GroupForecast(**base, status="complete")
    due = [p for p in pending if not p.aged_out]
    if not due:
        return GroupForecast(**base, status="aged out")
    return GroupForecast(**base, status="not complete", **_combine(due))


def _combine(due: list[DoseDates]) -> dict[str, object]:
    """One next dose for the group: the lowest dose number, the latest earliest date, the
    recommended date of the antigens at that dose number, the soonest past-due date."""
    number = min(d.number for d in due)
    earliest = max(d.earliest for d in due if d.earliest)
    recommended = max(d.recommended for d in due if d.recommended and d.number == number)
    past_dues = [d.past_due for d in due if d.past_due]
    return {"next_dose": number, "earliest_date": earliest,
            "recommended_date": max(recommended, earliest),
            "past_due_date": max(min(past_dues), earliest) if past_dues else None}


def best_series(record: ImmunizationRecord, antigen: str, data: VaccineSeriesData
                ) -> SeriesState:
    """Evaluate every applicable series of ``antigen`` and keep the best one."""
    rules = data.antigens[antigen]
    start = _first_dose_date(record, antigen, data)
    candidates = [s for s in rules.series if _applies(s, record.date_of_birth, start)]
    if not candidates:
        candidates = [rules.series[0]]
    states = [evaluate_series(s, antigen, record.doses, record.date_of_birth, data,
                              record.assessment_date, rules.too_old) for s in candidates]
    ranked = sorted(enumerate(states), key=lambda p: (
        not p[1].complete, -p[1].valid_count, not _uses_product(p[1]), p[0]))
    return ranked[0][1]


def _first_dose_date(record: ImmunizationRecord, antigen: str, data: VaccineSeriesData) -> date:
    dates = [d.given for d in record.doses if antigen in data.vaccines[d.cvx].antigens]
    return min(dates) if dates else record.assessment_date


def _applies(series: Series, dob: date, start: date) -> bool:
    if series.start_age and start < add_age(dob, series.start_age):
        return False
    return not (series.max_start_age and start >= add_age(dob, series.max_start_age))


def _uses_product(state: SeriesState) -> bool:
    products = state.series.products
    return bool(products) and bool(state.valid_cvx) and all(c in products
                                                             for c in state.valid_cvx)
