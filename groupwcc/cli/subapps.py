"""Registers the noun sub-apps. Each module exposes ``app`` (a ``typer.Typer``)."""

from __future__ import annotations

from importlib import import_module

import typer

# (module under groupwcc.cli, command name, help). A module that is not written yet is skipped.
SUBAPPS: tuple[tuple[str, str, str], ...] = (
    ("roster", "roster", "Check an enrolment roster."),
    ("cohorts", "cohorts", "Form cohorts, explain placements, move infants."),
    ("sessions", "sessions", "List, move and cancel group sessions."),
    ("curriculum", "curriculum", "Check and list curricula."),
    ("export", "export", "Write calendars, attendance sheets and facilitator guides."),
    ("attendance", "attendance", "Record who came."),
)


def register(app: typer.Typer) -> None:
    for module_name, name, help_text in SUBAPPS:
        try:
            module = import_module(f"groupwcc.cli.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"groupwcc.cli.{module_name}":
                raise
            continue
        app.add_typer(module.app, name=name, help=help_text)
