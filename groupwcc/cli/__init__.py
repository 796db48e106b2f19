"""The command line: Typer only. Parse, call ``groupwcc.api``, print with rich, map errors.

Heavy libraries are imported inside commands so that ``groupwcc --help`` stays fast.
Sub-apps live one noun per module and are registered in ``_register``.
"""

from __future__ import annotations

import sys

import typer

from groupwcc import __version__

app = typer.Typer(
    name="groupwcc",
    help="Plan group well-child care: cohorts, sessions, agendas, calendars, sheets, reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"groupwcc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Plan group well-child care from an enrolment roster.

    Example: groupwcc plan examples/roster.csv --config examples/groupwcc.yaml --out out
    """


_registered = False


def get_app() -> typer.Typer:
    """The app with every command registered (tests use this with CliRunner)."""
    global _registered
    if not _registered:
        from groupwcc.cli import commands  # noqa: F401  (registers top-level commands)
        from groupwcc.cli.subapps import register

        register(app)
        _registered = True
    return app


def main() -> None:
    """Console entry point: run the app, turning user errors into exit code 1."""
    from groupwcc.cli.errors import run

    sys.exit(run(get_app()))
