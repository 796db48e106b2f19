"""Registers the noun sub-apps. Each module exposes ``app`` (a ``typer.Typer``)."""

from __future__ import annotations

from importlib import import_module

import typer

# (module under groupwcc.cli, command name, help). A module that is not written yet is skipped.
SUBAPPS: tuple[tuple[str, str, str], ...] = (
    ("roster", "roster", "Check an enrolment roster."),
    ("cohorts", "cohorts", ""),  # help comes from its callback's docstring
    ("sessions", "sessions", "List, move and cancel group sessions."),
    ("curriculum", "curriculum", "Check and list curricula."),
    ("export", "export", "Write calendars, attendance sheets and facilitator guides."),
    ("attendance", "attendance", "Record who came."),
)


# Modules that add top-level commands to ``groupwcc.cli.app`` when imported.
COMMAND_MODULES: tuple[str, ...] = ("loop", "capacity")


def register(app: typer.Typer) -> None:
    for module_name in COMMAND_MODULES:
        _optional_import(f"groupwcc.cli.{module_name}")
    for module_name, name, help_text in SUBAPPS:
        module = _optional_import(f"groupwcc.cli.{module_name}")
        if module is not None:
            if help_text:
                app.add_typer(module.app, name=name, help=help_text)
            else:
                app.add_typer(module.app, name=name)


def _optional_import(name: str):  # type: ignore[no-untyped-def]
    """Import a command module; one not written yet is skipped."""
    try:
        return import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None
