"""Test factories: synthetic, obviously invented data only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from groupwcc.models import Infant
from groupwcc.models.forecast import GroupForecast


def make_infant(**overrides: Any) -> Infant:
    n = overrides.pop("n", 1)
    data: dict[str, Any] = dict(
        infant_id=f"I-{n:04d}", family_id=f"F-{n:04d}", first_name=f"Baby{n}",
        last_name="Testa", date_of_birth=date(2026, 3, 1), caregiver_first_name=f"Parent{n}",
        caregiver_last_name="Testa", site="main")
    data.update(overrides)
    return Infant(**data)


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file, or rewrite it when ``update``."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        if not update:
            pytest.fail(f"golden file {path} did not exist; written now — review and commit it")
    assert actual == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended run pytest --update-golden")


def forecast(born: str, assessed: str, doses: str, group: str) -> GroupForecast:
    """The forecast for vaccine ``group`` of a child born ``born`` assessed on ``assessed``;
    ``doses`` is ``"YYYY-MM-DD:CVX;..."`` (empty for none)."""
    from groupwcc.core.forecast import forecast_record
    from groupwcc.models.forecast import DoseGiven, ImmunizationRecord
    from groupwcc.readers.vaccine_series import load_vaccine_series  # cached after the first

    given = tuple(DoseGiven(given=date.fromisoformat(d), cvx=c)
                  for d, c in (item.split(":") for item in doses.split(";") if item))
    record = ImmunizationRecord(case_id="T1", date_of_birth=date.fromisoformat(born),
                                assessment_date=date.fromisoformat(assessed), doses=given)
    return next(f for f in forecast_record(record, load_vaccine_series())
                if f.vaccine_group == group)
