"""Loading the clinical reference data shipped in ``groupwcc/data``.

Three versioned YAML files, each with ``version``, ``effective_date`` and ``source``:
``visits.yaml`` (visit ages and windows), ``immunizations.yaml`` (doses with scheduling minimum
ages, intervals and maximum ages) and ``periodicity.yaml`` (screenings by visit). A program may
override visit windows in ``groupwcc.yaml`` and chooses its flu and RSV seasons, optional
vaccines and caregiver-mood screening there (applied here, so the agenda needs only the reference
data); everything else changes by editing the data files (docs/explanation/scheduling.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groupwcc.errors import Problem, ReferenceDataError
from groupwcc.models import (
    AgeWindow,
    ImmunizationPolicy,
    ReferenceData,
    ScreeningPolicy,
    VisitWindowOverride,
)

if TYPE_CHECKING:
    from groupwcc.readers.yamlfile import Locate

FILES = ("visits.yaml", "immunizations.yaml", "periodicity.yaml")


def load_reference(*, window_overrides: Mapping[str, VisitWindowOverride] | None = None,
                   folder: Path | None = None, immunization: ImmunizationPolicy | None = None,
                   screening: ScreeningPolicy | None = None) -> ReferenceData:
    """The packaged reference data, with a program's visit-window overrides, seasons, optional
    vaccines and screening settings applied."""
    reference = _apply_settings(_load(str(folder) if folder else None), immunization, screening)
    if not window_overrides:
        return reference
    known = {v.key for v in reference.visits}
    problems = [Problem("groupwcc.yaml", f"visit_windows.{key}: unknown visit (known: "
                        f"{', '.join(sorted(known, key=_visit_order))})")
                for key in window_overrides if key not in known]
    problems += _age_problems({f"visit_windows.{k}.{end}": getattr(w, end)
                               for k, w in window_overrides.items() for end in ("start", "end")},
                              "groupwcc.yaml")
    if problems:
        raise ReferenceDataError("visit_windows in groupwcc.yaml has problems", problems=problems,
                                 hint="ages are written like 6w, 3m, 7m15d")
    visits = tuple(v.model_copy(update={"window": AgeWindow(start=window_overrides[v.key].start,
                                                             end=window_overrides[v.key].end)})
                   if v.key in window_overrides else v for v in reference.visits)
    return reference.model_copy(update={"visits": visits})


def _apply_settings(reference: ReferenceData, immunization: ImmunizationPolicy | None,
                    screening: ScreeningPolicy | None) -> ReferenceData:
    update: dict[str, Any] = {}
    if immunization is not None:
        known = {d.key for d in reference.optional_doses}
        unknown = [k for k in immunization.optional_vaccines if k not in known]
        if unknown:
            raise ReferenceDataError(
                "immunization.optional_vaccines in groupwcc.yaml names unknown vaccines",
                problems=[Problem("groupwcc.yaml", f"immunization.optional_vaccines: {k!r} is "
                                  f"not in immunizations.yaml (known: {', '.join(sorted(known))})")
                          for k in unknown],
                hint="use a key listed under optional_doses in immunizations.yaml")
        update["immunization"] = immunization
    if screening is not None and screening.caregiver_mood == "every_visit":
        every = tuple(v.key for v in reference.visits)
        update["screenings"] = tuple(
            s.model_copy(update={"visits": every}) if s.setting == "caregiver_mood" else s
            for s in reference.screenings)
    return reference.model_copy(update=update) if update else reference


def _visit_order(key: str) -> tuple[int, str]:
    digits = "".join(c for c in key if c.isdigit())
    return (int(digits) if digits else 0, key)


@lru_cache(maxsize=4)
def _load(folder: str | None) -> ReferenceData:
    from groupwcc.readers.yamlfile import load_yaml_with_lines
    from groupwcc.resources import data_path

    raw: dict[str, Any] = {}
    versions: dict[str, str] = {}
    dates: list[date] = []
    problems: list[Problem] = []
    locators: dict[str, tuple[str, Locate]] = {}  # top-level key -> (file name, line finder)
    for name in FILES:
        path = Path(folder) / name if folder else data_path(name)
        data, locate = load_yaml_with_lines(path, error_class=ReferenceDataError)
        if not isinstance(data, dict):
            raise ReferenceDataError(f"{name}: expected a mapping with version, effective_date, "
                                     "source and a list")
        for key in ("version", "effective_date", "source"):
            if key not in data:
                problems.append(Problem(name, f"{key}: required"))
        effective = data.get("effective_date")
        if isinstance(effective, date):
            dates.append(effective)
        versions[name] = f"{data.get('version', '?')} ({effective}) — {data.get('source', '')}"
        kept = {k: v for k, v in data.items()
                if k in ("visits", "doses", "screenings", "corrected_age_until", "influenza",
                         "rsv", "optional_doses", "exposures")}
        raw.update(kept)
        locators.update(dict.fromkeys(kept, (name, locate)))
    if problems:
        raise ReferenceDataError("reference data files are incomplete", problems=problems)
    return _validate(raw, versions, max(dates) if dates else None, locators)


def _validate(raw: dict[str, Any], versions: dict[str, str], effective: date | None,
              locators: Mapping[str, tuple[str, Locate]]) -> ReferenceData:
    from pydantic import ValidationError

    from groupwcc.readers.validation import validation_problems

    def where(loc: tuple[Any, ...]) -> str:
        name, locate = locators.get(loc[0] if loc else "", ("reference data", None))
        line = locate(loc) if locate else None
        return f"{name}:{line}" if line else name

    try:
        reference = ReferenceData.model_validate(
            {**raw, "versions": versions, "effective_date": effective})
    except ValidationError as error:
        raise ReferenceDataError("reference data does not match its format",
                                 problems=validation_problems(error, where, model=ReferenceData)
                                 ) from None
    ages: dict[str, str] = {"corrected_age_until": reference.corrected_age_until}
    for v in reference.visits:
        ages |= {f"visits.{v.key}.nominal": v.nominal, f"visits.{v.key}.window.start":
                 v.window.start, f"visits.{v.key}.window.end": v.window.end}
    for d in reference.doses:
        name = f"doses.{d.vaccine}-{d.dose}"
        ages[f"{name}.min_age"] = d.min_age
        if d.max_age:
            ages[f"{name}.max_age"] = d.max_age
        ages |= {f"{name}.intervals.{i.from_dose}": i.min for i in d.intervals}
    ages |= _seasonal_ages(reference)
    problems = _age_problems(ages, "reference data")
    if not problems:
        problems += [Problem("visits.yaml", f"visits.{v.key}.window: end {v.window.end} is "
                             f"before start {v.window.start}; the visit would have no session")
                     for v in reference.visits if window_reversed(v.window.start, v.window.end)]
    keys = [v.key for v in reference.visits]
    problems += [Problem("immunizations.yaml", f"{d.vaccine} dose {d.dose}: unknown visit "
                         f"{d.visit!r}") for d in reference.doses if d.visit not in keys]
    first_flu = reference.influenza.first_visit if reference.influenza else None
    if first_flu is not None and first_flu not in keys:
        problems.append(Problem("immunizations.yaml", f"influenza.first_visit: unknown visit "
                                f"{first_flu!r}"))
    problems += [Problem("periodicity.yaml", f"{s.key}: unknown visit {v!r}")
                 for s in reference.screenings for v in s.visits if v not in keys]
    if len({k.casefold() for k in keys}) != len(keys):
        problems.append(Problem("visits.yaml", "a visit key is listed twice"))
    if problems:
        raise ReferenceDataError("reference data has problems", problems=problems)
    return reference


# Birth dates on which a window's ends are compared: month ends and a leap day, where
# calendar-month arithmetic differs most.
_PROBE_BIRTHS = (date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 15), date(2023, 12, 31),
                 date(2025, 8, 31))


def window_reversed(start: str, end: str) -> bool:
    """Whether an age window ``start``–``end`` (valid age expressions) ends before it starts
    for some birth date: such a window holds no day, so its visit would silently get no
    session. A one-day window (``4m``–``4m``) is fine."""
    from groupwcc.core.ages import add_age

    return any(add_age(born, end) < add_age(born, start) for born in _PROBE_BIRTHS)


def _seasonal_ages(reference: ReferenceData) -> dict[str, str]:
    ages: dict[str, str] = {}
    if reference.influenza:
        ages |= {"influenza.min_age": reference.influenza.min_age,
                 "influenza.second_dose_interval": reference.influenza.second_dose_interval}
    if reference.rsv:
        ages |= {"rsv.before_age": reference.rsv.before_age,
                 "rsv.maternal_vaccine_before_delivery":
                 reference.rsv.maternal_vaccine_before_delivery}
    for d in reference.optional_doses:
        ages |= {f"optional_doses.{d.key}.min_age": d.min_age,
                 f"optional_doses.{d.key}.max_age": d.max_age}
    for e in reference.exposures:
        ages |= {f"exposures.{e.key}.from_age": e.from_age,
                 f"exposures.{e.key}.before_age": e.before_age}
    return ages


def _age_problems(ages: Mapping[str, str], where: str) -> list[Problem]:
    from groupwcc.core.ages import parse_age

    problems = []
    for field, text in ages.items():
        try:
            parse_age(text)
        except ReferenceDataError as error:
            problems.append(Problem(where, f"{field}: {error.message}"))
    return problems
