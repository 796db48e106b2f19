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


COMMANDS = sorted(_leaf_commands(), key=lambda c: c[0])


def test_the_walk_finds_groups_and_their_commands():
    names = {name for name, _ in COMMANDS}
    assert {"plan", "sessions", "sessions move", "export", "export calendar", "cohorts",
            "cohorts move", "attendance import", "init", "audit"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_group_has_help_ending_with_an_example(name, command):
    lines = [line.strip() for line in (command.help or "").strip().splitlines() if line.strip()]
    assert lines, f"'{name}' has no help"
    assert lines[-1].startswith(f"Example: groupwcc {name}"), (
        f"'{name}' help does not end with an example of itself")


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_group_is_in_the_reference(name, command):
    reference = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## `groupwcc {name}`\n" in reference


def test_cli_reference_is_current():
    from gen_cli_docs import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), (
        "docs/reference/cli.md is stale: run .venv/bin/python tools/gen_cli_docs.py")
