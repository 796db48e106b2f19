"""``groupwcc audit``: show the audit log."""

from __future__ import annotations

from typing import Annotated

import typer

from groupwcc.cli.common import ConfigOpt, DbOpt, console, program


def audit(
    config: ConfigOpt = None,
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(help="How many entries, newest first.")] = 50,
) -> None:
    """Show the audit log: who ran which writing command, when, with counts and outputs.

    Example: groupwcc audit --config examples/groupwcc.yaml --limit 10
    """
    from rich.table import Table

    from groupwcc.api.audit import list_audit

    table = Table("when", "user", "command", "counts", "outputs")
    for e in list_audit(program(config, db), limit=limit):
        counts = ", ".join(f"{k}={v}" for k, v in e.counts.items())
        table.add_row(e.at, e.os_user, e.command, counts, str(len(e.outputs)))
    console().print(table)
