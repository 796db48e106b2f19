"""End to end on the example: import the invented vaccine history and screening results (as
``make demo`` does), close a positive screen's item, and read the report's record section and
funder table."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-30"
NOTE = "Invented note: food bank details given"


def _cli(folder: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(get_app(), [*args, "--config", str(folder / "groupwcc.yaml"),
                                            "--today", TODAY])
    assert result.exit_code == code, result.output
    if code:  # a UserError leaves the app as the exception (its message, never a traceback)
        return f"{result.output}{result.exception}"
    return result.output


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("record")
    for name in ("groupwcc.yaml", "roster.csv", "vaccines.csv", "screenings.csv"):
        shutil.copy(ROOT / "examples" / name, folder / name)
    _cli(folder, "plan", str(folder / "roster.csv"), "--out", str(folder / "out"))
    _cli(folder, "vaccines", "import", str(folder / "vaccines.csv"))
    _cli(folder, "screenings", "import", str(folder / "screenings.csv"))
    return folder


def _item(folder: Path, what: str) -> str:
    from groupwcc.api.context import load_program
    from groupwcc.api.screenings import list_actions
    from groupwcc.cli.common import resolve_today

    rows = list_actions(load_program(folder / "groupwcc.yaml"), today=resolve_today(TODAY))
    return next(r["item"] for r in rows if r["what"].startswith(what))


def test_closing_an_item_and_the_report_counting_it(program: Path) -> None:
    # examples/screenings.csv: three positive screens in 2026, none followed yet (I012 social
    # needs, I013 EPDS 13, I028 hearing refer with its audiology referral only suggested).
    social, hearing = _item(program, "Social needs"), _item(program, "Hearing refer")
    assert social.startswith("S") and hearing.startswith("S")
    out = _cli(program, "screenings", "actions", "--done", hearing, "--note", "x", code=1)
    assert "closes when its referral to audiology is made" in out
    assert "open follow-up item 'S999'" in _cli(program, "screenings", "actions", "--done",
                                                 "S999", "--note", "x", code=1)
    assert f"Closed follow-up item {social}." in _cli(
        program, "screenings", "actions", "--done", social.lower(), "--note", NOTE)
    assert social not in _cli(program, "screenings", "actions")
    _cli(program, "screenings", "actions", "--done", social, "--note", "again", code=1)

    with sqlite3.connect(program / "groupwcc.db") as db:
        closure = db.execute("SELECT closed_on, note, by FROM screening_closures").fetchall()
        audit = db.execute("SELECT counts FROM audit_log WHERE command = "
                           "'screenings actions --done'").fetchall()
        everything = " ".join(str(r) for r in db.execute("SELECT * FROM audit_log"))
    assert closure[0][:2] == ("2026-11-30", NOTE) and closure[0][2] and len(closure) == 1
    assert audit == [('{"closed": 1}',)] and "food bank" not in everything

    _cli(program, "report", "--from", "2026-01-01", "--to", "2026-12-31",
         "--out", str(program / "out"))
    report = program / "out" / "report"
    html = (report / "report.html").read_text(encoding="utf-8")
    # three positives, one followed (the closed one), one row per positive
    assert ('<td>positive screen followed up</td><td class="num">3</td><td class="num">3</td>'
            '<td class="num">1</td><td class="num">33.3 %</td>') in html
    assert "figures/screening-completion.png" in html and "not recorded in groupwcc yet" not in html
    assert (report / "figures" / "screening-completion.png").read_bytes()[:4] == b"\x89PNG"
    funder = (report / "funder-measures.csv").read_text(encoding="utf-8-sig")
    followed = [line for line in funder.splitlines() if "positive screen followed up" in line]
    assert followed and all("suppressed: fewer than 5 infants" in line for line in followed)
    assert "I012" not in funder and "I013" not in funder
