"""``groupwcc plan``: the whole job in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    OutOpt,
    TodayOpt,
    now_for,
    program,
    resolve_today,
)


def plan(
    roster: Annotated[Path, typer.Argument(help="Enrolment roster (.csv or .xlsx).")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    out: OutOpt = Path("out"),
    today: TodayOpt = None,
    weeks: Annotated[int, typer.Option(help="Sheets and guides for this many weeks ahead.",
                                       min=1, max=104)] = 4,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf",
                                      help="Also render sheets and guides as PDF.")] = True,
) -> None:
    """Run the whole job: import the roster, form cohorts, schedule, export everything.

    Writes cohorts.csv, sessions.csv, flags.csv, calendar/*.ics, sheets/ and guides/ into OUT.

    Example: groupwcc plan examples/roster.csv --config examples/groupwcc.yaml --out out --today 2026-11-23
    """
    from groupwcc.api.capacity import expecting_lines, slot_shortage
    from groupwcc.api.plan import plan_program
    from groupwcc.cli.summary import print_plan_summary, stage_progress

    prog = program(config, db, create=True)
    day = resolve_today(today)
    with stage_progress() as stage:
        result = plan_program(prog, roster, out_dir=out, today=day, now=now_for(today),
                              weeks=weeks, pdf=pdf, stage=stage)
    print_plan_summary(result, out, today=day, weeks=weeks, expecting=expecting_lines(prog, result.expectant),
                       short=slot_shortage(prog, result.schedule.flags, result.cohorts.cohorts,
                                           today=day))
