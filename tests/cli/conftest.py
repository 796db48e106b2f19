"""A planned copy of the example program, for tests of the commands that change a plan."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"


@dataclass
class Planned:
    """A program folder after ``groupwcc plan`` of the example roster."""

    folder: Path

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def cli(self, *args: str, today: bool = True):  # type: ignore[no-untyped-def]
        """Run a command against this program (``--config`` and ``--today`` added)."""
        extra = ["--config", str(self.folder / "groupwcc.yaml")]
        if today:
            extra += ["--today", TODAY]
        return CliRunner().invoke(get_app(), [*args, *extra])

    def cli_at(self, day: str, *args: str):  # type: ignore[no-untyped-def]
        """Run a command as if today were ``day``."""
        return CliRunner().invoke(get_app(), [*args, "--config",
                                              str(self.folder / "groupwcc.yaml"), "--today", day])

    def replan(self):  # type: ignore[no-untyped-def]
        return self.cli("plan", str(self.folder / "roster.csv"), "--out", str(self.out),
                        "--no-pdf")

    def query(self, sql: str, *params: object) -> list[tuple]:  # type: ignore[type-arg]
        with sqlite3.connect(self.folder / "groupwcc.db") as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def _planned_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("planned")
    shutil.copy(EXAMPLES / "groupwcc.yaml", folder / "groupwcc.yaml")
    shutil.copy(EXAMPLES / "roster.csv", folder / "roster.csv")
    result = Planned(folder).replan()
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def planned(_planned_once: Path, tmp_path: Path) -> Planned:
    """A private copy of the planned example (database and outputs) for one test."""
    folder = tmp_path / "program"
    shutil.copytree(_planned_once, folder)
    return Planned(folder)
