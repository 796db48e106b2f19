"""Options and helpers shared by commands."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groupwcc.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from groupwcc.api.context import Program

ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", help="Program configuration (default: $GROUPWCC_CONFIG or ./groupwcc.yaml).",
    show_default=False)]
DbOpt = Annotated[str | None, typer.Option(
    "--db", envvar="GROUPWCC_DB",
    help="Database file or SQLAlchemy URL (default: $GROUPWCC_DB, else 'database:' in the "
         "config, else groupwcc.db beside the config).",
    show_default=False)]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help="Treat this date (YYYY-MM-DD, 2000–2100) as today, for reproducible output.",
    show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).",
                                             show_default=False)]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).",
                                           show_default=False)]


def parse_day(text: str | None, *, option: str, default: date | None = None) -> date:
    if text is None:
        if default is None:
            raise UserError(f"{option} is required")
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{option} {text!r} is not a date",
                        hint="write it as YYYY-MM-DD, e.g. 2026-11-23") from None


# --today outside these bounds is a typo, and date arithmetic near year 1 or 9999 (ages,
# windows, capacity horizons) would overflow.
EARLIEST_TODAY = date(2000, 1, 1)
LATEST_TODAY = date(2100, 12, 31)


def resolve_today(text: str | None) -> date:
    """``--today`` (or the real date), refused outside 2000-01-01 … 2100-12-31."""
    day = parse_day(text, option="--today", default=date.today())
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise UserError(f"--today {day.isoformat()} is outside {EARLIEST_TODAY.isoformat()} … "
                        f"{LATEST_TODAY.isoformat()}",
                        hint="give a date near the program's sessions, e.g. 2026-11-23")
    return day


def now_for(today_text: str | None) -> datetime:
    """The wall clock, or noon (UTC) of ``--today`` so runs with --today are reproducible.

    Noon UTC is on the same date in every zone from UTC−11 to UTC+11, so a report printed in
    the program's zone never shows the day before ``--today``.
    """
    from datetime import UTC, time

    if today_text is None:
        return datetime.now().astimezone()
    return datetime.combine(resolve_today(today_text), time(12), UTC)


def program(config: Path | None, db: str | None, *, create: bool = False) -> Program:
    """The program of ``--config``/``--db``. Only commands that start a plan pass
    ``create=True``; the others say "no database at …" for a mistyped ``--db``."""
    from groupwcc.api.context import load_program

    return load_program(config, db=db, create_database=create)


def console(stderr: bool = False, *, markup: bool = False) -> Console:
    """A console that prints text as it is: paths and ids may contain ``[/]``, which rich
    markup would read as a tag (or fail on). ``markup=True`` only where every data part is
    passed through ``rich.markup.escape``."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, markup=markup)
