"""Load the screening cut-offs (groupwcc/data/screening_cutoffs.yaml) and check them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from groupwcc.errors import Problem, ReferenceDataError
from groupwcc.models.screening import SERVICES, ScreeningCutOffs

FILE = "screening_cutoffs.yaml"


def load_screening_cutoffs(path: Path | None = None) -> ScreeningCutOffs:
    """The packaged cut-offs (or ``path``), validated; errors name the file and line."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> ScreeningCutOffs:
    from groupwcc.readers.validation import load_data_file
    from groupwcc.resources import data_path

    file = Path(path) if path else data_path(FILE)
    data = load_data_file(file, ScreeningCutOffs)
    _check(data, file.name)
    return data


def _check(data: ScreeningCutOffs, name: str) -> None:
    measures = {m.key for m in data.measures}
    problems = [Problem(name, f"cut-off {c.name!r} names unknown measure {c.measure!r}")
                for c in data.cutoffs if c.measure not in measures]
    problems += [Problem(name, f"cut-off {c.name!r} refers to unknown service {c.referral!r}")
                 for c in data.cutoffs if c.referral and c.referral not in SERVICES]
    problems += [Problem(name, f"service {s!r} has no role in service_roles")
                 for s in SERVICES if s not in data.service_roles]
    if problems:
        raise ReferenceDataError(f"{name} has problems", problems=problems,
                                 hint="fix the file or reinstall groupwcc")
