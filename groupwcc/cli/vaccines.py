"""``groupwcc vaccines``: evaluate and forecast immunisation records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import console

HELP = """Evaluate immunisation records and forecast the next doses.

Example: groupwcc vaccines forecast records.csv --out forecast.csv
"""


def forecast(
    file: Annotated[Path, typer.Argument(
        help="Records CSV: case_id, date_of_birth, assessment_date, doses "
             "(YYYY-MM-DD:CVX;YYYY-MM-DD:CVX;…).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Result CSV to write (owner-only).")],
) -> None:
    """Evaluate every dose and forecast the next dose of each vaccine group, per record.

    Writes one row per record and vaccine group: each dose's evaluation (valid, not valid or
    extraneous, with the reason), the status, the next dose number and its earliest,
    recommended and past-due dates. Needs no program configuration. Rules follow CDC's CDSi
    logic (groupwcc/data/vaccine_series.yaml); a clinician confirms before acting.

    Example: groupwcc vaccines forecast records.csv --out forecast.csv
    """
    from groupwcc.api.vaccines import write_forecast

    run = write_forecast(file, out)
    console().print(f"{out}: {len(run.forecasts)} rows for {run.records} record(s) "
                    f"(rules {run.rules_version}).")
