"""``groupwcc referrals``: open, update and list referrals (staff only)."""

from __future__ import annotations

from typing import Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    TodayOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)

HELP = """Referrals to early intervention, developmental-behavioral pediatrics, audiology,
lactation, recovery services, WIC, home visiting and family planning, with their status.

Example: groupwcc referrals add I012 early-intervention --config examples/groupwcc.yaml
"""


def add(
    infant_id: Annotated[str, typer.Argument(help="The infant's id in the roster.")],
    service: Annotated[str, typer.Argument(
        help="early-intervention, developmental-pediatrics, audiology, lactation, "
             "recovery-services, wic, home-visiting or family-planning.")],
    status: Annotated[str, typer.Option(help="suggested, made, scheduled, seen or declined.")
                      ] = "made",
    reason: Annotated[str, typer.Option(help="Why (no diagnoses beyond what staff need).")
                      ] = "",
    on: Annotated[str | None, typer.Option("--on", help="Date of the status (YYYY-MM-DD); "
                                                        "default today.")] = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Open a referral by hand.

    Example: groupwcc referrals add I012 early-intervention --config examples/groupwcc.yaml
    """
    from groupwcc.api.referrals import add as add_referral

    day = resolve_today(today)
    referral_id = add_referral(program(config, db), infant_id.strip(), service,
                               status=status, reason=reason, today=day, now=now_for(today),
                               day=parse_day(on, option="--on", default=day))
    console().print(f"Opened referral {referral_id} ({service}, {status}).")


def update(
    referral_id: Annotated[str, typer.Argument(help="The referral id (R-0001).")],
    status: Annotated[str, typer.Argument(help="made, scheduled, seen or declined.")],
    on: Annotated[str | None, typer.Option("--on", help="Date of the status, e.g. the "
                                                        "appointment day (YYYY-MM-DD).")
                  ] = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Change a referral's status (kept in its history).

    Example: groupwcc referrals update R-0001 scheduled --on 2026-12-10 --config examples/groupwcc.yaml
    """
    from groupwcc.api.referrals import update as update_referral

    day = parse_day(on, option="--on", default=resolve_today(today))
    old = update_referral(program(config, db), referral_id, status=status, day=day,
                          now=now_for(today))
    console().print(f"Referral {referral_id.upper()}: {old} → {status} ({day}).")


def list_(
    open_only: Annotated[bool, typer.Option("--open", help="Only suggested, made or "
                                                           "scheduled referrals.")] = False,
    config: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """List referrals with their status and dates (staff only).

    Example: groupwcc referrals list --open --config examples/groupwcc.yaml
    """
    from rich.table import Table

    from groupwcc.api.referrals import list_referrals

    found = list_referrals(program(config, db), open_only=open_only)
    if not found:
        console().print("No referrals.")
        return
    table = Table("id", "infant", "service", "status", "opened", "due by", "scheduled",
                  title="Referrals (staff only)")
    for r in found:
        table.add_row(r.referral_id, r.infant_id, r.service, r.status, str(r.opened_on),
                      str(r.due_by or "–"), str(r.scheduled_for or "–"))
    console().print(table)
