"""Vaccine due items from the child's own record, and the session's vaccine pull list.

When the program keeps immunisation records (``VaccineRecords``), an infant with recorded doses
gets the CDSi forecast (core/forecast.py) at the session day: every vaccine group whose next
dose may be given that day. An infant without a record falls back to the visit-age rule
(core/agenda.dose_item) with each item labelled "no record". Without ``VaccineRecords`` the
items are exactly the visit-age ones. Seasonal items (influenza, RSV antibody, optional
vaccines, exposure tests) always come from core/seasonal.py.

Pure: the session day comes in, the records and the rules come in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.core.forecast import forecast_record
from groupwcc.core.seasonal import seasonal_items
from groupwcc.core.windows import dose_first_day, dose_last_day
from groupwcc.i18n import RECORD_TEXT, words
from groupwcc.models import DoseRule, DueItem, Infant, InfantDue, PullItem, ReferenceData
from groupwcc.models.forecast import (
    DoseGiven,
    GroupForecast,
    ImmunizationRecord,
    VaccineSeriesData,
)

# The visit-age rules (immunizations.yaml) call the polio vaccine by its product.
_GROUP_VACCINE = {"Polio": "IPV"}


@dataclass(frozen=True)
class VaccineRecords:
    """The program's immunisation records: doses by infant id, and the series rules."""

    series: VaccineSeriesData
    doses: Mapping[str, tuple[DoseGiven, ...]] = field(default_factory=dict)


def vaccine_items(infant: Infant, visit: str, day: date, reference: ReferenceData,
                  records: VaccineRecords | None = None, *, language: str = "en"
                  ) -> list[DueItem]:
    """The vaccine (and seasonal/exposure) items due for ``infant`` at a ``visit`` on ``day``."""
    from groupwcc.core.agenda import dose_item

    rules = reference.doses_at(visit)
    visit_items = [dose_item(rule, infant.date_of_birth, day, language=language)
                   for rule in rules]
    seasonal = seasonal_items(infant, visit, day, reference, language=language)
    if records is None:
        return visit_items + seasonal
    doses = records.doses.get(infant.infant_id)
    seasonal = [_pull_seasonal(i, infant, day, reference) for i in seasonal
                if not (i.code == "RSV-mAb" and _has_antigen(doses, "rsv", records.series))]
    if not doses:
        text = words(RECORD_TEXT, language)
        return [_no_record(item, rule, _due_by_age(infant, rule, day), text)
                for item, rule in zip(visit_items, rules, strict=True)] + seasonal
    forecast = forecast_record(ImmunizationRecord(
        case_id=infant.infant_id, date_of_birth=infant.date_of_birth, assessment_date=day,
        doses=doses), records.series)
    at_visit = {r.vaccine for r in rules}
    groups = {g.name for g in records.series.groups}
    flu = next((f for f in forecast if reference.influenza is not None
                and f.vaccine_group == reference.influenza.vaccine), None)
    return [item for f in forecast if f.vaccine_group in groups
            if (item := forecast_item(f, day, at_visit, language=language)) is not None
            ] + [i for item in seasonal if (i := _flu_from_record(item, flu, day)) is not None]


def _flu_from_record(item: DueItem, flu: GroupForecast | None, day: date) -> DueItem | None:
    """The season's influenza item checked against the record: gone when this season's doses
    are complete, off the pull list while the next dose must wait."""
    if flu is None or item.pull != flu.vaccine_group:
        return item
    if flu.status != "not complete":
        return None
    if flu.earliest_date is not None and flu.earliest_date > day:
        return item.model_copy(update={"pull": None})
    return item


def forecast_item(forecast: GroupForecast, day: date, at_visit: Iterable[str] = (), *,
                  language: str = "en") -> DueItem | None:
    """The due item of one vaccine group's forecast on ``day``, or None when its next dose may
    not be given yet (or none is needed). The dose goes on the pull list when it is
    recommended by ``day`` or belongs to this visit's schedule (``at_visit``)."""
    if forecast.status != "not complete" or forecast.earliest_date is None \
            or forecast.earliest_date > day:
        return None
    text = words(RECORD_TEXT, language)
    vaccine = _GROUP_VACCINE.get(forecast.vaccine_group, forecast.vaccine_group)
    recommended = forecast.recommended_date or forecast.earliest_date
    if forecast.past_due_date and day >= forecast.past_due_date:
        note = text["overdue"].format(day=forecast.past_due_date.isoformat())
    elif recommended <= day:
        note = text["due"]
    else:
        note = text["may"].format(day=recommended.isoformat())
    pull = recommended <= day or vaccine in set(at_visit)
    return DueItem(kind="vaccine", code=f"{vaccine}-{forecast.next_dose}",
                   label=text["dose"].format(vaccine=vaccine, dose=forecast.next_dose),
                   note=note, pull=vaccine if pull else None)


def pull_list(due: Iterable[InfantDue]) -> tuple[PullItem, ...]:
    """How many doses of each vaccine to draw from stock: one per item marked ``pull``, in
    name order; ``no_record`` counts those from the visit-age rule."""
    doses: Counter[str] = Counter()
    unrecorded: Counter[str] = Counter()
    for infant in due:
        for item in infant.items:
            if item.pull:
                doses[item.pull] += 1
                unrecorded[item.pull] += item.note.startswith(tuple(
                    t["no_record"] for t in RECORD_TEXT.values()))
    return tuple(PullItem(vaccine=v, doses=n, no_record=unrecorded[v])
                 for v, n in sorted(doses.items()))


def _due_by_age(infant: Infant, rule: DoseRule, day: date) -> bool:
    last = dose_last_day(infant.date_of_birth, rule)
    return dose_first_day(infant.date_of_birth, rule) <= day and (last is None or day <= last)


def _no_record(item: DueItem, rule: DoseRule, due: bool, text: dict[str, str]) -> DueItem:
    """A visit-age dose for an infant without a record: labelled so, and for a later dose a
    reminder that the earlier one may never have been given (the list cannot know)."""
    parts = [text["no_record"]]
    if rule.vaccine == "HepB" and rule.dose == 2:
        parts.append(text["hepb_birth"])
    elif rule.dose > 1:
        parts.append(text["earlier"].format(before=rule.dose - 1))
    if item.note:
        parts.append(item.note)
    return item.model_copy(update={"note": "; ".join(parts).replace("; ", ": ", 1),
                                   "pull": rule.vaccine if due else None})


def _pull_seasonal(item: DueItem, infant: Infant, day: date,
                   reference: ReferenceData) -> DueItem:
    """Influenza and RSV antibody items count on the pull list once the infant is old enough;
    optional vaccines (COVID-19) and exposure tests do not."""
    flu = reference.influenza
    if flu is not None and item.code.startswith(f"{flu.vaccine}-"):
        if day >= add_age(infant.date_of_birth, flu.min_age):
            return item.model_copy(update={"pull": flu.vaccine})
    elif item.code == "RSV-mAb":
        return item.model_copy(update={"pull": "RSV antibody"})
    return item


def _has_antigen(doses: Iterable[DoseGiven] | None, antigen: str,
                 series: VaccineSeriesData) -> bool:
    """Whether a recorded dose counts for ``antigen`` (an RSV antibody already given)."""
    return any(antigen in series.vaccines[d.cvx].antigens for d in doses or ()
               if d.cvx in series.vaccines)


def record_columns(visit: str, day: date, reference: ReferenceData,
                   recorded_as: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """The attendance workbook's record columns for a session of ``visit`` on ``day``: one
    ``given <vaccine>`` per vaccine due at the visit (influenza in its season), then one per
    measure of each screening due (``recorded_as``: periodicity key → measures)."""
    from groupwcc.models.attendance import given_column

    vaccines = [r.vaccine for r in reference.doses_at(visit)]
    flu = reference.influenza
    if flu is not None and reference.immunization.flu_season.contains(day) \
            and _nominal_reaches(reference, visit, flu.min_age):
        vaccines.append(flu.vaccine)
    measures = [m for rule in reference.screenings_at(visit) for m in recorded_as.get(rule.key, ())]
    return tuple(dict.fromkeys([given_column(v) for v in vaccines] + measures))


def _nominal_reaches(reference: ReferenceData, visit: str, age: str) -> bool:
    """Whether the visit's nominal age is at least ``age`` (no influenza column at 2 months)."""
    born = date(2000, 1, 1)
    return add_age(born, reference.visit(visit).nominal) >= add_age(born, age)
