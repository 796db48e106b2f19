"""The worker pool of exporters/pdf.py: kept for later batches, largest documents first, and
every PDF back in the caller's order."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import groupwcc.exporters.pdf as pdf_module
from groupwcc.exporters.guides import guide_job
from groupwcc.exporters.pdf import render_pdfs
from groupwcc.exporters.sheets import sheet_job

ROOT = Path(__file__).resolve().parents[2]


def test_pool_is_reused_by_the_next_batch_and_order_is_kept(
        monkeypatch: pytest.MonkeyPatch, session, agenda, members, config, cohort) -> None:
    sheet = sheet_job(session, agenda, members, config=config, cohort=cohort,
                      visit_label="4-month")
    guide = guide_job(agenda, session, config=config, cohort=cohort)
    jobs = [sheet, sheet, guide, sheet, guide, sheet]
    # Guides weigh more, so the workers get them first; the answer is still in job order.
    assert pdf_module._weight(guide) > pdf_module._weight(sheet)
    monkeypatch.setattr(pdf_module, "PARALLEL_FROM", 2)
    pdf_module.shutdown_workers()
    try:
        first = render_pdfs(jobs, processes=2)
        pool = pdf_module._POOL[2]
        second = render_pdfs(jobs[::-1], processes=2)
        assert pdf_module._POOL[2] is pool
    finally:
        pdf_module.shutdown_workers()
    assert pdf_module._POOL == {}
    alone = render_pdfs([sheet, guide], processes=1)
    assert first == [alone[0], alone[0], alone[1], alone[0], alone[1], alone[0]]
    assert second == first[::-1]


WORKER_SCRIPT = """
import multiprocessing, sys, time
import groupwcc.exporters.pdf as pdf_module
from groupwcc.exporters.pdf import PdfJob, render_pdfs
from datetime import datetime, UTC

if __name__ == "__main__":
    pdf_module.PARALLEL_FROM = 2
    data = {"program": "P", "today": "2027-01-04", "rows": [], "actions": [], "notice": "n",
            "notice_short": "n", "lang": "en", "paper": "a4", "title": "t", "ui": UI}
    job = PdfJob("followup", data, datetime(2027, 1, 4, tzinfo=UTC), title="t")
    render_pdfs([job] * 4, processes=2)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(120)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    from groupwcc import i18n

    script = tmp_path / "render.py"
    script.write_text(WORKER_SCRIPT.replace("UI}", f"{i18n.ui('en')!r}}}"), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = parent.stdout.readline() if parent.stdout else ""
        workers = [int(pid) for pid in line.split()]
        assert workers, line
    finally:
        parent.kill()  # SIGKILL: no clean-up code runs in the parent
        parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie (ended, not yet reaped) is gone too
    return not stat.exists() or stat.read_text("ascii").split(")")[-1].split()[0] != "Z"
