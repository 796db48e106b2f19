"""Hand-checked seasonal rules: influenza, COVID-19 and RSV (independent of CDC's file)."""

from __future__ import annotations

from datetime import date

from factories import forecast

from groupwcc.core.forecast_seasonal import season_start


def test_season_starts_on_the_latest_start_date() -> None:
    assert season_start(date(2026, 3, 1), "07-01") == date(2025, 7, 1)
    assert season_start(date(2025, 7, 1), "07-01") == date(2025, 7, 1)


def test_first_influenza_season_under_9_needs_two_doses_4_weeks_apart() -> None:
    # one dose on 1 Oct 2025 at 1 year: dose 2 from 29 Oct (28 days), numbered 2
    result = forecast("2024-10-01", "2025-10-02", "2025-10-01:88", "Influenza")
    assert (result.status, result.next_dose, result.earliest_date) == (
        "not complete", 2, date(2025, 10, 29))


def test_two_earlier_influenza_doses_make_one_enough() -> None:
    doses = "2024-10-01:88;2024-11-01:88;2025-10-01:88"
    assert forecast("2023-10-01", "2025-10-02", doses, "Influenza").status == "complete"


def test_influenza_not_before_6_months_even_in_season() -> None:
    result = forecast("2025-08-01", "2025-09-01", "", "Influenza")
    assert result.earliest_date == date(2026, 2, 1)


def test_covid_65_and_older_second_dose_2_to_6_months_later() -> None:
    result = forecast("1955-01-01", "2025-09-10", "2025-09-01:309", "COVID-19")
    # 1 Sep + 8 weeks = 27 Oct; recommended 6 months later = 1 Mar 2026; no past-due date
    assert (result.next_dose, result.earliest_date, result.recommended_date,
            result.past_due_date) == (2, date(2025, 10, 27), date(2026, 3, 1), None)


def test_covid_dose_before_the_season_does_not_count_this_season() -> None:
    result = forecast("1990-01-01", "2025-09-10", "2025-05-01:309", "COVID-19")
    # one 2025-2026 dose, from the season start (27 Aug), 8 weeks after 1 May is earlier
    assert (result.status, result.next_dose, result.earliest_date) == (
        "not complete", 1, date(2025, 8, 27))


def test_rsv_antibody_waits_for_the_season_for_a_summer_baby() -> None:
    result = forecast("2025-07-15", "2025-07-20", "", "RSV")
    assert result.earliest_date == date(2025, 10, 1)
    assert forecast("2025-11-20", "2025-11-21", "", "RSV").earliest_date == date(2025, 11, 20)


def test_rsv_antibody_dose_completes() -> None:
    assert forecast("2025-11-20", "2025-11-21", "2025-11-20:306", "RSV").status == "complete"
