"""Hand-checked rules of the immunisation evaluation and forecast, independent of CDC's file.

Dates are worked out by hand in the comments (4 weeks = 28 days; months are calendar months).
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import forecast

from groupwcc.models.forecast import GroupForecast


def texts(result: GroupForecast) -> list[str]:
    return [e.text() if e else "" for e in result.evaluations]


class TestGracePeriod:
    def test_hepb_dose_2_four_days_early_still_counts(self) -> None:
        # born 1 Jan; dose 1 at birth; 4 weeks - 4 days = 24 days later is 25 Jan
        result = forecast("2025-01-01", "2025-01-25", "2025-01-01:08;2025-01-25:08", "HepB")
        assert texts(result) == ["valid", "valid"]

    def test_hepb_dose_2_five_days_early_does_not_count(self) -> None:
        result = forecast("2025-01-01", "2025-01-24", "2025-01-01:08;2025-01-24:08", "HepB")
        assert texts(result) == ["valid", "not valid (Age: Too Young)"]
        # the repeat is forecast with the full 4 weeks after the dose that did not count:
        # 24 Jan + 28 days = 21 Feb; never with the grace period
        assert (result.next_dose, result.earliest_date) == (2, date(2025, 2, 21))

    def test_forecast_uses_minimum_age_not_grace(self) -> None:
        # DTaP dose 1: minimum age 6 weeks = 1 Jan + 42 days = 12 Feb (not 8 Feb)
        result = forecast("2025-01-01", "2025-01-02", "", "DTaP")
        assert result.earliest_date == date(2025, 2, 12)
        assert result.recommended_date == date(2025, 3, 1)  # 2 months
        assert result.past_due_date == date(2025, 4, 28)  # 3 months + 4 weeks - 1 day


class TestLiveVaccineSpacing:
    def test_varicella_27_days_after_mmr_does_not_count(self) -> None:
        result = forecast("2024-01-01", "2025-02-28",
                          "2025-01-01:03;2025-01-28:21", "VAR")
        assert texts(result) == ["valid", "not valid (Live Virus Conflict)"]
        # repeat: 28 days after the last live dose (28 Jan) = 25 Feb
        assert result.earliest_date == date(2025, 2, 25)

    def test_varicella_28_days_after_mmr_counts(self) -> None:
        result = forecast("2024-01-01", "2025-02-28", "2025-01-01:03;2025-01-29:21", "VAR")
        assert texts(result) == ["valid", "valid"]

    def test_same_day_live_vaccines_count(self) -> None:
        result = forecast("2024-01-01", "2025-01-01", "2025-01-01:03;2025-01-01:21", "MMR")
        assert texts(result) == ["valid", "valid"]

    def test_mmr_waits_28_days_after_varicella_when_forecast(self) -> None:
        # MMR dose 1 is due at 12 months (1 Jan 2025) but VAR was given 20 Jan: 17 Feb
        result = forecast("2024-01-01", "2025-01-25", "2025-01-20:21", "MMR")
        assert result.earliest_date == date(2025, 2, 17)


class TestRotavirusMaximumAges:
    def test_not_started_at_15_weeks(self) -> None:
        # born 1 Jan; 15 weeks = 16 Apr
        assert forecast("2025-01-01", "2025-04-16", "", "RV").status == "aged out"
        assert forecast("2025-01-01", "2025-04-15", "", "RV").status == "not complete"

    def test_dose_given_at_8_months_does_not_count(self) -> None:
        # 8 months + 1 day = 2 Sep; a dose on 2 Sep is too old, one on 1 Sep counts
        late = forecast("2025-01-01", "2025-09-02",
                        "2025-02-15:116;2025-04-01:116;2025-09-02:116", "RV")
        assert texts(late)[-1] == "not valid (Age: Too Old)"
        on_time = forecast("2025-01-01", "2025-09-02",
                           "2025-02-15:116;2025-04-01:116;2025-09-01:116", "RV")
        assert on_time.status == "complete"

    def test_two_rotarix_doses_complete(self) -> None:
        result = forecast("2025-01-01", "2025-05-01", "2025-02-15:119;2025-04-01:119", "RV")
        assert result.status == "complete"


class TestSeries:
    def test_combination_vaccine_counts_for_each_group(self) -> None:
        doses = "2025-03-01:110"  # DTaP-HepB-IPV at 2 months
        for group in ("DTaP", "Polio", "HepB"):
            assert texts(forecast("2025-01-01", "2025-03-02", doses, group)) == ["valid"]

    def test_dose_after_a_complete_series_is_extraneous(self) -> None:
        doses = "2025-01-01:85;2025-07-01:85;2025-08-01:85"
        result = forecast("2024-01-01", "2025-09-01", doses, "HepA")
        assert texts(result) == ["valid", "valid", "extraneous (Series Already Complete)"]
        assert result.status == "complete" and result.next_dose is None

    @pytest.mark.parametrize("group", ["HepB", "DTaP", "Polio", "Hib", "PCV", "RV", "MMR",
                                       "VAR", "HepA"])
    def test_every_group_is_forecast(self, group: str) -> None:
        assert forecast("2025-01-01", "2025-01-02", "", group).status == "not complete"
