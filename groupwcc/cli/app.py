"""The one place where every command and command group is registered.

Command modules only define functions (and a group's ``HELP``); this module lists every
command and group by name, module and function, so importing a command module registers
nothing. A command is built (its module imported, its parameters read by Typer) only when it
is run or its help is asked for, so ``groupwcc --help`` imports no command module. Each
entry's summary, shown by ``groupwcc --help``, is the first paragraph of its help; a test
checks every one against the command it stands for. A mistyped module or function is an
error in that test, never silently skipped.
"""

from __future__ import annotations

import inspect
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

import typer

from groupwcc import __version__
from groupwcc.cli.lazy import Entry, Group, LazyCommands, keep_examples, summarize
from groupwcc.cli.summaries import SUMMARIES

if TYPE_CHECKING:
    from types import ModuleType

    from typer._click import Command

# Commands, then groups, in the order ``groupwcc --help`` lists them:
# name → (module in groupwcc.cli, function), or (module, {command: function}) for a group.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup", "init"),
    "plan": ("plan", "plan"),
    "agenda": ("sessions", "agenda"),
    "audit": ("audit", "audit"),
    "followup": ("followup", "followup"),
    "report": ("report", "report"),
    "capacity": ("capacity", "capacity"),
}
GROUPS: dict[str, tuple[str, dict[str, str]]] = {
    "roster": ("roster", {"check": "check"}),
    "cohorts": ("cohorts", {"explain": "explain", "move": "move"}),
    "sessions": ("sessions", {"list": "list_", "move": "move", "cancel": "cancel",
                              "restore": "restore"}),
    "curriculum": ("curriculum", {"check": "check", "list": "list_"}),
    "export": ("export", {"calendar": "calendar", "sheets": "sheets", "guides": "guides"}),
    "calendar": ("calendar", {"imported": "imported"}),
    "attendance": ("attendance", {"import": "import_", "mark": "mark", "visit": "visit"}),
    "vaccines": ("vaccines", {"import": "import_", "forecast": "forecast"}),
    "screenings": ("screenings", {"import": "import_", "actions": "actions"}),
    "referrals": ("referrals", {"add": "add", "update": "update", "list": "list_"}),
    "db": ("db", {"upgrade": "upgrade", "current": "current", "copy": "copy",
                  "grant-site": "grant_site"}),
}
# A group whose plain name runs a function (`groupwcc cohorts` places infants): group → function.
GROUP_CALLBACKS: dict[str, str] = {"cohorts": "cohorts"}


ROOT_HELP = """Plan group well-child care: cohorts, sessions, agendas, calendars, sheets, reports.

Example: groupwcc plan examples/roster.csv --config examples/groupwcc.yaml --out out"""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"groupwcc {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """The top-level options (the help text is ``ROOT_HELP``)."""


class _Root(Group):
    """The ``groupwcc`` group: every command and group, each built on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(entries())


def build_app() -> typer.Typer:
    """A new app with every command and group registered, in the order ``--help`` lists them."""
    app = _typer(
        name="groupwcc", cls=_Root, no_args_is_help=True,
        help=keep_examples(ROOT_HELP),
        context_settings={"help_option_names": ["-h", "--help"]})
    app.callback()(_root)
    return app


def entries() -> dict[str, Entry]:
    """Every command and group of ``groupwcc``, by name, built on first use."""
    found = {name: Entry(_command_builder(name, *where), SUMMARIES.get(name, ""))
             for name, where in COMMANDS.items()}
    found |= {name: Entry(_group_builder(name, *where), SUMMARIES.get(name, ""))
              for name, where in GROUPS.items()}
    return found


def _command_builder(name: str, module: str, function: str) -> Any:
    def build() -> Command:
        app = _typer()
        app.command(name)(getattr(_module(module), function))
        command = typer.main.get_command(app)
        command.help = keep_examples(command.help)
        for param in command.params:  # plain help shows "{infant}" for an argument otherwise
            if param.param_type_name == "argument" and param.metavar is None and param.name:
                param.metavar = param.name.upper()
        return command
    return build


def _group_builder(name: str, module: str, commands: dict[str, str]) -> Any:
    def build() -> Command:
        source = _module(module)
        callback = GROUP_CALLBACKS.get(name)
        if callback:  # the group's help is its function's docstring
            group = _typer(name=name, cls=Group, invoke_without_command=True)
            group.callback()(getattr(source, callback))
        else:
            group = _typer(name=name, cls=Group, no_args_is_help=True, help=source.HELP)
        built = typer.main.get_group(group)
        built.help = keep_examples(built.help)
        # Its commands, too, are built on first use: `groupwcc sessions --help` builds none.
        built.commands = LazyCommands({
            command: Entry(_command_builder(command, module, function),
                           summarize(inspect.getdoc(getattr(source, function)) or ""))
            for command, function in commands.items()})
        return built
    return build


def _typer(**settings: Any) -> typer.Typer:
    """A Typer with the settings every part of the CLI shares: plain help (no rich, whose
    import alone took longer than the rest of ``--help``), no completion commands, and no
    pretty tracebacks (``groupwcc.cli.errors`` decides what a failure prints)."""
    return typer.Typer(rich_markup_mode=None, add_completion=False,
                       pretty_exceptions_enable=False, **settings)


def _module(name: str) -> ModuleType:
    return import_module(f"groupwcc.cli.{name}")


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
