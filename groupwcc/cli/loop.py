"""Top-level commands that close the loop after sessions: ``followup`` and ``report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli import app
from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    FromOpt,
    OutOpt,
    TodayOpt,
    ToOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)


@app.command()
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
                          row["next_session"] or "–", escape(row["make_up"]))
        console().print(table)
    console().print(f"Wrote {len(written)} files to {out / 'followup'}/ (staff only).")


@app.command()
def report(
    config: ConfigOpt = None,
    db: DbOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    today: TodayOpt = None,
    out: OutOpt = Path("out"),
) -> None:
    """Write the attendance report: attendance, retention, on-time visits and HEDIS W30.

    The period defaults to the calendar year of today. Writes OUT/report/report.html with its
    figures (PNG) in OUT/report/figures/, and the same report as OUT/report/report.pdf.

    Example: groupwcc report --from 2027-01-01 --to 2027-12-31 --config examples/groupwcc.yaml --out out
    """
    from groupwcc.api.report import default_period, write_report
    from groupwcc.exporters.report import percent

    day = resolve_today(today)
    start, end = default_period(day)
    data, written = write_report(
        program(config, db), out, first=parse_day(first, option="--from", default=start),
        last=parse_day(last, option="--to", default=end), today=day, now=now_for(today))
    rates = data.w30_rates
    console().print(
        f"Attendance {percent(data.overall.rate if data.overall else None)} · "
        f"W30 rate 1 {percent(rates.rate1)} ({rates.rate1_numerator}/{rates.rate1_denominator})"
        f" · rate 2 {percent(rates.rate2)} ({rates.rate2_numerator}/{rates.rate2_denominator})")
    console().print(f"Wrote {len(written)} files to {out / 'report'}/ — open report.html.")
