"""The one place that turns exceptions into messages and exit codes.

0 ok · 1 a user error (bad input, rule broken) · 2 usage error · 70 a bug in groupwcc ·
130 interrupted. A bug prints no traceback and no exception text (either could carry a roster
value): only the exception type, groupwcc's own frames and where to report it.
"""

from __future__ import annotations

import re
import sys
import traceback
from pathlib import Path

import typer

from groupwcc.errors import UserError

BUG_EXIT = 70  # EX_SOFTWARE (sysexits.h): an internal error
REPORT_TO = ("the team that maintains groupwcc for your program "
             "(docs/reference/exit-codes.md says what to send)")
# scheme://user:PASSWORD@ — the password part of any URL in a message
# (greedy up to the last @ of the word: a password may itself hold an @); compiled on first
# use, not at import, which every run (even --help) pays
_URL_PASSWORD = r"([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]*:)[^\s'\"]*@"


def mask_secrets(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@host`` and every secret URL
    query parameter (``?password=``, ``sslpassword``, ``…token``/``…key``/``…secret``) masked."""
    from groupwcc.store.engine import mask_query_secrets

    return mask_query_secrets(re.sub(_URL_PASSWORD, r"\1***@", text))


def report(error: UserError) -> None:
    """Print a user error to stderr: message, located problems, hint (passwords masked)."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]Error:[/] {escape(mask_secrets(error.message))}")
    shown = error.problems[:200]
    for problem in shown:
        console.print(f"  {escape(mask_secrets(str(problem)))}")
    if len(error.problems) > len(shown):
        console.print(f"  … and {len(error.problems) - len(shown)} more")
    if error.hint:
        console.print(f"[bold]Hint:[/] {escape(mask_secrets(error.hint))}")


def report_bug(error: BaseException) -> None:
    """Say that groupwcc failed, where, and where to report it — without the exception's
    message or any variable (they could hold names, birth dates or a database password)."""
    frames = [f"  {_short(f.filename)}:{f.lineno} in {f.name}"
              for f in traceback.extract_tb(error.__traceback__) if _ours(f.filename)]
    lines = [f"Internal error ({type(error).__name__}): this is a bug in groupwcc, not in your "
             "files.", *frames[-8:],
             f"Please report it to {REPORT_TO}: the command you ran and the lines above, "
             "never your roster or database."]
    typer.echo("\n".join(lines), err=True)


def _ours(filename: str) -> bool:
    return "groupwcc" in Path(filename).parts and "site-packages" not in filename


def _short(filename: str) -> str:
    parts = Path(filename).parts
    return "/".join(parts[len(parts) - parts[::-1].index("groupwcc") - 1:])


def run(app: typer.Typer) -> int:
    """Run ``app`` in standalone mode off, so we see user errors and exit codes ourselves."""
    from typer.main import get_command

    command = get_command(app)
    problem = argument_problem(sys.argv[1:])
    if problem is not None:
        typer.echo(f"Error: {problem}\nHint: type that argument again (or paste it as plain "
                   "text); nothing was changed.", err=True)
        return USAGE_EXIT
    try:
        result = command.main(standalone_mode=False)
    except UserError as error:
        report(error)
        return _failed(1)
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as error:  # Typer's vendored click errors: usage (2) and aborts
        code = _click_exit(error)
        if code is None and _database_refused(error):
            code = 1
        elif code is None:
            report_bug(error)
            code = BUG_EXIT
        return _failed(code)
    if result == INTERRUPTED:  # Typer turns Ctrl-C into Exit(130), returned without standalone
        return _interrupted()
    return result if isinstance(result, int) else 0


INTERRUPTED = 130
USAGE_EXIT = 2


def argument_problem(arguments: list[str]) -> str | None:
    """Why a command-line argument cannot be taken, without repeating it (it may be a name):
    bytes that are not UTF-8, or a control or invisible character (the roster and the config
    refuse them too); None when every argument is plain text."""
    for number, argument in enumerate(arguments, start=1):
        if argument.isascii() and argument.isprintable():
            continue  # the common case, without importing the character rules
        before = arguments[number - 2] if number > 1 else ""
        which = (f"the value of {before}" if before.startswith("-") and "=" not in before
                 else f"argument {number}")
        if any("\udc80" <= char <= "\udcff" for char in argument):  # undecodable bytes
            return f"{which} is not valid text (it holds bytes that are not UTF-8)"
        from groupwcc.readers.text import unsafe_character

        found = unsafe_character(argument)
        if found is not None:
            return f"{which} holds an invisible or control character: {found}"
    return None


def _interrupted() -> int:
    typer.echo("Interrupted. Nothing was changed.", err=True)
    return _failed(INTERRUPTED)


def _database_refused(error: Exception) -> bool:
    """A database that cannot be written (full disk, read-only file, lock held too long) is
    reported as such, by SQLite's error name only: the exception text may hold row values."""
    if type(error).__name__ != "OperationalError" or "sqlalchemy" not in type(error).__module__:
        return False
    reason = getattr(getattr(error, "orig", None), "sqlite_errorname", None) or "refused"
    typer.echo(f"Error: the database could not be written ({reason}). Nothing was saved.\n"
               "Hint: check free disk space and that the database file and its folder are "
               "writable, then run the command again.", err=True)
    return True


def _failed(code: int) -> int:
    """Exit ``code`` after removing any database this run created and saved nothing in."""
    from groupwcc.api.database_files import discard_new_databases

    if code:
        discard_new_databases()
    return code


def _click_exit(error: Exception) -> int | None:
    show = getattr(error, "show", None)
    exit_code = getattr(error, "exit_code", None)
    if callable(show) and isinstance(exit_code, int):
        show()
        return exit_code
    if type(error).__name__ == "Abort":
        typer.echo("Aborted.", err=True)
        return 1
    if type(error).__name__ == "Exit":
        return int(getattr(error, "exit_code", 0))
    return None
