"""Clinical reference data: visits and their windows, vaccine doses, screenings.

These are loaded from versioned YAML files (``groupwcc/data``), each with a ``source`` and an
``effective_date``; nothing clinical is a code constant. Ages are *age expressions*: signed
terms applied left to right, ``6w``, ``3m``, ``7m15d``, ``12m-4d`` (see ``core.ages``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from groupwcc.models.base import Model


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

    def name_in(self, language: str) -> str:
        return self.names.get(language, self.name)


class ReferenceData(Model):
    """The three reference files together, with the versions they came from."""

    visits: tuple[VisitDef, ...]
    doses: tuple[DoseRule, ...]
    screenings: tuple[ScreeningRule, ...]
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

    def screenings_at(self, visit: str) -> tuple[ScreeningRule, ...]:
        return tuple(s for s in self.screenings if visit in s.visits)
