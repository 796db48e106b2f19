"""``groupwcc cohorts``: place infants, explain, move."""

from __future__ import annotations

from typing import Annotated

import typer

from groupwcc.cli.common import ConfigOpt, DbOpt, TodayOpt, console, now_for, program, resolve_today


def cohorts(
    ctx: typer.Context,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the result, save nothing.")] = False,
) -> None:
    """Place infants who are not yet in a cohort and show every cohort and who is waiting.

    Existing members never move. Run 'groupwcc cohorts explain INFANT' to see why.

    Example: groupwcc cohorts --config examples/groupwcc.yaml --today 2026-11-23 --dry-run
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from groupwcc.api.cohorts import run_cohorts

    plan, rows = run_cohorts(program(config, db), today=resolve_today(today),
                             now=now_for(today), dry_run=dry_run)
    table = Table("cohort", "slot", "size", "born from", "born to", "spread (days)",
                  title="Cohorts" + (" (dry run: nothing saved)" if dry_run else ""))
    for row in rows:
        table.add_row(row.cohort_id, row.slot_id, str(row.size), str(row.first_birth or "–"),
                      str(row.last_birth or "–"), str(row.spread_days))
    out = console()
    out.print(table)
    if plan.unplaced:
        waiting = Table("infant", "status", "start by", "reason", title="Not in a cohort")
        for item in plan.unplaced:
            waiting.add_row(item.infant_id, item.status, str(item.start_by or "–"), item.reason)
        out.print(waiting)


def explain(
    infant: Annotated[str, typer.Argument(help="Infant id from the roster.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """Say why an infant is in its cohort, or why it is not placed.

    Example: groupwcc cohorts explain I007 --config examples/groupwcc.yaml
    """
    from groupwcc.api.cohorts import explain_infant

    for line in explain_infant(program(config, db), infant):
        typer.echo(line)


def move(
    infant: Annotated[str, typer.Argument(help="Infant id (its twins/siblings move too).")],
    cohort: Annotated[str, typer.Argument(help="Target cohort id.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Move even if a rule breaks.")] = False,
) -> None:
    """Move an infant (and its family) into another cohort by hand; recorded in the audit log.

    Refuses moves that break a hard rule (site, language, size, spread, keep-apart) unless --force.

    Example: groupwcc cohorts move I007 MAIN-2026-05-A --config examples/groupwcc.yaml
    """
    from groupwcc.api.cohorts import move_infant

    broken = move_infant(program(config, db), infant, cohort.upper(), force=force,
                         today=resolve_today(today), now=now_for(today))
    for rule in broken:
        console(stderr=True).print(f"warning (forced): {rule}")
    console().print(f"Moved {infant} to {cohort.upper()}.")
