"""What plan and export tell and leave after a change: a cancelled session's printed files
from an earlier run are removed by the next export or plan, so nobody prints a guide or a
sign-in sheet for a session that will not take place; the summary counts the weeks asked for."""

from __future__ import annotations

from typing import Any

Planned = Any  # the ``planned`` fixture's type (tests/cli/conftest.py)

SESSION = "EAST-2026-06-A-M6"  # the example's only east-site session in the next four weeks


def test_cancelled_sessions_sheet_guide_and_pack_are_withdrawn(planned: Planned) -> None:
    out = str(planned.out)
    assert planned.cli("export", "guides", "--pack", "--out", out).exit_code == 0
    assert planned.cli("export", "sheets", "--out", out).exit_code == 0
    guides = planned.out / "guides"
    guide, page = guides / f"{SESSION}.pdf", guides / f"{SESSION}.html"
    sheet = planned.out / "sheets" / f"{SESSION}.pdf"
    pack = planned.out / "pack" / "east-2026-W51.pdf"
    kept, notes = guides / "MAIN-2026-05-A-M6.pdf", guides / "my-notes.txt"
    notes.write_text("the coordinator's own file", encoding="utf-8")
    assert all(p.is_file() for p in (guide, page, sheet, pack, kept))

    cancel = planned.cli("sessions", "cancel", SESSION, "--reason", "staff away")
    assert cancel.exit_code == 0, cancel.output
    again = planned.cli("export", "guides", "--pack", "--out", out)
    assert again.exit_code == 0, again.output
    assert not guide.exists() and not page.exists() and not pack.exists()
    said = " ".join(again.output.split())
    assert "Removed 3 earlier files of cancelled sessions" in said
    assert f"guides/{SESSION}.pdf" in said and "pack/east-2026-W51.pdf" in said
    assert kept.is_file() and notes.is_file() and sheet.is_file()  # sheets: not this export

    replanned = planned.replan()
    assert replanned.exit_code == 0
    assert not sheet.exists() and kept.is_file() and notes.is_file()
    assert "Removed 1 earlier file of cancelled sessions" in " ".join(replanned.output.split())


def test_a_pack_is_kept_while_its_week_still_has_a_session(planned: Planned) -> None:
    # Week 49 at the main site: MAIN-2026-05-A-M6 (Tue 1 Dec) and MAIN-2026-08-A-M4 (Thu 3 Dec).
    out = str(planned.out)
    wide = ("--from", "2026-11-23", "--to", "2026-12-31")
    assert planned.cli("export", "sheets", "--pack", "--out", out, *wide).exit_code == 0
    week49, east = planned.out / "pack" / "main-2026-W49.pdf", planned.out / "pack" / "east-2026-W51.pdf"
    assert week49.is_file() and east.is_file()
    assert planned.cli("sessions", "cancel", "MAIN-2026-05-A-M6", "--reason", "x").exit_code == 0
    narrow = ("--from", "2026-11-24", "--to", "2026-12-01")  # the 3 Dec session is outside
    assert planned.cli("export", "sheets", "--pack", "--out", out, *narrow).exit_code == 0
    assert week49.is_file()  # the 3 Dec session still takes place: its pack stays
    # A plan (which writes no packs) removes a pack whose week has no session left.
    assert planned.cli("sessions", "cancel", SESSION, "--reason", "x").exit_code == 0
    assert planned.replan().exit_code == 0
    assert not east.exists() and week49.is_file()


def test_plan_summary_counts_the_weeks_asked_for(planned: Planned) -> None:
    result = planned.cli("plan", str(planned.folder / "roster.csv"), "--out", str(planned.out),
                         "--no-pdf", "--weeks", "2")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert " in the next 2 weeks; " in said and "next 4 weeks" not in said
