"""``groupwcc init``: start a program folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import console


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the program in.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Start a program: write a commented groupwcc.yaml and an empty roster template.

    Example: groupwcc init my-program
    """
    from groupwcc.api.setup import init_program

    written = init_program(folder, force=force)
    for path in written:
        console().print(f"wrote {path}")
    console().print(f"Next: fill in {folder / 'roster.csv'}, then "
                    f"'groupwcc plan {folder / 'roster.csv'} --config {folder / 'groupwcc.yaml'}'")
