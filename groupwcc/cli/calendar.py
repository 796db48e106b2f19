"""``groupwcc calendar``: confirm that the exported calendars were imported."""

from __future__ import annotations

from groupwcc.cli.common import ConfigOpt, DbOpt, TodayOpt, console, now_for, program

HELP = """Tell groupwcc which calendars you have imported into Outlook.

Example: groupwcc calendar imported --config examples/groupwcc.yaml
"""


def imported(config: ConfigOpt = None, db: DbOpt = None, today: TodayOpt = None) -> None:
    """Confirm that you imported the calendars of the latest export (or made its changes).

    From then on CHANGES.md lists only what changes after that export. Until you confirm,
    every export keeps listing every change since your last confirmation, so nothing is lost.

    Example: groupwcc calendar imported --config examples/groupwcc.yaml
    """
    from groupwcc.api.export import confirm_calendar_import

    exported = confirm_calendar_import(program(config, db), now=now_for(today))
    when = f"{exported:%Y-%m-%d %H:%M}" if exported else "the latest export"
    console().print(f"Recorded: the calendars exported {when} are in Outlook. The next "
                    "CHANGES.md lists only what changes after that.")
