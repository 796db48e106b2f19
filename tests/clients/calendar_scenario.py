"""A planned example program driven through the real command line, for calendar-client tests.

Commands run as a coordinator would run them (``python -m groupwcc …``) so the tests see exactly
the files Outlook, Thunderbird or a CalDAV server would be given.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"
NY = ZoneInfo("America/New_York")
ICALJS_HOME = Path(os.environ.get("GROUPWCC_ICALJS_HOME", ROOT / ".cache" / "icaljs"))
ICALJS_SCRIPT = Path(__file__).with_name("icaljs_parse.cjs")


@dataclass
class Program:
    folder: Path

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """``groupwcc ARGS --config … --db …`` as a coordinator types it."""
        command = [sys.executable, "-m", "groupwcc", *args,
                   "--config", str(self.folder / "groupwcc.yaml"),
                   "--db", str(self.folder / "groupwcc.db")]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder,
                              env={**os.environ, "COLUMNS": "200"}, timeout=300)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}")
        return done

    def plan(self) -> None:
        self.run("plan", str(self.folder / "roster.csv"), "--out", str(self.out),
                 "--today", TODAY, "--no-pdf")

    def sessions(self) -> dict[str, dict[str, str]]:
        """sessions.csv as written by the last plan, by session id."""
        with (self.out / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r.get("session_id", "").strip()]
        return {r["session_id"]: r for r in rows if not r["session_id"].startswith("#")}


def new_program(folder: Path) -> Program:
    """A copy of the example program in ``folder``, planned once."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("groupwcc.yaml", "roster.csv"):
        shutil.copy(EXAMPLES / name, folder / name)
    program = Program(folder)
    program.plan()
    return program


def icaljs_available() -> bool:
    return shutil.which("node") is not None and (ICALJS_HOME / "node_modules" / "ical.js").is_dir()


def icaljs(files: list[Path]) -> list[dict[str, object]]:
    """What Mozilla's ical.js reads from each file (see icaljs_parse.cjs)."""
    done = subprocess.run(["node", str(ICALJS_SCRIPT), *map(str, files)], capture_output=True,
                          text=True, env={**os.environ, "ICALJS_HOME": str(ICALJS_HOME)},
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def local(utc_iso: str, zone: ZoneInfo = NY) -> datetime:
    """A UTC instant as ical.js prints it, as wall-clock time in ``zone``."""
    return datetime.fromisoformat(utc_iso.replace("Z", "+00:00")).astimezone(zone)
