"""Write docs/reference/cli.md from the commands' own help, so the reference never drifts, and
groupwcc/cli/summaries.py, the one-line summaries ``groupwcc --help`` lists without importing
any command module.

Run: .venv/bin/python tools/gen_cli_docs.py   (tests/test_cli_docs.py and
tests/cli/test_help.py fail when either is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "reference" / "cli.md"
SUMMARIES_TARGET = ROOT / "groupwcc" / "cli" / "summaries.py"

HEADER = """# Command reference

Generated from each command's `--help` by `tools/gen_cli_docs.py`; do not edit by hand.
Every command accepts `--help`. Commands that read the program take `--config FILE`
(default: `$GROUPWCC_CONFIG` or `./groupwcc.yaml`) and `--db FILE|URL`. Commands that depend on
the date take `--today YYYY-MM-DD` so their output can be reproduced. Exit codes:
[exit-codes.md](exit-codes.md).
"""

SUMMARIES_HEADER = '''"""What ``groupwcc --help`` lists for each command and group.

Each is the first paragraph of the command's help, written by tools/gen_cli_docs.py; do not
edit by hand. Kept here so that ``groupwcc --help`` imports no command module
(tests/cli/test_help.py checks that it is current).
"""

SUMMARIES: dict[str, str] = {
'''


def _walk(command, path):  # type: ignore[no-untyped-def]
    yield path, command
    for name in sorted(getattr(command, "commands", {}) or {}):
        yield from _walk(command.commands[name], [*path, name])


def _option_rows(command) -> list[str]:  # type: ignore[no-untyped-def]
    rows = []
    for param in command.params:
        if param.name == "help" or getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            name = param.name.upper()
        else:
            name = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
        help_text = (getattr(param, "help", None) or "").replace("|", "\\|")
        rows.append(f"| {name if '`' in name else f'`{name}`'} | {help_text} |")
    return rows


def render() -> str:
    """The text of docs/reference/cli.md."""
    from typer.main import get_command

    from groupwcc.cli import get_app

    root = get_command(get_app())
    parts = [HEADER]
    for path, command in _walk(root, ["groupwcc"]):
        if len(path) == 1:
            continue
        parts.append(f"\n## `{' '.join(path)}`\n")
        parts.append((command.help or "").strip().replace("\b\n", "") + "\n")
        rows = _option_rows(command)
        if rows:
            parts.append("\n| Argument / option | Meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "".join(parts)


def render_summaries() -> str:
    """The text of groupwcc/cli/summaries.py, from every top-level command's own help."""
    from groupwcc.cli.app import entries
    from groupwcc.cli.lazy import summarize

    lines = [f"    {name!r}: {summarize(entry.build().help or '')!r},"
             for name, entry in entries().items()]
    return SUMMARIES_HEADER + "\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    SUMMARIES_TARGET.write_text(render_summaries(), encoding="utf-8")
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {SUMMARIES_TARGET}\nwrote {TARGET}\n")
