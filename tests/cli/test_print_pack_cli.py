"""``groupwcc export sheets --pack``: the weekly print pack per site, written owner-only."""

from __future__ import annotations

import io
import shutil
import stat
from pathlib import Path

from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[2]


def test_export_sheets_pack_writes_one_pdf_per_site_and_week(tmp_path: Path) -> None:
    from pypdf import PdfReader

    shutil.copy(ROOT / "examples" / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    common = ["--config", str(tmp_path / "groupwcc.yaml"), "--out", str(tmp_path / "out"),
              "--today", "2026-11-23"]
    runner = CliRunner()
    planned = runner.invoke(get_app(), ["plan", str(ROOT / "examples" / "roster.csv"), *common,
                                        "--no-pdf"], catch_exceptions=False)
    assert planned.exit_code == 0, planned.output
    result = runner.invoke(get_app(), ["export", "sheets", "--pack", "--no-pdf", *common],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = "".join(result.output.split())  # the console may wrap a long path
    assert f"to{tmp_path / 'out' / 'sheets'}/and{tmp_path / 'out' / 'pack'}/" in said
    packs = sorted(p.name for p in (tmp_path / "out" / "pack").glob("*.pdf"))
    # the example's next four weeks: two weeks at the main site, one at the east site
    assert packs == ["east-2026-W51.pdf", "main-2026-W48.pdf", "main-2026-W49.pdf"]
    assert not list((tmp_path / "out" / "sheets").glob("*.pdf"))  # --no-pdf: packs only
    for name in packs:
        path = tmp_path / "out" / "pack" / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        pages = PdfReader(io.BytesIO(path.read_bytes())).pages
        texts = [p.extract_text() for p in pages]
        assert texts[0].startswith(("Sign-in sheet", "Hoja de registro"))
        # Sign-in sheets (families read them) carry a neutral line; guides the Part 2 notice.
        sheets = [t for t in texts if t.startswith(("Sign-in sheet", "Hoja de registro"))]
        assert sheets and all("42 CFR" not in t for t in sheets)
        assert all("42 CFR part 2" in t for t in texts if t not in sheets)
