"""The one place that turns exceptions into messages and exit codes.

0 ok · 1 a user error (bad input, rule broken) · 2 usage error · 130 interrupted ·
anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import typer

from groupwcc.errors import UserError


def report(error: UserError) -> None:
    """Print a user error to stderr: message, located problems, hint."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]Error:[/] {escape(error.message)}")
    shown = error.problems[:200]
    for problem in shown:
        console.print(f"  {escape(str(problem))}")
    if len(error.problems) > len(shown):
        console.print(f"  … and {len(error.problems) - len(shown)} more")
    if error.hint:
        console.print(f"[bold]Hint:[/] {escape(error.hint)}")


def run(app: typer.Typer) -> int:
    """Run ``app`` in standalone mode off, so we see user errors and exit codes ourselves."""
    from typer.main import get_command

    command = get_command(app)
    try:
        result = command.main(standalone_mode=False)
    except UserError as error:
        report(error)
        return 1
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        return 130
    except Exception as error:  # Typer's vendored click errors: usage (2) and aborts
        code = _click_exit(error)
        if code is None:
            raise
        return code
    return result if isinstance(result, int) else 0


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
