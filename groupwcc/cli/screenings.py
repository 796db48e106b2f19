"""``groupwcc screenings``: record screening results; list what each role must act on."""

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

HELP = """Record screening results (EPDS, ASQ-3, M-CHAT-R/F, social needs, hearing, lead,
hemoglobin); a positive result opens a follow-up item and, where it calls for one, a suggested
referral.

Example: groupwcc screenings import screenings.csv --config examples/groupwcc.yaml
"""


def import_(
    file: Annotated[Path, typer.Argument(
        help="Screenings file (.csv or .xlsx): infant_id, date, measure, value.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record screening results, one per row.

    Measures: epds.total, epds.item10, asq3.<domain> (above, monitoring, below),
    mchat.score, mchat.followup (positive, negative), social_needs.positives, hearing.result
    (pass, refer), lead.level, hemoglobin.level. Cut-offs and who acts are in
    groupwcc/data/screening_cutoffs.yaml. If any row is wrong, every bad row is listed and
    nothing is recorded. Results are staff-only and never printed here.

    Example: groupwcc screenings import screenings.csv --config examples/groupwcc.yaml
    """
    from groupwcc.api.screenings import import_screenings

    counts = import_screenings(program(config, db), file, today=resolve_today(today),
                               now=now_for(today))
    console().print(f"Recorded {file.name}: {counts['added']} new or changed, "
                    f"{counts['unchanged']} unchanged; {counts['referrals_suggested']} "
                    "referral(s) suggested. See 'groupwcc screenings actions'.")


def actions(
    done: Annotated[str | None, typer.Option(
        "--done", metavar="ITEM",
        help="Close this positive screen's item (its number from the item column, e.g. S12): "
             "only items that call for no referral (EPDS item 10, social needs).")] = None,
    note: Annotated[str | None, typer.Option(
        help="With --done: what was done (kept in the database, staff-only).")] = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """List open follow-up items by role: positive screens and overdue referrals (staff only);
    or close one with --done ITEM --note TEXT.

    A positive screen's item otherwise stays open until a later screen of the same measure is
    negative or, when it calls for one, its referral is made. Closing records who and when.

    Example: groupwcc screenings actions --done S12 --note "safety plan made, crisis line given"
    """
    from groupwcc.api.screenings import close_item, list_actions

    if done is None:
        if note is not None:
            raise typer.BadParameter("--note goes with --done ITEM", param_hint="--note")
        print_actions(list_actions(program(config, db), today=resolve_today(today)))
        return
    if note is None:
        raise typer.BadParameter("say what was done: --note TEXT", param_hint="--note")
    close_item(program(config, db), done, note=note, today=resolve_today(today),
               now=now_for(today))
    console().print(f"Closed follow-up item {done.strip().upper()}.")


def print_actions(rows: list[dict[str, str]]) -> None:
    """The follow-up items as a table (also printed by ``groupwcc followup``)."""
    from rich.markup import escape
    from rich.table import Table

    if not rows:
        console().print("No open follow-up items from screenings or referrals.")
        return
    table = Table("item", "role", "due", "family", "what",
                  title="Follow-up items (staff only)", show_lines=True)
    for row in rows:
        due = escape(row["due"]) + ("\n[bold]overdue[/]" if row["overdue"] else "")
        family = f"{row['caregiver']} / {row['infant']}\n{row['infant_id']}"
        table.add_row(escape(row["item"]), escape(row["role"]), due, escape(family),
                      escape(row["what"]))
    console(markup=True).print(table)  # every data cell is escaped above
