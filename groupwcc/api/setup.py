"""``groupwcc init``: a starter configuration and an empty roster template."""

from __future__ import annotations

from pathlib import Path

from groupwcc.errors import UserError


def init_program(folder: Path, *, force: bool = False) -> list[Path]:
    """Write ``groupwcc.yaml`` and ``roster.csv`` into ``folder``; refuse to overwrite."""
    from groupwcc.api.outputs import write_atomic
    from groupwcc.config import STARTER_CONFIG
    from groupwcc.exporters.roster_template import render_roster_template
    from groupwcc.filesystem import make_private_dir

    config, roster = folder / "groupwcc.yaml", folder / "roster.csv"
    existing = [p for p in (config, roster) if p.exists()]
    if existing and not force:
        raise UserError(f"{', '.join(map(str, existing))} already exist(s)",
                        hint="choose another folder or pass --force to overwrite")
    make_private_dir(folder)
    write_atomic(config, STARTER_CONFIG.encode("utf-8"))
    write_atomic(roster, render_roster_template())
    return [config, roster]
