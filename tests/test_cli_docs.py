"""Every command is documented, has help with an example, and docs/reference/cli.md is current."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.main import get_command

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))


def _leaf_commands():
    root = get_command(get_app())
    stack = [([], root)]
    while stack:
        path, command = stack.pop()
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                stack.append(([*path, name], sub))
        if path:
            yield " ".join(path), command


@pytest.mark.parametrize(("name", "command"), sorted(_leaf_commands(), key=lambda c: c[0]))
def test_every_command_has_help_with_an_example(name, command):
    if getattr(command, "commands", None) and name not in {"cohorts"}:
        return  # a pure group: its commands carry the examples
    assert "Example: groupwcc" in (command.help or ""), f"'{name}' help has no example"


def test_cli_reference_is_current():
    from gen_cli_docs import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), (
        "docs/reference/cli.md is stale: run .venv/bin/python tools/gen_cli_docs.py")
