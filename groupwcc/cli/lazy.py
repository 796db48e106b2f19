"""Command groups whose commands are built only when they are used.

Building a command means importing its module and letting Typer read every parameter of
its function; doing that for ~40 commands was most of the time ``groupwcc --help`` took. A
:class:`LazyCommands` mapping knows each command's name and summary up front and builds the
command on first lookup, so ``groupwcc --help`` builds none and ``groupwcc sessions move``
builds one group. Summaries are listed in full (the first paragraph of the help), not cut
at click's 45-character limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from gettext import gettext as _
from typing import TYPE_CHECKING

from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter
    from typer.core import TyperOption


class Entry:
    """How to build one command (``build``) and its one-paragraph summary (``summary``).

    A plain class: a dataclass costs a millisecond to create, a tenth of what ``--help`` adds
    to importing Typer."""

    __slots__ = ("build", "summary")

    def __init__(self, build: Callable[[], Command], summary: str) -> None:
        self.build = build
        self.summary = summary


class LazyCommands(MutableMapping[str, "Command"]):
    """Commands by name, in the order given; each built on first lookup and kept."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self._entries = dict(entries)
        self._built: dict[str, Command] = {}
        self._order = list(entries)

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = self._entries[name].build()
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._built.pop(name, None)
        self._entries.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def is_lazy(self, name: str) -> bool:
        """Whether ``name`` came with an entry (a summary known without building it)."""
        return name in self._entries

    def summary(self, name: str) -> str:
        """The summary of the entry ``name``, without building its command."""
        return self._entries[name].summary


def keep_examples(help_text: str | None) -> str | None:
    """``help_text`` with each paragraph that starts with "Example" marked for click to print
    as written (``\\b``): re-wrapped, a long example breaks mid-command (even inside quotes)
    and no longer works when copied."""
    if not help_text:
        return help_text
    return "\n\n".join(f"\b\n{part}" if part.lstrip().startswith("Example") else part
                       for part in help_text.split("\n\n"))


def summarize(help_text: str) -> str:
    """The first paragraph of ``help_text`` on one line: what a command list shows."""
    return " ".join(help_text.strip().split("\n\n")[0].split())


class Group(TyperGroup):
    """A Typer group that lists each command with its whole summary."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        """Typer's ``--help``, defaulting to False rather than None: Typer coerces a None flag
        through pydantic, which ``groupwcc GROUP --help`` would otherwise import for the
        unused ``--help`` of ``groupwcc``."""
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option

    def list_commands(self, ctx: Context) -> list[str]:
        """The commands' names in the order given (Typer's version builds every command)."""
        return list(self.commands)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """List the commands without building lazy ones (Typer's version builds each)."""
        rows = [(name, summary) for name in self.list_commands(ctx)
                if (summary := self._summary(name)) is not None]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def _summary(self, name: str) -> str | None:
        """What to list for ``name``; None for a hidden command (a lazy one never is)."""
        if isinstance(self.commands, LazyCommands) and self.commands.is_lazy(name):
            return self.commands.summary(name)
        command = self.commands[name]
        return None if command.hidden else summarize(command.help or "")
