"""Top-level commands: init, plan, agenda, audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli import app
from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    OutOpt,
    TodayOpt,
    console,
    now_for,
    program,
    resolve_today,
)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the program in.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Start a program: write a commented groupwcc.yaml and an empty roster template.

    Example: groupwcc init my-program
    """
    from groupwcc.api.setup import init_program

    written = init_program(folder, force=force)
    for path in written:
        console().print(f"wrote {path}")
    console().print(f"Next: fill in {folder / 'roster.csv'}, then "
                    f"'groupwcc plan {folder / 'roster.csv'} --config {folder / 'groupwcc.yaml'}'")


@app.command()
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

    prog = program(config, db)
    day = resolve_today(today)
    with stage_progress() as stage:
        result = plan_program(prog, roster, out_dir=out, today=day, now=now_for(today),
                              weeks=weeks, pdf=pdf, stage=stage)
    print_plan_summary(result, out, today=day, expecting=expecting_lines(prog, roster, today=day),
                       short=slot_shortage(prog, result.schedule.flags, result.cohorts.cohorts,
                                           today=day))


@app.command()
def agenda(
    session: Annotated[str, typer.Argument(help="Session id, e.g. MAIN-2026-03-A-M4.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    staff: Annotated[bool, typer.Option("--staff/--no-staff",
                                        help="Include the staff-only due lists.")] = True,
) -> None:
    """Show one session's agenda: timeline, activities, and (staff only) what is due per infant.

    Example: groupwcc agenda MAIN-2026-03-A-M4 --config examples/groupwcc.yaml
    """
    from groupwcc.api.sessions import session_agenda_text

    typer.echo(session_agenda_text(program(config, db), session.upper(), staff=staff))


@app.command()
def audit(
    config: ConfigOpt = None,
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="How many entries, newest first.")] = 50,
) -> None:
    """Show the audit log: who ran which writing command, when, with counts and outputs.

    Example: groupwcc audit --config examples/groupwcc.yaml --limit 10
    """
    from rich.table import Table

    from groupwcc.store.audit import load_audit

    prog = program(config, db)
    with prog.store.transaction() as conn:
        entries = load_audit(conn, limit=limit)
    table = Table("when", "user", "command", "counts", "outputs")
    for e in entries:
        counts = ", ".join(f"{k}={v}" for k, v in e.counts.items())
        table.add_row(e.at, e.os_user, e.command, counts, str(len(e.outputs)))
    console().print(table)
