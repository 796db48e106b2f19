"""Use case ``vaccines``: evaluate and forecast standalone immunisation records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.core.forecast import forecast_record
from groupwcc.errors import UserError
from groupwcc.models.forecast import GroupForecast
from groupwcc.readers.dose_records import read_dose_records
from groupwcc.readers.vaccine_series import load_vaccine_series

if TYPE_CHECKING:
    from groupwcc.models import Infant
    from groupwcc.readers.child_record import RecordContext
    from groupwcc.store.child_record import RecordCounts


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

    from groupwcc.filesystem import PRIVATE_FILE, make_private_dir

    try:
        make_private_dir(out.parent)  # new folders 0700 (mkdir's mode misses the parents)
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


def import_history(program: Program, path: Path, *, today: date, now: datetime
                   ) -> RecordCounts:
    """Record the doses of a registry or EHR export (CSV/XLSX) in the child's record.

    One transaction: any bad row means nothing is recorded. Importing the same file again
    changes nothing. The audit log gets counts only.
    """
    from groupwcc.api.state import load_state
    from groupwcc.readers.child_record import read_vaccine_history
    from groupwcc.store.audit import record_audit
    from groupwcc.store.child_record import record_doses

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        doses = read_vaccine_history(path, record_context(state.infants.values(), today))
        counts = record_doses(conn, doses, now=now, source=path.name)
        record_audit(conn, "vaccines import", at=now,
                     counts={"rows": len(doses), **counts.as_dict()})
    return counts


def record_context(infants: Iterable[Infant], today: date) -> RecordContext:
    """What vaccine and screening rows are checked against."""
    from groupwcc.readers.child_record import RecordContext, vaccine_by_name
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.readers.vaccine_names import load_vaccine_names

    series = load_vaccine_series()
    known = {code: v.name for code, v in series.vaccines.items()}
    return RecordContext(born={i.infant_id: i.date_of_birth for i in infants}, today=today,
                         cvx=known, vaccine_names=vaccine_by_name(load_vaccine_names(), known),
                         measures={m.key: m for m in load_screening_cutoffs().measures})
