"""One ``plan`` reads each plan table as few times as possible (issue 12: it used to be 5)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from groupwcc.api.context import load_program
from groupwcc.api.plan import plan_program

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _count_selects(program, run) -> Counter[str]:  # type: ignore[no-untyped-def]
    counts: Counter[str] = Counter()

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            found = re.search(r"\bFROM\s+\"?(\w+)", statement, re.IGNORECASE)
            counts[found.group(1) if found else "?"] += 1

    engine = program.store.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return counts


def test_plan_reads_infants_sessions_and_cohorts_once_plus_the_store_upserts(tmp_path):
    shutil.copy(EXAMPLES / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    program = load_program(tmp_path / "groupwcc.yaml")
    for _ in range(2):  # a first plan and a re-plan of an existing database
        counts = _count_selects(program, lambda: plan_program(
            program, EXAMPLES / "roster.csv", out_dir=tmp_path / "out",
            today=date(2026, 11, 23), now=datetime(2026, 11, 23, 9).astimezone(), pdf=False))
        # One read by load_state, one inside the store's upsert (known ids) for each table.
        assert counts["infants"] == 2
        assert counts["sessions"] == 2
        assert counts["cohorts"] == 2
        assert counts["cohort_members"] == counts["unplaced"] == counts["flags"] == 1


def test_plan_pauses_the_cycle_collector_only_while_it_runs(tmp_path):
    import gc

    shutil.copy(EXAMPLES / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    program = load_program(tmp_path / "groupwcc.yaml")
    seen: list[bool] = []

    def stage(message: str) -> None:
        seen.append(gc.isenabled())

    was_enabled = gc.isenabled()
    gc.enable()
    try:
        plan_program(program, EXAMPLES / "roster.csv", out_dir=tmp_path / "out",
                     today=date(2026, 11, 23), now=datetime(2026, 11, 23, 9).astimezone(),
                     pdf=False, stage=stage)
        assert seen and not any(seen)  # paused during every stage
        assert gc.isenabled()  # and back on afterwards
        gc.disable()  # a caller that turned it off keeps it off
        plan_program(program, EXAMPLES / "roster.csv", out_dir=tmp_path / "out",
                     today=date(2026, 11, 23), now=datetime(2026, 11, 23, 9).astimezone(),
                     pdf=False)
        assert not gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
