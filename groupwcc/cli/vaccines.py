"""``groupwcc vaccines``: evaluate and forecast immunization records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    TodayOpt,
    console,
    now_for,
    program,
    resolve_today,
)

HELP = """Record the vaccines given, evaluate records and forecast the next doses.

Example: groupwcc vaccines import registry.csv --config examples/groupwcc.yaml
"""


def import_(
    file: Annotated[Path, typer.Argument(
        help="Registry or EHR export (.csv or .xlsx): infant id, CVX code or vaccine name, "
             "date given.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record the doses of a state immunization registry or EHR export in each child's record.

    Columns (names matched without case or spaces): infant_id (or patient_id), cvx (or
    vaccine name), date_given (YYYY-MM-DD or MM/DD/YYYY). Infants must be in the roster.
    Importing the same file again changes nothing. If any row is wrong, every bad row is
    listed and nothing is recorded. The staff due lists and the pull list then follow each
    child's forecast; a clinician confirms before giving a dose.

    Example: groupwcc vaccines import registry.csv --config examples/groupwcc.yaml
    """
    from groupwcc.api.vaccines import import_history

    counts = import_history(program(config, db), file, today=resolve_today(today),
                            now=now_for(today))
    console().print(f"Recorded {file.name}: {counts.added} new dose(s), "
                    f"{counts.unchanged} already recorded.")


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
