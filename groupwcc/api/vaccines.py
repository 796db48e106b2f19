"""Use case ``vaccines``: evaluate and forecast standalone immunisation records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from groupwcc.core.forecast import forecast_record
from groupwcc.errors import UserError
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
    from groupwcc.exporters.forecast_csv import render_forecast_csv

    run = forecast_file(path)
    _write_private(out, render_forecast_csv(run.forecasts))
    return run


def _write_private(out: Path, data: bytes) -> None:
    # Not api.outputs.write_atomic: that makes the parent folder owner-only, and the parent of a
    # single result file is often the person's working folder.
    import os
    import tempfile

    from groupwcc.api.outputs import PRIVATE_DIR, PRIVATE_FILE

    try:
        out.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(f"cannot write {out}: {error.strerror}",
                        hint="choose a file in a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(PRIVATE_FILE)
        os.replace(tmp, out)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"cannot write {out}: {error.strerror}",
                        hint="--out must be a file name, not a folder") from None
