"""``groupwcc curriculum``: check and list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import console

HELP = """Check and list curricula.

Example: groupwcc curriculum list
"""


def check(file: Annotated[Path, typer.Argument(help="Curriculum YAML file.")],
          babies: Annotated[int, typer.Option(
              min=1, help="Cohort size the exam rotation must fit.")] = 8,
          clinicians: Annotated[int, typer.Option(
              min=1, help="Clinicians examining babies at once.")] = 1) -> None:
    """Validate a curriculum file; list every problem with its line, then warn about exam
    rotations that cannot fit a cohort of --babies with --clinicians.

    Example: groupwcc curriculum check my-curriculum.yaml --babies 8 --clinicians 1
    """
    from groupwcc.core.rotation import curriculum_warnings
    from groupwcc.readers.curriculum import load_curriculum

    curriculum = load_curriculum(file)
    warnings = curriculum_warnings(curriculum, babies=babies, clinicians=clinicians)
    for warning in warnings:
        console().print(f"[yellow]warning:[/yellow] {file}: {warning}")
    console().print(f"{file}: {curriculum.name} {curriculum.version} ({curriculum.language}), "
                    f"{len(curriculum.visits)} visits, {len(curriculum.activities)} activities "
                    f"— no problems found{f', {len(warnings)} warning(s)' if warnings else ''}.")


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
