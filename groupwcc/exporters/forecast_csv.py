"""The forecast result CSV: one row per record and vaccine group."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from groupwcc.models.forecast import GroupForecast

COLUMNS = ("case_id", "vaccine_group", "dose_evaluations", "status", "next_dose",
           "earliest_date", "recommended_date", "past_due_date")


def forecast_row(forecast: GroupForecast) -> tuple[str, ...]:
    """The CSV cells of one group forecast (empty where there is no value)."""
    return (forecast.case_id, forecast.vaccine_group,
            ";".join(e.text() if e else "" for e in forecast.evaluations),
            forecast.status, "" if forecast.next_dose is None else str(forecast.next_dose),
            _day(forecast.earliest_date), _day(forecast.recommended_date),
            _day(forecast.past_due_date))


def render_forecast_csv(forecasts: Iterable[GroupForecast]) -> bytes:
    """CSV bytes (UTF-8 with BOM, text cells neutralised against formula injection)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv(COLUMNS, (forecast_row(f) for f in forecasts))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""
