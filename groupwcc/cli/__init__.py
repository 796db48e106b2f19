"""The command line: Typer only. Parse, call ``groupwcc.api``, print with rich, map errors.

Every command is registered in one place, ``groupwcc.cli.app``; command modules define
functions (and, for command groups, a ``typer.Typer``) and never register themselves.
"""

from __future__ import annotations

from groupwcc.cli.app import get_app, main

__all__ = ["get_app", "main"]
