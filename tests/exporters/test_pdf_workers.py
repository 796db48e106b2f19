"""The worker pool of exporters/pdf.py: kept for later batches, largest documents first, and
every PDF back in the caller's order."""

from __future__ import annotations

import pytest

import groupwcc.exporters.pdf as pdf_module
from groupwcc.exporters.guides import guide_job
from groupwcc.exporters.pdf import render_pdfs
from groupwcc.exporters.sheets import sheet_job


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
