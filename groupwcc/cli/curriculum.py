"""``groupwcc curriculum``: check and list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import console

HELP = """Check and list curricula.

Example: groupwcc curriculum list
"""


def check(file: Annotated[Path, typer.Argument(help="Curriculum YAML file.")]) -> None:
    """Validate a curriculum file; list every problem with its line.

    Example: groupwcc curriculum check my-curriculum.yaml
    """
    from groupwcc.readers.curriculum import load_curriculum

    curriculum = load_curriculum(file)
    console().print(f"{file}: {curriculum.name} {curriculum.version} ({curriculum.language}), "
                    f"{len(curriculum.visits)} visits, {len(curriculum.activities)} activities "
                    "— no problems found.")


def list_(folder: Annotated[Path | None, typer.Argument(
        help="Folder to list (default: the built-in curricula).")] = None) -> None:
    """List curricula with their language, version and visits.

    Example: groupwcc curriculum list
    """
    from rich.table import Table

    from groupwcc.readers.curriculum import list_curricula

    table = Table("file", "name", "language", "version", "visits")
    for path, curriculum in list_curricula(folder):
        table.add_row(path.name, curriculum.name, curriculum.language, curriculum.version,
                      " ".join(v.visit for v in curriculum.visits))
    console().print(table)
