"""Every exported file of the example is scanned for roster names, phones and birth dates.

Personal data may only appear in files meant for staff (sheets, guides, cohort and flag tables,
attendance workbook); those must carry the 42 CFR Part 2 notice. Calendars and the change report
are shared and must hold none of it.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[1]
STAFF_ONLY = ("sheets/", "guides/", "cohorts.csv", "flags.csv", "followup")
NOTICE = "42 CFR part 2"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("privacy")
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", folder / "groupwcc.yaml")
    result = CliRunner().invoke(get_app(), [
        "plan", str(ROOT / "examples" / "roster.csv"), "--config", str(folder / "groupwcc.yaml"),
        "--out", str(folder / "out"), "--today", "2026-11-23", "--weeks", "8",
        "--pdf" if shutil.which("pdftotext") else "--no-pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    return folder / "out", list(csv.DictReader(text))


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True)
                         for c in r if c is not None)
    return path.read_text(encoding="utf-8-sig", errors="replace")


def _word_in(value: str, text: str) -> bool:
    import re

    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


def _secrets(row: dict[str, str]) -> dict[str, list[str]]:
    # an expectant family's row (issue 18) has no birth date and no baby's names yet
    born = date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
    return {
        "full name": [f"{row['infant_first_name']} {row['infant_last_name']}".strip(),
                      f"{row['caregiver_first_name']} {row['caregiver_last_name']}"],
        "last name": [row["infant_last_name"], row["caregiver_last_name"]],
        "first name": [row["infant_first_name"], row["caregiver_first_name"]],
        "phone": [p for p in [row.get("phone", "")] if p],
        "birth date": [born.isoformat(), f"{born.month}/{born.day}/{born.year}",
                       f"{born:%m/%d/%Y}"] if born else [],
    }


def test_shared_files_hold_no_personal_data(exported) -> None:  # type: ignore[no-untyped-def]
    out, roster = exported
    shared = [p for p in out.rglob("*") if p.is_file()
              and not any(str(p.relative_to(out)).startswith(s) for s in STAFF_ONLY)
              and p.suffix in (".ics", ".md", ".csv", ".html")
              and p.name not in ("sessions.csv",)]
    assert any(p.suffix == ".ics" for p in shared)
    # words the program itself uses (its name, sites, rooms) are not leaks even if an invented
    # surname happens to match one ("Example Family Clinic")
    config_text = (ROOT / "examples" / "groupwcc.yaml").read_text(encoding="utf-8")
    leaks = []
    for path in shared:
        text = _text(path)
        for row in roster:
            for kind, values in _secrets(row).items():
                leaks += [f"{path.name}: {kind} {v!r}" for v in values
                          if v and _word_in(v, text) and not _word_in(v, config_text)]
    assert leaks == []


def test_staff_files_show_only_last_initials_and_carry_the_notice(exported) -> None:  # type: ignore[no-untyped-def]
    out, roster = exported
    staff = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".pdf", ".csv")
             and any(str(p.relative_to(out)).startswith(s) for s in ("sheets/", "guides/"))]
    assert staff
    last_names = ({r["infant_last_name"] for r in roster} | {r["caregiver_last_name"]
                                                             for r in roster}) - {""}
    phones = {r["phone"] for r in roster if r.get("phone")}
    for path in staff:
        text = _text(path)
        if path.suffix == ".csv" or path.parent.name == "sheets":
            # CSV files are data only; sign-in sheets, read by families at the desk, carry a
            # neutral line instead of a notice that names substance use: for both, the notice
            # is in NOTICE.txt beside them.
            assert NOTICE.lower() not in text.lower(), f"{path.name} has the notice"
            text_with_notice = _text(path.parent / "NOTICE.txt")
        else:
            text_with_notice = text
        assert NOTICE.lower() in text_with_notice.lower(), f"{path.name} lacks the Part 2 notice"
        assert not [n for n in last_names if f" {n}" in text], path.name
        assert not [p for p in phones if p in text], path.name
    for name in ("cohorts.csv", "flags.csv"):
        assert NOTICE.lower() not in _text(out / name).lower()
    assert NOTICE.lower() in _text(out / "NOTICE.txt").lower()
