"""Exposure fields (hcv_exposed, hbsag_positive_parent) reach staff guides and nothing else.

Plans the example with every infant marked exposed, then scans every output except the
facilitator guides (calendars, sheets, workbooks, tables, change report) for the words the
exposure tests use, in English and Spanish. The guides must show them: the scan is not empty
because the words are missing everywhere.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("HCV", "VHC", "hepatitis C", "HBsAg", "anti-HBs", "RNA", "ARN", "hcv_exposed",
         "hbsag_positive_parent", "perinatal", "exposure", "exposición")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exposures")
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", folder / "groupwcc.yaml")
    text = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row.update(hcv_exposed="yes", hbsag_positive_parent="yes")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "roster.csv").write_text(buffer.getvalue(), encoding="utf-8")
    result = CliRunner().invoke(get_app(), [
        "plan", str(folder / "roster.csv"), "--config", str(folder / "groupwcc.yaml"),
        "--out", str(folder / "out"), "--today", "2026-11-23", "--weeks", "8", "--no-pdf"],
        catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "out"


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True)
                         for c in r if c is not None)
    return path.read_text(encoding="utf-8-sig", errors="replace")


def _found(text: str) -> list[str]:
    return [w for w in WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)]


def test_exposure_words_appear_in_guides_only(planned: Path) -> None:
    files = [p for p in planned.rglob("*") if p.is_file() and p.suffix != ".pdf"]
    guides = [p for p in files if p.relative_to(planned).parts[0] == "guides"]
    others = [p for p in files if p not in guides]
    assert guides and any(p.suffix == ".ics" for p in others)
    assert any(p.relative_to(planned).parts[0] == "sheets" for p in others)
    assert any("HCV" in _found(_text(p)) or "VHC" in _found(_text(p)) for p in guides)
    leaks = [f"{p.relative_to(planned)}: {_found(_text(p))}" for p in others if _found(_text(p))]
    assert leaks == []
