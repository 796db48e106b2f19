"""``groupwcc --help`` stays cheap: it imports no command module and no heavy library, lists
every command with its whole summary, and every command is still built when it is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from groupwcc.cli import get_app
from groupwcc.cli.app import COMMANDS, GROUPS
from groupwcc.cli.lazy import Entry, LazyCommands, summarize
from groupwcc.cli.summaries import SUMMARIES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

# Libraries (and our own layers) that only a command needs; rich is here because the help is
# plain text: importing rich (through typer.rich_utils) took longer than the rest of --help.
HEAVY = ("rich", "typer.rich_utils", "pydantic", "yaml", "sqlalchemy", "alembic", "jinja2",
         "icalendar", "openpyxl", "xlsxwriter", "pandas", "typst", "matplotlib", "holidays",
         "groupwcc.api", "groupwcc.store", "groupwcc.core", "groupwcc.readers",
         "groupwcc.exporters", "groupwcc.models")
COMMAND_MODULES = sorted({f"groupwcc.cli.{module}" for module, _ in
                          [*COMMANDS.values(), *GROUPS.values()]})


def _imported_by(*args: str) -> set[str]:
    """Modules in ``sys.modules`` after the console entry point ran ``groupwcc ARGS``."""
    code = ("import sys\n"
            f"sys.argv = ['groupwcc', *{list(args)!r}]\n"
            "from groupwcc.cli import main\n"
            "try:\n    main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert "Usage: groupwcc" in out.stdout
    return set(out.stderr.split())


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules for h in HEAVY if m == h or m.startswith(h + "."))


def test_top_level_help_imports_no_command_module_and_no_heavy_library():
    modules = _imported_by("--help")
    assert "groupwcc.cli.app" in modules  # the check looks at the right process
    assert _heavy(modules) == []
    assert sorted(set(COMMAND_MODULES) & modules) == []


@pytest.mark.parametrize("args", [["sessions", "--help"], ["sessions", "move", "--help"]])
def test_group_and_command_help_import_only_their_own_module(args):
    modules = _imported_by(*args)
    assert _heavy(modules) == []
    assert sorted(set(COMMAND_MODULES) & modules) == ["groupwcc.cli.sessions"]


def test_summaries_are_current():
    from gen_cli_docs import SUMMARIES_TARGET, render_summaries

    assert SUMMARIES_TARGET.read_text(encoding="utf-8") == render_summaries(), (
        "groupwcc/cli/summaries.py is stale: run .venv/bin/python tools/gen_cli_docs.py")


def test_every_command_and_group_has_a_summary():
    assert list(SUMMARIES) == [*COMMANDS, *GROUPS]
    assert all(SUMMARIES.values())


def test_top_level_help_lists_every_command_with_its_whole_summary():
    result = CliRunner().invoke(get_app(), ["--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    listed = " ".join(result.output.split("Commands:")[1].split())
    for name, summary in SUMMARIES.items():
        assert f"{name} {summary}" in listed, name
    # Summaries that run past click's 45-character cut are shown whole, not "...".
    assert "..." not in listed
    assert "with their status." in listed


def _paths(command, path):  # type: ignore[no-untyped-def]
    yield path
    for name in getattr(command, "commands", None) or {}:
        yield from _paths(command.commands[name], [*path, name])


ALL_PATHS = list(_paths(get_command(get_app()), []))


def test_the_walk_sees_every_command_of_every_group():
    assert len(ALL_PATHS) == 1 + len(COMMANDS) + len(GROUPS) + sum(
        len(commands) for _, commands in GROUPS.values())
    assert ["db", "grant-site"] in ALL_PATHS
    assert ["attendance", "import"] in ALL_PATHS


@pytest.mark.parametrize("path", ALL_PATHS, ids=[" ".join(p) or "groupwcc" for p in ALL_PATHS])
def test_every_command_help_shows_its_example(path):
    result = CliRunner().invoke(get_app(), [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: groupwcc {' '.join(path)}".rstrip())
    if path:
        assert f"Example: groupwcc {' '.join(path)}" in result.output
    else:  # the top level shows where to start
        assert "Example: groupwcc plan examples/roster.csv" in result.output


@pytest.mark.parametrize("path", [["screenings", "actions"], ["sessions"], ["plan"]])
def test_examples_are_printed_as_written_not_wrapped(path):
    # At 80 columns click re-wraps paragraphs; an example broken mid-command (once inside a
    # quoted note) no longer works when copied.
    result = CliRunner().invoke(get_app(), [*path, "--help"], terminal_width=80)
    (line,) = [x for x in result.output.splitlines() if x.strip().startswith("Example")]
    written = next(part.strip() for part in _help_of(path).split("\n\n")
                   if part.strip().startswith("Example"))
    assert line.strip() == written.splitlines()[0].strip() and "\b" not in result.output
    assert len(line) > 80 or path == ["plan"]


def _help_of(path):  # the help text as the command's code writes it
    import inspect

    from groupwcc.cli import app as registry

    if len(path) == 1 and path[0] in registry.GROUPS:
        module, _ = registry.GROUPS[path[0]]
        return registry._module(module).HELP
    if len(path) == 1:
        module, function = registry.COMMANDS[path[0]]
    else:
        module, commands = registry.GROUPS[path[0]]
        function = commands[path[1]]
    return inspect.getdoc(getattr(registry._module(module), function)) or ""


def test_group_help_lists_whole_summaries():
    result = CliRunner().invoke(get_app(), ["sessions", "--help"], terminal_width=200)
    assert "restore  Put a cancelled session back on the calendar (it stays where it was, " \
           "not re-planned)." in result.output


def test_cohorts_alone_still_runs_its_own_function():
    group = get_command(get_app()).commands["cohorts"]
    assert group.invoke_without_command
    assert "--dry-run" in [o for p in group.params for o in p.opts]


def test_lazy_commands_build_each_command_once_and_only_when_asked():
    built: list[str] = []

    def entry(name: str) -> Entry:
        return Entry(lambda: built.append(name) or get_command(get_app()), f"{name} summary")

    commands = LazyCommands({"a": entry("a"), "b": entry("b")})
    assert list(commands) == ["a", "b"]
    assert commands.summary("b") == "b summary"
    assert built == []
    assert commands["b"] is commands["b"]
    assert built == ["b"]
    assert commands.get("missing") is None


def test_summarize_keeps_the_first_paragraph_on_one_line():
    assert summarize("  One line\nand more.\n\nSecond.\n") == "One line and more."


def test_a_command_added_built_is_listed_and_a_hidden_one_is_not():
    import copy

    from groupwcc.cli.app import build_app

    root = get_command(build_app())
    plan = root.commands["plan"]
    hidden = copy.copy(plan)
    hidden.hidden = True
    root.add_command(plan, "again")
    root.add_command(hidden, "secret")
    text = root.get_help(root.make_context("groupwcc", ["plan"]))
    listed = " ".join(text.split("Commands:")[1].split())
    assert listed.endswith(f"again {SUMMARIES['plan']}")
    assert "secret" not in listed
