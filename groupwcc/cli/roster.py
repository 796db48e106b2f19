"""``groupwcc roster check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import ConfigOpt, TodayOpt, console, program, resolve_today

HELP = """Check an enrolment roster.

Example: groupwcc roster check examples/roster.csv --config examples/groupwcc.yaml
"""


def check(
    roster: Annotated[Path, typer.Argument(help="Roster file (.csv or .xlsx).")],
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Validate a roster without changing anything; list every bad row.

    Example: groupwcc roster check examples/roster.csv --config examples/groupwcc.yaml
    """
    from groupwcc.api.roster import read_program_roster

    infants = read_program_roster(program(config, None), roster, today=resolve_today(today))
    families = len({i.family_id for i in infants})
    active = sum(1 for i in infants if i.status == "active")
    console().print(f"{roster}: {len(infants)} infants in {families} families "
                    f"({active} active) — no problems found.")
