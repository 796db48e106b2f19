"""Test factories: synthetic, obviously invented data only."""

from __future__ import annotations

from datetime import date
from typing import Any

from groupwcc.models import Infant


def make_infant(**overrides: Any) -> Infant:
    n = overrides.pop("n", 1)
    data: dict[str, Any] = dict(
        infant_id=f"I-{n:04d}", family_id=f"F-{n:04d}", first_name=f"Baby{n}",
        last_name="Testa", date_of_birth=date(2026, 3, 1), caregiver_first_name=f"Parent{n}",
        caregiver_last_name="Testa", site="main")
    data.update(overrides)
    return Infant(**data)
