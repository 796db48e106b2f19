"""The record's measures for the funder report (issue 19): screening completion at each visit
age, positive-screen follow-through, referral completion, immunisation status at 24 months.

Pure functions over the recorded values, referrals and doses; ``today`` is a parameter. The
report (tables by site, cohort and language, charts) is built on these elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.core.forecast import forecast_record
from groupwcc.core.records import Period
from groupwcc.core.report_rows import UNKNOWN, MeasureRow
from groupwcc.core.screening_results import open_positives, positive_cutoff
from groupwcc.models import Infant, ReferenceData
from groupwcc.models.forecast import DoseGiven, ImmunizationRecord, VaccineSeriesData
from groupwcc.models.screening import Referral, ScreeningCutOffs, ScreeningValue


@dataclass(frozen=True)
class Completion:
    """How many were due and how many of those were done."""

    due: int = 0
    done: int = 0

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None


def screening_units(infants: Iterable[Infant], values: Sequence[ScreeningValue],
                    reference: ReferenceData, data: ScreeningCutOffs, *, today: date
                    ) -> Iterator[tuple[Infant, str, str, date, bool]]:
    """(infant, visit, screening key, window end, done) for every screening due: the
    infant's window for that visit has closed by ``today``; done: one of the screening's
    measures was recorded inside the window."""
    by_infant: dict[str, list[ScreeningValue]] = {}
    for value in values:
        by_infant.setdefault(value.infant_id, []).append(value)
    for infant in infants:
        for visit in reference.visits:
            first = add_age(infant.date_of_birth, visit.window.start)
            last = add_age(infant.date_of_birth, visit.window.end)
            if last > today:
                continue
            for rule in reference.screenings_at(visit.key):
                measures = data.recorded_as.get(rule.key)
                if not measures:
                    continue
                done = any(v.measure in measures and first <= v.screened_on <= last
                           for v in by_infant.get(infant.infant_id, ()))
                yield infant, visit.key, rule.key, last, done


def screening_completion(infants: Iterable[Infant], values: Sequence[ScreeningValue],
                         reference: ReferenceData, data: ScreeningCutOffs, *, today: date
                         ) -> dict[tuple[str, str], Completion]:
    """(visit, screening key) → due/done (``screening_units`` counted)."""
    counts: dict[tuple[str, str], Completion] = {}
    for _, visit, key, _, done in screening_units(infants, values, reference, data,
                                                  today=today):
        old = counts.get((visit, key), Completion())
        counts[(visit, key)] = Completion(old.due + 1, old.done + done)
    return counts


def positive_follow_through(values: Sequence[ScreeningValue], referrals: Sequence[Referral],
                            data: ScreeningCutOffs) -> Completion:
    """Positive screens (due) and those followed (done): rescreened negative or referred."""
    positives = sum(positive_cutoff(v, data) is not None for v in values)
    still_open = len(open_positives(values, referrals, data))
    return Completion(positives, positives - still_open)


def referral_completion(referrals: Iterable[Referral]) -> dict[str, Counter[str]]:
    """Service → count by status (suggested, made, scheduled, seen, declined)."""
    found: dict[str, Counter[str]] = {}
    for referral in referrals:
        found.setdefault(referral.service, Counter())[referral.status] += 1
    return found


def immunization_at(infant: Infant, doses: Sequence[DoseGiven], series: VaccineSeriesData,
                    *, age: str = "24m") -> dict[str, bool]:
    """Vaccine group → up to date on the day the infant reaches ``age``: complete, or the next
    dose not yet past due, counting only doses given before that day."""
    day = add_age(infant.date_of_birth, age)
    record = ImmunizationRecord(case_id=infant.infant_id, date_of_birth=infant.date_of_birth,
                                assessment_date=day,
                                doses=tuple(d for d in doses if d.given < day))
    groups = {g.name for g in series.groups}
    return {f.vaccine_group: f.status != "not complete"
            or f.past_due_date is None or f.past_due_date > day
            for f in forecast_record(record, series) if f.vaccine_group in groups}


def immunization_status_24m(infants: Iterable[Infant],
                            doses: Mapping[str, Sequence[DoseGiven]],
                            series: VaccineSeriesData, *, today: date
                            ) -> dict[str, Completion]:
    """Vaccine group (and ``all`` for every group) → infants 24 months old by ``today`` with a
    record (due) and those up to date at 24 months (done). Infants without a record are left
    out: the report shows how many have one."""
    counts: dict[str, Completion] = {}
    for infant in infants:
        if add_age(infant.date_of_birth, "24m") > today or not doses.get(infant.infant_id):
            continue
        status = immunization_at(infant, doses[infant.infant_id], series)
        for group, ok in [*status.items(), ("all", all(status.values()))]:
            old = counts.get(group, Completion())
            counts[group] = Completion(old.due + 1, old.done + ok)
    return counts


# --- the same measures one unit at a time, for the report's tables (core.report_rows) ----------

SCREENING_DONE = "screening done: "
FOLLOWED = "positive screen followed up"
REFERRAL_SEEN = "referral seen (of those made)"
UP_TO_DATE = "up to date at 24 months: "
ALL_GROUPS = "all groups"


@dataclass(frozen=True)
class RecordInputs:
    """The child's record as the report reads it."""

    values: Sequence[ScreeningValue]
    referrals: Sequence[Referral]
    doses: Mapping[str, Sequence[DoseGiven]]
    cutoffs: ScreeningCutOffs
    series: VaccineSeriesData
    closed: frozenset[ScreeningValue] = frozenset()  # positive screens staff closed


def record_measure_rows(infants: Sequence[Infant], cohort_of: Mapping[str, str],
                        record: RecordInputs, reference: ReferenceData, *, period: Period
                        ) -> list[MeasureRow]:
    """One ``MeasureRow`` per unit of the four record measures in ``period`` (up to today:
    the caller caps it): a screening whose visit window closed in it; a positive screen
    taken in it (followed: rescreened negative, referred or closed by staff); a referral
    opened in it and made (not just suggested); an infant with a dose record who turned 24
    months in it (per vaccine group and for all groups)."""
    known = {i.infant_id: i for i in infants}

    def row(measure: str, infant_id: str, visit: str, met: bool) -> MeasureRow:
        infant = known.get(infant_id)
        return MeasureRow(measure, cohort_of.get(infant_id, ""),
                          infant.site if infant else UNKNOWN, visit,
                          infant.language if infant else UNKNOWN, infant_id, met)

    rows = [row(SCREENING_DONE + key, infant.infant_id, visit, done)
            for infant, visit, key, closed, done in screening_units(
                infants, record.values, reference, record.cutoffs, today=period.last)
            if closed in period]
    still_open = {v for v, _ in open_positives(
        [v for v in record.values if v not in record.closed], record.referrals, record.cutoffs)}
    rows += [row(FOLLOWED, v.infant_id, "", v not in still_open) for v in record.values
             if v.screened_on in period and v.infant_id in known
             and positive_cutoff(v, record.cutoffs) is not None]
    rows += [row(REFERRAL_SEEN, r.infant_id, "", r.status == "seen") for r in record.referrals
             if r.opened_on in period and r.infant_id in known and r.status != "suggested"]
    for infant in infants:
        doses = record.doses.get(infant.infant_id)
        if not doses or add_age(infant.date_of_birth, "24m") not in period:
            continue
        status = immunization_at(infant, doses, record.series)
        rows += [row(UP_TO_DATE + group, infant.infant_id, "", ok)
                 for group, ok in [*sorted(status.items()), (ALL_GROUPS, all(status.values()))]]
    return rows


def screenings_by_visit(rows: Iterable[MeasureRow], visit_order: Sequence[str]
                        ) -> list[tuple[str, int, int]]:
    """(visit, due, done) pooled over screenings, in ``visit_order``, visits with any due."""
    due: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for row in rows:
        if row.measure.startswith(SCREENING_DONE):
            due[row.visit] += 1
            done[row.visit] += row.met
    return [(v, due[v], done[v]) for v in visit_order if due[v]]
