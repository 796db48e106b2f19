"""The bad-file corpus: hand-made broken rosters and configurations, each with the exact message
it must produce (issue 8). ``pytest --update-golden`` rewrites the expected files; review the
diff before committing.

Rosters (``*.csv``, ``*.xlsx``, ``*.xls``) are read for a program with sites main/east,
languages en/es, today 2026-11-23 and an age limit of 24 months (as examples/groupwcc.yaml);
configurations (``config-*.yaml``) go through ``load_config``. Every roster also goes through
``groupwcc roster check`` once: exit code 1, the same message, no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from groupwcc.config import load_config
from groupwcc.errors import ConfigError, RosterError
from groupwcc.readers.roster import read_roster

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
EXAMPLE_CONFIG = ROOT / "examples" / "groupwcc.yaml"
TODAY = "2026-11-23"
ROSTERS = sorted(p.name for p in BAD.iterdir() if p.suffix in (".csv", ".xlsx", ".xls"))
CONFIGS = sorted(p.name for p in BAD.glob("config-*.yaml"))


def _expected(name: str) -> Path:
    return BAD / f"{name}.expected.txt"


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare with the expected file; ``--update-golden`` (re)writes it instead."""
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8", newline="")
        if not update:
            pytest.fail(f"{path.name} did not exist; written now — review and commit it")
    assert actual == path.read_text(encoding="utf-8")


def test_the_corpus_has_at_least_30_files_each_with_its_message():
    inputs = ROSTERS + CONFIGS
    assert len(inputs) >= 30
    assert len(CONFIGS) >= 5
    assert sorted(p.name for p in BAD.glob("*.expected.txt")) == sorted(
        f"{n}.expected.txt" for n in inputs)


@pytest.mark.parametrize("name", ROSTERS)
def test_bad_roster_gives_its_exact_message(name: str, update_golden: bool):
    with pytest.raises(RosterError) as caught:
        read_roster(BAD / name, sites=["main", "east"], languages=["en", "es"],
                    today=date.fromisoformat(TODAY), max_age_months=24)
    check_golden(_expected(name), str(caught.value) + "\n", update_golden)


@pytest.mark.parametrize("name", CONFIGS)
def test_bad_config_gives_its_exact_message(name: str, update_golden: bool,
                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(BAD)  # messages name the file as given: keep it short and stable
    with pytest.raises(ConfigError) as caught:
        load_config(Path(name))
    check_golden(_expected(name), str(caught.value) + "\n", update_golden)


@pytest.mark.parametrize("name", ROSTERS)
def test_roster_check_exits_1_with_the_message_and_no_traceback(
        name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    from groupwcc.cli import get_app
    from groupwcc.cli.errors import run

    monkeypatch.setattr(sys, "argv", ["groupwcc", "roster", "check", str(BAD / name),
                                      "--config", str(EXAMPLE_CONFIG), "--today", TODAY])
    assert run(get_app()) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out == ""
    assert err == "Error: " + _expected(name).read_text(encoding="utf-8")


def test_the_installed_command_reports_a_bad_roster_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "groupwcc", "roster", "check", str(BAD / "ten-mistakes.csv"),
         "--config", str(EXAMPLE_CONFIG), "--today", TODAY],
        capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ten-mistakes.csv has 10 problem(s)\n")
    assert result.stderr.count("\n  row ") == 10
