"""``groupwcc export``: calendar, sheets, guides."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    FromOpt,
    OutOpt,
    TodayOpt,
    ToOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)

HELP = """Write calendars, attendance sheets and facilitator guides.

Example: groupwcc export calendar --config examples/groupwcc.yaml --out out
"""

PdfOpt = Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also render PDF files.")]
PackOpt = Annotated[bool, typer.Option(
    "--pack", help="Also write weekly print packs: per site and week, every session's sign-in "
    "sheet and guide in one PDF (pack/SITE-YEAR-Www.pdf).")]


def calendar(
    config: ConfigOpt = None,
    db: DbOpt = None,
    out: OutOpt = Path("out"),
    families: Annotated[bool, typer.Option(
        "--families", help="Also one calendar per family (their sessions only, no names).")] = False,
    today: TodayOpt = None,
) -> None:
    """Write Outlook calendars: one per cohort, one for the program, and CHANGES.md.

    Example: groupwcc export calendar --config examples/groupwcc.yaml --out out --families
    """
    from groupwcc.api.export import export_calendars

    written = export_calendars(program(config, db), out, families=families, now=now_for(today))
    console().print(f"Wrote {len(written)} files to {out / 'calendar'}/ — "
                    f"read {out / 'calendar' / 'CHANGES.md'} before importing into Outlook.")


def _printed(kind: str, config: Path | None, db: str | None, out: Path, first: str | None,
             last: str | None, today: str | None, pdf: bool, pack: bool = False) -> None:
    from groupwcc.api.export import export_printed
    from groupwcc.cli.summary import say_removed, stage_progress

    day = resolve_today(today)
    start = parse_day(first, option="--from", default=day)
    end = parse_day(last, option="--to", default=start + timedelta(days=27))
    with stage_progress() as stage:
        written, removed = export_printed(program(config, db), out, kind=kind, first=start,
                                          last=end, pdf=pdf, now=now_for(today), stage=stage,
                                          pack=pack)
    folders = f"{out / kind}/ and {out / 'pack'}/" if pack else f"{out / kind}/"
    console().print(f"Wrote {len(written)} files to {folders}")
    say_removed(removed)


def sheets(
    config: ConfigOpt = None, db: DbOpt = None, out: OutOpt = Path("out"),
    first: FromOpt = None, last: ToOpt = None, today: TodayOpt = None, pdf: PdfOpt = True,
    pack: PackOpt = False,
) -> None:
    """Write sign-in sheets (PDF) and the staff attendance workbook (XLSX, CSV).

    Default period: the next four weeks from today.

    Example: groupwcc export sheets --from 2026-12-01 --to 2026-12-31 --pack --config examples/groupwcc.yaml
    """
    _printed("sheets", config, db, out, first, last, today, pdf, pack)


def guides(
    config: ConfigOpt = None, db: DbOpt = None, out: OutOpt = Path("out"),
    first: FromOpt = None, last: ToOpt = None, today: TodayOpt = None, pdf: PdfOpt = True,
    pack: PackOpt = False,
) -> None:
    """Write facilitator guides (PDF; HTML for tablets) with a confidential staff-only page each.

    Default period: the next four weeks from today.

    Example: groupwcc export guides --from 2026-12-01 --to 2026-12-31 --config examples/groupwcc.yaml
    """
    _printed("guides", config, db, out, first, last, today, pdf, pack)
