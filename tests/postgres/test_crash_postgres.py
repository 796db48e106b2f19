"""Crash safety on PostgreSQL: `plan` killed with SIGKILL at random moments leaves the database
as it was or fully planned; the killed run's program lock dies with it, so the re-run does not
wait and completes. (tests/test_crash.py is the SQLite version, with the output files.)"""

from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest
import sqlalchemy as sa
from pg_server import child_env, fresh_database, plan_command

pytestmark = pytest.mark.slow
TABLES = ("infants", "cohorts", "sessions", "flags", "audit_log")


def _counts(url: str) -> tuple[int, ...]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("infants"):
            found: tuple[int, ...] = (0,) * len(TABLES)
        else:
            found = tuple(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                          for t in TABLES)
    engine.dispose()
    return found


def _plan(url: str, out: object) -> subprocess.Popen[str]:
    return subprocess.Popen([*plan_command(url, out), "--no-pdf"], env=child_env(),  # type: ignore[arg-type]
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_sigkill_during_plan_on_postgresql_leaves_before_or_after(postgres_server, tmp_path):
    with fresh_database(postgres_server) as url:
        start = time.monotonic()
        assert _plan(url, tmp_path / "ref").wait(timeout=300) == 0
        full_run = time.monotonic() - start
        after = _counts(url)
    assert after[0] == 42 and after[2] == 37
    rnd = random.Random(2017)
    for attempt in range(4):
        with fresh_database(postgres_server) as url:
            proc = _plan(url, tmp_path / f"out{attempt}")
            time.sleep(rnd.uniform(0.3, full_run))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            state = _counts(url)
            assert state in ((0,) * len(TABLES), after), f"half-planned database: {state}"
            again = _plan(url, tmp_path / f"out{attempt}")
            assert again.wait(timeout=300) == 0, again.stderr.read() if again.stderr else ""
            assert "waiting for another" not in (again.stderr.read() if again.stderr else "")
            assert _counts(url)[:4] == after[:4]
