"""``groupwcc vaccines forecast`` through the CLI: result rows, file mode, located errors."""

from __future__ import annotations

import csv
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app
from groupwcc.cli.errors import run as run_cli

RECORDS = ("case_id,date_of_birth,assessment_date,doses\n"
           "TEST-1,2025-01-01,2025-03-05,2025-01-01:08;2025-03-01:110\n")


def test_forecast_writes_one_private_row_per_group(tmp_path: Path) -> None:
    source, out = tmp_path / "records.csv", tmp_path / "result.csv"
    source.write_text(RECORDS, encoding="utf-8")
    result = CliRunner().invoke(get_app(), ["vaccines", "forecast", str(source), "--out",
                                            str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["vaccine_group"] for r in rows] == ["HepB", "DTaP", "Polio", "Hib", "PCV", "RV",
                                                  "MMR", "VAR", "HepA", "Influenza",
                                                  "COVID-19", "RSV"]
    hepb = rows[0]
    # dose 2 at 2 months; dose 3 needs 24 weeks of age (1 Jan + 168 days = 18 Jun), 8 weeks
    # after dose 2 and 16 weeks after dose 1; recommended at 6 months; past due 19 m + 4 w - 1 d
    assert hepb == {"case_id": "TEST-1", "vaccine_group": "HepB",
                    "dose_evaluations": "valid;valid", "status": "not complete",
                    "next_dose": "3", "earliest_date": "2025-06-18",
                    "recommended_date": "2025-07-01", "past_due_date": "2026-08-28"}
    # the HepB birth dose is listed in the DTaP row with its own group's evaluation
    assert rows[1]["dose_evaluations"] == "valid;valid"
    assert rows[1]["next_dose"] == "2" and rows[1]["earliest_date"] == "2025-03-29"


def test_bad_record_is_located_without_echoing_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "records.csv"
    source.write_text("case_id,date_of_birth,assessment_date,doses\n"
                      "TEST-1,2025-31-01,2025-03-05,\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["groupwcc", "vaccines", "forecast", str(source), "--out",
                                      str(tmp_path / "o.csv")])
    assert run_cli(get_app()) == 1
    output = capsys.readouterr().err
    assert "row 2, column 'date_of_birth'" in output and "YYYY-MM-DD" in output
    assert "2025-31-01" not in output
    assert not (tmp_path / "o.csv").exists()


def test_out_folder_is_refused_and_the_working_folder_keeps_its_mode(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    work.chmod(0o755)
    source = work / "records.csv"
    source.write_text(RECORDS, encoding="utf-8")
    refused = CliRunner().invoke(get_app(), ["vaccines", "forecast", str(source), "--out",
                                             str(work)])
    assert refused.exit_code == 1
    written = CliRunner().invoke(get_app(), ["vaccines", "forecast", str(source), "--out",
                                             str(work / "result.csv")])
    assert written.exit_code == 0
    assert stat.S_IMODE(work.stat().st_mode) == 0o755
