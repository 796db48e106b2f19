"""Load the immunisation series rules (groupwcc/data/vaccine_series.yaml) and check them."""

from __future__ import annotations

from pathlib import Path

from groupwcc.errors import Problem, ReferenceDataError
from groupwcc.models.forecast import VaccineSeriesData
from groupwcc.readers.validation import checked_data_loader

FILE = "vaccine_series.yaml"


def load_vaccine_series(path: Path | None = None) -> VaccineSeriesData:
    """The packaged series rules (or ``path``), validated; errors name the file and line."""
    return _load(path)


def _check(data: VaccineSeriesData, name: str) -> list[Problem]:
    """Every vaccine names known antigens, every group known antigens, every age parses."""
    from groupwcc.core.ages import parse_age

    problems: list[Problem] = []
    known = set(data.antigens) | {rule.antigen for rule in data.seasonal}
    for cvx, vaccine in data.vaccines.items():
        problems += [Problem(name, f"vaccine {cvx}: unknown antigen {a!r}")
                     for a in vaccine.antigens if a not in known]
    for group in data.groups:
        problems += [Problem(name, f"group {group.name}: unknown antigen {a!r}")
                     for a in group.antigens if a not in known]
    for text in _ages(data.model_dump()):
        try:
            parse_age(text)
        except ReferenceDataError:
            problems.append(Problem(name, f"{text!r} is not an age (write 6w, 12m-4d, 7y+4w)"))
    return problems


_AGE_KEYS = {"abs_min_age", "min_age", "rec_age", "latest_rec_age", "max_age", "abs_min", "min",
             "rec", "latest_rec", "age", "first_dose_age", "previous_dose_age", "start_age",
             "max_start_age", "begin_age", "end_age", "forecast_max_age"}


def _ages(node: object) -> list[str]:
    if isinstance(node, dict):
        return [t for k, v in node.items()
                for t in ([v] if k in _AGE_KEYS and isinstance(v, str) else _ages(v))]
    if isinstance(node, list | tuple):
        return [t for item in node for t in _ages(item)]
    return []


_load = checked_data_loader(FILE, VaccineSeriesData, _check)
