"""``groupwcc capacity``: how many groups the slots can host, when a site runs short, what to add."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groupwcc.cli.common import ConfigOpt, DbOpt, OutOpt, TodayOpt, console, program, resolve_today

if TYPE_CHECKING:
    from groupwcc.api.capacity import CapacityReport
    from groupwcc.core.capacity_slots import Suggestion
    from groupwcc.models import Slot

SHORT_LABELS = {"cohort": "cohorts", "forming": "forming", "expectant": "expect",
                "projected": "project"}


def capacity(
    roster: Annotated[Path | None, typer.Argument(
        help="Roster to forecast from (read, not imported; its expectant families count). "
             "Default: the infants in the database.", show_default=False)] = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    out: OutOpt = Path("out"),
    months: Annotated[int, typer.Option(help="How many months ahead.", min=1, max=24)] = 12,
    add_slot: Annotated[list[str] | None, typer.Option(
        "--add-slot", help='What if: a weekly slot "SITE WEEKDAY HH:MM ROOM" (repeatable); '
                           "nothing is changed.", show_default=False)] = None,
    suggest: Annotated[bool, typer.Option("--suggest/--no-suggest",
                                          help="Suggest slots to add where a site runs short.")
                       ] = True,
    png: Annotated[bool, typer.Option("--png/--no-png", help="Also draw capacity.png.")] = True,
) -> None:
    """Forecast group sessions needed per site and month against what the slots can host.

    Counts existing cohorts' remaining visits, forming groups, expectant families and new
    enrolments projected from the last six months; shows utilisation, the first month each site
    runs short and the weekly slots to add. Writes OUT/capacity.csv and OUT/capacity.png.
    Changes nothing.

    Example: groupwcc capacity examples/roster.csv --config examples/groupwcc.yaml --add-slot "main tuesday 13:00 Group Room B"
    """
    from groupwcc.api.capacity import capacity_forecast, write_capacity

    report = capacity_forecast(program(config, db, create=True), today=resolve_today(today), roster=roster,
                               add_slots=add_slot or (), months=months, suggest=suggest)
    print_capacity(report)
    written = write_capacity(out, report, png=png)
    console().print(f"Wrote {len(written)} files to {out}/ "
                    f"({', '.join(p.name for p in written)}).")


def print_capacity(report: CapacityReport) -> None:
    """One table per site, then the first short month, rates, suggestions and expecting.

    Columns: sessions needed by existing cohorts, forming groups, expectant families and
    projected enrolments; their total; slot days the site can host; use; short."""
    from rich import box
    from rich.table import Column, Table

    from groupwcc.core.capacity import KINDS
    from groupwcc.exporters.capacity import number

    out = console(markup=True)  # site ids are config codes (letters, digits, - and _)
    if report.added:
        out.print("What if: " + "; ".join(_slot_words(s) for s in report.added)
                  + " (not saved).")
    for site, first_short in report.first_short.items():
        table = Table(Column("month", no_wrap=True), *(SHORT_LABELS[k] for k in KINDS),
                      "needed", "host", "use", "short", title=f"{site}: group sessions per month",
                      box=box.SIMPLE, pad_edge=False)
        for row in (r for r in report.rows if r.site == site):
            use = ("–" if row.utilisation is None else ">999%" if row.utilisation > 9.99
                   else f"{100 * row.utilisation:.0f}%")
            table.add_row(f"{row.month:%Y-%m}", *(number(row.needed[k]) for k in KINDS),
                          number(row.total), str(row.available), use,
                          f"[bold]{number(row.short)}[/]" if row.short else "")
        out.print(table)
        when = (f"first runs short in {first_short:%B %Y}" if first_short
                else "has room in every month")
        out.print(f"{site} {when}; enrolments over the last 6 months: "
                  f"{report.rates.get(site, 0):.1f} a month (projected separately).")
    for suggestion in report.suggestions:
        _print_suggestion(suggestion)
    if report.expecting:
        out.print("Expecting: " + "; ".join(report.expecting) + ".")


def _print_suggestion(suggestion: Suggestion) -> None:
    out = console()
    if suggestion.served_before >= suggestion.target:
        out.print(f"{suggestion.site}: no slot to add: the scheduler already gives every visit "
                  "the windows allow a group session (the visit windows absorb the busy months).")
        return
    if not suggestion.added:
        out.print(f"{suggestion.site}: no new slot helps: {suggestion.served_before} of "
                  f"{suggestion.target} infant visits get a group session, and the cohorts short "
                  "of sessions already meet in a slot (cohorts keep their slot; new slots serve "
                  "new cohorts). Run capacity before plan forms new cohorts, or check rooms and "
                  "closures.")
        return
    out.print(f"{suggestion.site}: add {len(suggestion.added)} weekly slot(s): "
              + _grouped(suggestion.added) + ".")
    if suggestion.reached:
        verdict = "every visit the windows allow gets a group session"
    else:
        verdict = (f"{suggestion.served_after} of {suggestion.target} infant visits get a group "
                   "session: not enough even with these; add rooms (rooms: in groupwcc.yaml), "
                   "another start time, or another site")
    out.print(f"  Checked with the scheduler: {verdict} (now {suggestion.served_before} of "
              f"{suggestion.target}). Add them under slots: in groupwcc.yaml, with facilitators.")


def _grouped(slots: tuple[Slot, ...]) -> str:
    """``tuesday 10:00–12:00 (Room B, Room C)``: slots of one weekday and time together."""
    rooms: dict[str, list[str]] = {}
    for slot in slots:
        rooms.setdefault(f"{slot.weekday} {slot.start:%H:%M}–{slot.end:%H:%M}", []).append(
            slot.room or "virtual")
    return "; ".join(f"{when} ({', '.join(names)})" for when, names in rooms.items())


def _slot_words(slot: Slot) -> str:
    return (f"{slot.site} {slot.weekday} {slot.start:%H:%M}–{slot.end:%H:%M} "
            f"{slot.room or 'virtual'}")
