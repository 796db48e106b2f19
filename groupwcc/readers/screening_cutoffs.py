"""Load the screening cut-offs (groupwcc/data/screening_cutoffs.yaml) and check them."""

from __future__ import annotations

from pathlib import Path

from groupwcc.errors import Problem
from groupwcc.models.screening import SERVICES, ScreeningCutOffs
from groupwcc.readers.validation import checked_data_loader

FILE = "screening_cutoffs.yaml"


def load_screening_cutoffs(path: Path | None = None) -> ScreeningCutOffs:
    """The packaged cut-offs (or ``path``), validated; errors name the file and line."""
    return _load(path)


def _check(data: ScreeningCutOffs, name: str) -> list[Problem]:
    measures = {m.key for m in data.measures}
    problems = [Problem(name, f"cut-off {c.name!r} names unknown measure {c.measure!r}")
                for c in data.cutoffs if c.measure not in measures]
    problems += [Problem(name, f"cut-off {c.name!r} refers to unknown service {c.referral!r}")
                 for c in data.cutoffs if c.referral and c.referral not in SERVICES]
    problems += [Problem(name, f"service {s!r} has no role in service_roles")
                 for s in SERVICES if s not in data.service_roles]
    return problems


_load = checked_data_loader(FILE, ScreeningCutOffs, _check,
                            hint="fix the file or reinstall groupwcc")
