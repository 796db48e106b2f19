"""``groupwcc followup``: families to call after a missed session."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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


def followup(
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    out: OutOpt = Path("out"),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the list as PDF.")] = True,
) -> None:
    """List families to call: those who missed their most recent session (two in a row first).

    Shows what was missed, the group's next session and a make-up option (another group's
    session of the same visit, or dates for an individual visit). Writes a staff-only CSV and
    PDF into OUT/followup/.

    Example: groupwcc followup --today 2027-01-20 --config examples/groupwcc.yaml --out out
    """
    from rich.markup import escape
    from rich.table import Table

    from groupwcc.api.followup import write_follow_ups

    rows, written = write_follow_ups(program(config, db), out, today=resolve_today(today),
                                     now=now_for(today), pdf=pdf)
    if not rows:
        console().print("Nobody to call: no family missed its most recent session.")
    else:
        table = Table("family", "contact", "missed", "next session", "make-up option",
                      title="Follow-up calls (staff only)", show_lines=True)
        for row in rows:
            streak = int(row["missed_in_a_row"])
            missed = escape(row["missed"]) + (f"\n[bold]{streak} in a row[/]" if streak > 1
                                              else "")
            contact = " ".join(p for p in (row["phone"], f"({row['contact_preference']})"
                                           if row["contact_preference"] else "") if p)
            family = f"{row['caregiver']} / {row['infant']}\n{row['infant_id']}"
            table.add_row(escape(family), escape(contact) or "–", missed,
                          escape(row["next_session"]) or "–", escape(row["make_up"]))
        console(markup=True).print(table)  # every data cell is escaped above
    from groupwcc.api.screenings import list_actions
    from groupwcc.cli.screenings import print_actions

    actions = list_actions(program(config, db), today=resolve_today(today))
    if actions:  # positive screens and overdue referrals, for the role that acts
        print_actions(actions)
    console().print(f"Wrote {len(written)} files to {out / 'followup'}/ (staff only).")
