"""HEDIS W30 (well-child visits in the first 30 months) with its projection per infant.

Pure; the definitions are in clinical-facts.md §2.2 and docs/explanation/reports.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from groupwcc.core.ages import add_months
from groupwcc.core.attendance import share, well_child_visits
from groupwcc.core.records import Period, Records
from groupwcc.models import Cohort, Infant

W30_RATE1_VISITS = 6  # well-child visits on distinct dates by the 15-month birthday
W30_RATE2_VISITS = 2  # ... after it, up to the 30-month birthday
PROJECTIONS: tuple[str, ...] = ("met", "on track", "at risk", "cannot meet")


def fifteen_month_birthday(born: date) -> date:
    """HEDIS W30: the first birthday plus 90 days.

    The first birthday is twelve calendar months after birth (``core.ages.add_months``): a baby
    born on 29 February has it on 1 March of the next year, because that year has no 29
    February.
    """
    return add_months(born, 12) + timedelta(days=90)


def thirty_month_birthday(born: date) -> date:
    """HEDIS W30: the second birthday plus 180 days (a 29 February baby: 1 March + 180)."""
    return add_months(born, 24) + timedelta(days=180)


@dataclass(frozen=True)
class W30Status:
    """One infant against HEDIS W30, as of ``today``.

    ``in_rate1``/``in_rate2``: the 15-/30-month birthday falls in the period, on or before
    today (in the denominator). ``pending1``/``pending2``: it falls in the period after today.
    ``projection1``/``projection2``: for an infant who has not reached that birthday yet.
    """

    infant_id: str
    birthday_15m: date
    birthday_30m: date
    visits_rate1: int
    visits_rate2: int
    in_rate1: bool
    in_rate2: bool
    pending1: bool
    pending2: bool
    projection1: str | None
    projection2: str | None

    @property
    def met1(self) -> bool:
        return self.visits_rate1 >= W30_RATE1_VISITS

    @property
    def met2(self) -> bool:
        return self.visits_rate2 >= W30_RATE2_VISITS


def project(done: int, remaining: int, needed: int) -> str:
    """met · on track (can miss one remaining session) · at risk (must attend every one) ·
    cannot meet (too few sessions left; individual visits needed)."""
    missing = needed - done
    if missing <= 0:
        return "met"
    if remaining > missing:
        return "on track"
    return "at risk" if remaining == missing else "cannot meet"


def w30_status(infant: Infant, done: Iterable[date], remaining: Iterable[date], *,
               period: Period, today: date) -> W30Status:
    """W30 counts and projections for one infant.

    ``done``: dates of its well-child visits; ``remaining``: dates of its cohort's sessions not
    yet recorded, today or later. Dates are counted once each (distinct dates of service).
    """
    born = infant.date_of_birth
    b15, b30 = fifteen_month_birthday(born), thirty_month_birthday(born)
    done_days = {d for d in done if d <= today}
    ahead = {d for d in remaining if d >= today} - done_days
    rate1 = len({d for d in done_days if d <= b15})
    rate2 = len({d for d in done_days if b15 < d <= b30})
    left1 = len({d for d in ahead if d <= b15})
    left2 = len({d for d in ahead if b15 < d <= b30})
    active = infant.status == "active"
    return W30Status(
        infant.infant_id, b15, b30, rate1, rate2,
        in_rate1=b15 in period and b15 <= today, in_rate2=b30 in period and b30 <= today,
        pending1=b15 in period and b15 > today, pending2=b30 in period and b30 > today,
        projection1=project(rate1, left1, W30_RATE1_VISITS) if active and b15 > today else None,
        projection2=project(rate2, left2, W30_RATE2_VISITS) if active and b30 > today else None)


@dataclass(frozen=True)
class W30Rates:
    """W30 rates 1 and 2 (numerator over denominator), pending counts and projections."""

    rate1_denominator: int
    rate1_numerator: int
    rate2_denominator: int
    rate2_numerator: int
    rate1_pending: int = 0
    rate2_pending: int = 0
    projections: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @property
    def rate1(self) -> float | None:
        return share(self.rate1_numerator, self.rate1_denominator)

    @property
    def rate2(self) -> float | None:
        return share(self.rate2_numerator, self.rate2_denominator)


def w30_rates(statuses: Iterable[W30Status]) -> W30Rates:
    """Rates 1 and 2 over the infants in their denominators; projections counted per rate."""
    items = list(statuses)
    projections = {
        "rate1": {p: sum(s.projection1 == p for s in items) for p in PROJECTIONS},
        "rate2": {p: sum(s.projection2 == p for s in items) for p in PROJECTIONS}}
    return W30Rates(
        rate1_denominator=sum(s.in_rate1 for s in items),
        rate1_numerator=sum(s.in_rate1 and s.met1 for s in items),
        rate2_denominator=sum(s.in_rate2 for s in items),
        rate2_numerator=sum(s.in_rate2 and s.met2 for s in items),
        rate1_pending=sum(s.pending1 for s in items), rate2_pending=sum(s.pending2 for s in items),
        projections=projections)


def remaining_days(infant_id: str, cohort: Cohort | None, records: Records,
                   today: date) -> list[date]:
    """Dates of the cohort's in-person sessions from today on that are neither cancelled nor
    recorded for this infant (what the W30 projection may still count on)."""
    if cohort is None:
        return []
    marked = records.by_infant.get(infant_id, {})
    return [s.day for s in records.sessions
            if s.cohort_id == cohort.cohort_id and s.status != "cancelled"
            and s.day >= today and s.session_id not in marked and not s.virtual_link]


def measure_w30(infants: Iterable[Infant], cohorts: Iterable[Cohort], records: Records, *,
                period: Period, today: date) -> tuple[list[W30Status], W30Rates]:
    """W30 for every infant given, and the rates.

    Virtual (telehealth) group sessions do not count: HEDIS MY 2025 excludes telehealth visits
    from the W30 numerator (clinical-facts.md §2.2).
    """
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    statuses = [
        w30_status(infant, [v.day for v in well_child_visits(infant.infant_id, records)
                            if v.kind != "virtual"],
                   remaining_days(infant.infant_id, cohort_of.get(infant.infant_id), records,
                                  today), period=period, today=today)
        for infant in sorted(infants, key=lambda i: i.infant_id)]
    return statuses, w30_rates(statuses)
