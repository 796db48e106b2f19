"""Use case ``vaccines``: evaluate and forecast standalone immunisation records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from groupwcc.core.forecast import forecast_record
from groupwcc.models.forecast import GroupForecast
from groupwcc.readers.dose_records import read_dose_records
from groupwcc.readers.vaccine_series import load_vaccine_series


@dataclass(frozen=True)
class ForecastRun:
    """What ``forecast_file`` did: the forecasts, how many records, which rules version."""

    forecasts: list[GroupForecast]
    records: int
    rules_version: str


def forecast_file(path: Path) -> ForecastRun:
    """Read a records CSV and forecast every vaccine group for every record."""
    data = load_vaccine_series()
    records = read_dose_records(path, data.vaccines)
    forecasts = [f for record in records for f in forecast_record(record, data)]
    return ForecastRun(forecasts, len(records), data.version)


def write_forecast(path: Path, out: Path) -> ForecastRun:
    """Forecast ``path`` and write the result CSV to ``out`` (owner-only, written atomically)."""
    from groupwcc.api.files import PRIVATE_FILE, write_atomic
    from groupwcc.exporters.forecast_csv import render_forecast_csv

    run = forecast_file(path)
    write_atomic(out, render_forecast_csv(run.forecasts), mode=PRIVATE_FILE)
    return run
