"""Clinical reference data: visits and their windows, vaccine doses, screenings.

These are loaded from versioned YAML files (``groupwcc/data``), each with a ``source`` and an
``effective_date``; nothing clinical is a code constant. Ages are *age expressions*: signed
terms applied left to right, ``6w``, ``3m``, ``7m15d``, ``12m-4d`` (see ``core.ages``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from groupwcc.models.base import Model
from groupwcc.models.program import ImmunizationPolicy


class AgeWindow(Model):
    """An inclusive age range, both ends as age expressions."""

    start: str
    end: str


class VisitDef(Model):
    """A well-child visit age that a group session can stand for."""

    key: str  # "m4"
    label: str  # "4-month"
    nominal: str  # "4m"
    window: AgeWindow
    optional: bool = False
    source: str = ""
    labels: dict[str, str] = {}  # language -> label, e.g. {"es": "2 meses"}

    def label_in(self, language: str) -> str:
        return self.labels.get(language, self.label)


class DoseInterval(Model):
    """Minimum interval from an earlier dose of the same vaccine."""

    from_dose: int
    min: str  # age expression, e.g. "4w", "6m"


class DoseRule(Model):
    """A vaccine dose usually given at ``visit`` with its *scheduling* limits.

    ``min_age`` is the scheduling minimum (never the 4-day grace); ``max_age`` is exclusive
    (the dose must be given *before* that age), as for rotavirus.
    """

    vaccine: str
    dose: int
    visit: str
    min_age: str
    max_age: str | None = None
    intervals: tuple[DoseInterval, ...] = ()
    note: str = ""
    source: str = ""


class FluRule(Model):
    """Influenza as a yearly seasonal vaccine: due at any session inside the program's flu
    season from ``min_age``, with a second dose ``second_dose_interval`` later in a child's
    first season."""

    vaccine: str = "Influenza"
    min_age: str = "6m"
    second_dose_interval: str = "4w"
    first_visit: str | None = "m6"  # its sessions are held from min_age (scheduling floor)
    note: str = ""
    source: str = ""


class RsvRule(Model):
    """RSV monoclonal antibody for infants entering or in their first RSV season while younger
    than ``before_age``, unless the birth parent had the RSV vaccine at least
    ``maternal_vaccine_before_delivery`` before delivery or the infant already received it."""

    label: str
    labels: dict[str, str] = {}
    before_age: str = "8m"
    maternal_vaccine_before_delivery: str = "14d"
    note: str = ""
    notes: dict[str, str] = {}
    source: str = ""


class OptionalDose(Model):
    """A vaccine a program may turn on (``immunization.optional_vaccines``), due at any session
    while the infant is ``min_age`` or older and younger than ``max_age``."""

    key: str  # "covid19"
    vaccine: str
    min_age: str
    max_age: str
    recommendation: str
    recommended_on: date
    note: str = ""
    notes: dict[str, str] = {}
    source: str = ""


class ExposureRule(Model):
    """A test due for an infant with a recorded exposure (a staff-only roster field), at any
    session while the infant is ``from_age`` or older and younger than ``before_age``."""

    key: str  # "hcv-rna"
    when: Literal["hcv_exposed", "hbsag_positive_parent"]
    name: str
    names: dict[str, str] = {}
    from_age: str
    before_age: str
    note: str = ""
    notes: dict[str, str] = {}
    source: str = ""

    def name_in(self, language: str) -> str:
        return self.names.get(language, self.name)


class ScreeningRule(Model):
    """A screening or procedure due at some visits (periodicity schedule)."""

    key: str  # "epds"
    name: str  # "Caregiver depression screening"
    instrument: str = ""  # "EPDS"
    visits: tuple[str, ...]
    kind: Literal["universal", "risk", "procedure"] = "universal"
    age_basis: Literal["chronological", "corrected"] = "chronological"
    note: str = ""
    source: str = ""
    names: dict[str, str] = {}  # language -> name, e.g. {"es": "Detección de depresión"}
    setting: Literal["", "caregiver_mood"] = ""  # a program setting may add every visit

    def name_in(self, language: str) -> str:
        return self.names.get(language, self.name)


class ReferenceData(Model):
    """The three reference files together, with the versions they came from."""

    visits: tuple[VisitDef, ...]
    doses: tuple[DoseRule, ...]
    screenings: tuple[ScreeningRule, ...]
    influenza: FluRule | None = None
    rsv: RsvRule | None = None
    optional_doses: tuple[OptionalDose, ...] = ()
    exposures: tuple[ExposureRule, ...] = ()
    immunization: ImmunizationPolicy = ImmunizationPolicy()  # the program's seasons and options
    versions: dict[str, str] = {}  # file name -> "effective_date (source)"
    corrected_age_until: str = "24m"  # corrected age applies below this chronological age
    effective_date: date | None = None

    def visit(self, key: str) -> VisitDef:
        for v in self.visits:
            if v.key == key:
                return v
        raise KeyError(key)

    def doses_at(self, visit: str) -> tuple[DoseRule, ...]:
        return tuple(d for d in self.doses if d.visit == visit)

    def scheduling_doses_at(self, visit: str) -> tuple[DoseRule, ...]:
        """The doses that bound when ``visit`` may be held (core.windows): the visit's doses,
        plus influenza at its first visit, so that a 6-month session is held from 6 months and
        a baby in season can start flu there."""
        doses = self.doses_at(visit)
        flu = self.influenza
        if flu is not None and flu.first_visit == visit:
            doses += (DoseRule(vaccine=flu.vaccine, dose=1, visit=visit, min_age=flu.min_age,
                               source=flu.source),)
        return doses

    def optional_doses_on(self) -> tuple[OptionalDose, ...]:
        """The optional doses the program has turned on."""
        return tuple(d for d in self.optional_doses
                     if d.key in self.immunization.optional_vaccines)

    def screenings_at(self, visit: str) -> tuple[ScreeningRule, ...]:
        return tuple(s for s in self.screenings if visit in s.visits)
