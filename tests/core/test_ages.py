from datetime import date

import pytest

from groupwcc.core.ages import (
    add_age,
    add_months,
    age_parts,
    corrected_birth_date,
    correction_days,
    format_age,
    parse_age,
)
from groupwcc.errors import ReferenceDataError


def test_add_months_missing_day_moves_to_first_of_next_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 3, 1)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 5, 1)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 3, 1)
    assert add_months(date(2026, 1, 15), 1) == date(2026, 2, 15)


def test_add_age_applies_terms_left_to_right():
    # 12 months then minus 4 days (CDSi compound periods).
    assert add_age(date(2026, 3, 10), "12m-4d") == date(2027, 3, 6)
    assert add_age(date(2026, 1, 1), "6w") == date(2026, 2, 12)
    assert add_age(date(2026, 1, 31), "7m15d") == date(2026, 9, 15)
    assert add_age(date(2026, 1, 1), "1y") == date(2027, 1, 1)


@pytest.mark.parametrize("text", ["", "12", "m", "12x", "6w and", "--3d"])
def test_parse_age_rejects_non_expressions(text):
    with pytest.raises(ReferenceDataError):
        parse_age(text)


def test_age_parts_and_format():
    assert age_parts(date(2026, 1, 1), date(2026, 5, 4)) == (4, 3)
    assert age_parts(date(2026, 1, 31), date(2026, 2, 28)) == (0, 28)
    assert format_age(date(2026, 1, 1), date(2026, 1, 20)) == "2 w 5 d"
    assert format_age(date(2026, 1, 1), date(2026, 5, 4)) == "4 m 3 d"


def test_corrected_age_uses_completed_weeks():
    # Born at 33 weeks 2 days: 6 weeks 5 days (47 days) early against 40 weeks.
    assert correction_days(33, 2) == 47
    assert corrected_birth_date(date(2026, 1, 1), 33, 2) == date(2026, 2, 17)
    assert correction_days(None) == 0
    assert correction_days(41, 0) == 0
