"""The one place where every command and command group is registered.

Command modules only define functions (and a group's ``HELP``); this module builds the groups
and registers every command, so importing a command module registers nothing. A missing module
is an ImportError here, never silently skipped. Heavy libraries are imported inside the
commands so that ``groupwcc --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

from groupwcc import __version__
from groupwcc.cli import (
    attendance,
    audit,
    calendar,
    capacity,
    cohorts,
    curriculum,
    db,
    export,
    followup,
    plan,
    referrals,
    report,
    roster,
    screenings,
    sessions,
    setup,
    vaccines,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"groupwcc {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Plan group well-child care from an enrolment roster.

    Example: groupwcc plan examples/roster.csv --config examples/groupwcc.yaml --out out
    """


def build_app() -> typer.Typer:
    """A new app with every command and group registered, in the order ``--help`` lists them."""
    app = typer.Typer(
        name="groupwcc",
        help="Plan group well-child care: cohorts, sessions, agendas, calendars, sheets, reports.",
        no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]})
    app.callback()(_root)
    app.command("init")(setup.init)
    app.command("plan")(plan.plan)
    app.command("agenda")(sessions.agenda)
    app.command("audit")(audit.audit)
    app.command("followup")(followup.followup)
    app.command("report")(report.report)
    app.command("capacity")(capacity.capacity)
    app.add_typer(_group(roster.HELP, check=roster.check), name="roster")
    cohorts_group = typer.Typer(invoke_without_command=True)
    cohorts_group.callback()(cohorts.cohorts)  # plain `groupwcc cohorts` places infants
    cohorts_group.command("explain")(cohorts.explain)
    cohorts_group.command("move")(cohorts.move)
    app.add_typer(cohorts_group, name="cohorts")
    app.add_typer(_group(sessions.HELP, list=sessions.list_, move=sessions.move,
                         cancel=sessions.cancel, restore=sessions.restore), name="sessions")
    app.add_typer(_group(curriculum.HELP, check=curriculum.check, list=curriculum.list_),
                  name="curriculum")
    app.add_typer(_group(export.HELP, calendar=export.calendar, sheets=export.sheets,
                         guides=export.guides), name="export")
    app.add_typer(_group(calendar.HELP, imported=calendar.imported), name="calendar")
    app.add_typer(_group(attendance.HELP, **{"import": attendance.import_},
                         mark=attendance.mark, visit=attendance.visit), name="attendance")
    app.add_typer(_group(vaccines.HELP, **{"import": vaccines.import_},
                         forecast=vaccines.forecast), name="vaccines")
    app.add_typer(_group(screenings.HELP, **{"import": screenings.import_},
                         actions=screenings.actions), name="screenings")
    app.add_typer(_group(referrals.HELP, add=referrals.add, update=referrals.update,
                         list=referrals.list_), name="referrals")
    app.add_typer(_group(db.HELP, upgrade=db.upgrade, current=db.current, copy=db.copy,
                         **{"grant-site": db.grant_site}),
                  name="db")
    return app


def _group(help_text: str, **commands: Callable[..., None]) -> typer.Typer:
    """A command group with ``commands`` (name → function), in the order given."""
    group = typer.Typer(no_args_is_help=True, help=help_text)
    for name, function in commands.items():
        group.command(name)(function)
    return group


_app: typer.Typer | None = None


def get_app() -> typer.Typer:
    """The registered app, built once (tests use it with CliRunner)."""
    global _app
    if _app is None:
        _app = build_app()
    return _app


def main() -> None:
    """Console entry point: run the app, turning user errors into exit code 1."""
    from groupwcc.cli.errors import run

    sys.exit(run(get_app()))
