"""Immunisation evaluation and forecast: the reference data (CDC CDSi-style antigen series) and
the results (one evaluation per dose, one forecast per vaccine group).

Ages and intervals are age expressions (``6w``, ``12m-4d``, ``7y+4w``; core/ages.py). "abs_min"
values include CDSi's 4-day grace period and are used only to EVALUATE doses already given;
"min", "rec" and "latest_rec" values are used to FORECAST the next dose.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from groupwcc.models.base import Model

EvaluationStatus = Literal["valid", "not valid", "extraneous"]
ForecastStatus = Literal["not complete", "complete", "immune", "aged out", "contraindicated"]


class Interval(Model):
    """A minimum (and recommended) interval before a target dose.

    ``from_dose`` names the target dose whose valid dose the interval counts from; without it the
    interval counts from the previous dose given (valid or not).
    """

    from_dose: int | None = None
    abs_min: str | None = None
    min: str | None = None
    rec: str | None = None
    latest_rec: str | None = None


class SkipRule(Model):
    """When a target dose is not needed (CDSi "conditional skip"); every given field must hold.

    ``age``: the person is at least this old on the date considered (the dose being evaluated,
    or the assessment date). ``first_dose_age``: the first valid dose was given at least this
    old. ``previous_dose_age``: the latest valid dose was given at least this old.
    ``previous_meets``: the latest valid dose already meets these intervals from earlier target
    doses (with the grace period). ``all_vaccines``: every valid dose is one of these CVX codes;
    ``any_vaccines``: at least one is.
    ``valid_doses_at_least``: at least this many valid doses. ``when: forecast`` skips only
    when forecasting, so a later dose still fills the target dose (a 4th HepB dose counts).
    """

    age: str | None = None
    first_dose_age: str | None = None
    previous_dose_age: str | None = None
    previous_meets: tuple[Interval, ...] = ()
    all_vaccines: tuple[str, ...] = ()
    any_vaccines: tuple[str, ...] = ()
    valid_doses_at_least: int | None = None
    when: Literal["always", "forecast"] = "always"
    note: str = ""


class OlderRule(Model):
    """Rules of a target dose that change for an older child (catch-up).

    Applies when the person is at least ``age`` old (on the dose's date when evaluating; on
    the assessment date or the dose's earliest date, whichever is later, when forecasting),
    and/or when the first valid dose was given at ``first_dose_age`` or older.
    """

    age: str | None = None
    first_dose_age: str | None = None
    abs_min_age: str | None = None
    min_age: str | None = None
    rec_age: str | None = None
    latest_rec_age: str | None = None
    intervals: tuple[Interval, ...] | None = None
    vaccines: tuple[str, ...] | None = None
    no_latest_rec_age: bool = False
    note: str = ""


class TargetDose(Model):
    """One dose of an antigen series.

    ``max_age``: a dose given at this age or older does not count. ``forecast_max_age``: do not
    forecast the dose from this age (rotavirus is not started at 15 weeks, though a first dose
    given later still counts); the person is then "aged out".
    """

    abs_min_age: str = "0d"
    min_age: str = "0d"
    rec_age: str | None = None
    latest_rec_age: str | None = None
    max_age: str | None = None
    forecast_max_age: str | None = None
    intervals: tuple[Interval, ...] = ()
    vaccines: tuple[str, ...] = ()
    skip: tuple[SkipRule, ...] = ()
    older: tuple[OlderRule, ...] = ()
    note: str = ""


class Series(Model):
    """An antigen series; the engine evaluates every applicable series and keeps the best.

    ``start_age``/``max_start_age`` bound the age at the first dose (or at assessment when no
    dose was given). ``products`` marks a product-specific series, preferred when every valid
    dose is one of these CVX codes.
    """

    name: str
    start_age: str | None = None
    max_start_age: str | None = None
    products: tuple[str, ...] = ()
    doses: tuple[TargetDose, ...]


class Antigen(Model):
    """An antigen and its series, in order of preference."""

    series: tuple[Series, ...]
    too_old: Literal["extraneous", "not valid"] = "extraneous"


class Vaccine(Model):
    """A vaccine by CVX code: the antigens it counts for, and the ages it may be given at.

    ``doses_per_target``: how many valid doses of it fill one target dose (two fractional IPV
    doses count as one IPV dose); each is still listed as valid.
    """

    name: str
    antigens: tuple[str, ...]
    live: bool = False
    doses_per_target: int = 1
    begin_age: str | None = None
    end_age: str | None = None


class VaccineGroup(Model):
    """A vaccine group as forecast (MMR holds three antigens)."""

    name: str
    antigens: tuple[str, ...]


class SeasonalBand(Model):
    """Who needs how many doses of a seasonal product (the first band that fits applies).

    ``from_age``/``below_age``: age on the assessment date. ``prior_doses_fewer_than``: valid
    doses before this season. ``min_age``: earliest age for the first dose in this band.
    ``in_season``: the dose is given only in the season (RSV antibody for infants).
    """

    from_age: str | None = None
    below_age: str | None = None
    prior_doses_fewer_than: int | None = None
    doses: int = 1
    min_age: str | None = None
    in_season: bool = False
    interval: Interval | None = None
    note: str = ""


class SeasonalRule(Model):
    """A vaccine given by season (influenza, COVID-19) or once in a season (RSV antibody).

    A season starts every year on ``season_start`` (``MM-DD``); ``season_end`` bounds the
    months doses are given in. With ``per_season`` the doses of earlier seasons do not count
    toward this season (they only decide how many are needed).
    """

    group: str
    antigen: str
    season_start: str
    season_end: str | None = None
    per_season: bool = True
    abs_min_age: str
    min_age: str
    first_interval: Interval | None = None
    bands: tuple[SeasonalBand, ...]


class VaccineSeriesData(Model):
    """The versioned reference data of groupwcc/data/vaccine_series.yaml."""

    version: str
    effective_date: date
    source: str
    grace_days: int = 4
    live_spacing_days: int = 28
    vaccines: dict[str, Vaccine]
    groups: tuple[VaccineGroup, ...]
    antigens: dict[str, Antigen]
    seasonal: tuple[SeasonalRule, ...] = ()


class DoseGiven(Model):
    """One dose in a person's record."""

    given: date
    cvx: str


class ImmunizationRecord(Model):
    """A standalone record: who (an opaque case id), born when, assessed when, doses given."""

    case_id: str
    date_of_birth: date
    assessment_date: date
    doses: tuple[DoseGiven, ...] = ()


class DoseEvaluation(Model):
    """How one given dose counts: valid, not valid or extraneous, with CDSi's reason."""

    status: EvaluationStatus
    reason: str | None = None

    def text(self) -> str:
        """``not valid (Age: Too Young)`` as CDC's test cases write it (lower-case status)."""
        return f"{self.status} ({self.reason})" if self.reason else self.status


class GroupForecast(Model):
    """One vaccine group for one record: each dose's evaluation and the next dose.

    ``evaluations`` has one entry per dose of the record, in record order; a dose outside this
    group carries its own group's evaluation (as CDC's test cases list it), or None.
    """

    case_id: str
    vaccine_group: str
    evaluations: tuple[DoseEvaluation | None, ...]
    status: ForecastStatus
    next_dose: int | None = None
    earliest_date: date | None = None
    recommended_date: date | None = None
    past_due_date: date | None = None
