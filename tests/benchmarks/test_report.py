"""The benchmark report: the demo-plan PDF ratio target and its table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import report  # noqa: E402

NAME = "`make demo`'s plan with PDFs ≤ 1.5 × with `--no-pdf`"


def _results(demo: dict[str, object] | None) -> dict[str, object]:
    results: dict[str, object] = {"cold_start": {"ratio": 1.2, "runs": 1, "help_seconds": 0.1,
                                                 "typer_seconds": 0.08}, "sizes": []}
    if demo is not None:
        results["demo_plan"] = demo
    return results


def _demo(pdf: float, plain: float) -> dict[str, object]:
    return {"runs": 3, "pdf_seconds": pdf, "no_pdf_seconds": plain,
            "ratio": round(pdf / plain, 3)}


@pytest.mark.parametrize(("pdf", "plain", "status"), [(1.4, 1.25, "pass"), (2.0, 1.25, "fail")])
def test_demo_ratio_target_passes_or_fails_on_the_measured_ratio(pdf: float, plain: float,
                                                                 status: str) -> None:
    (target,) = [t for t in report.evaluate_targets(_results(_demo(pdf, plain)))
                 if t["name"] == NAME]
    assert target["status"] == status and target["value"] == round(pdf / plain, 3)


def test_a_missing_or_failed_demo_run_is_not_a_pass() -> None:
    for demo, status in ((None, "skipped"), ({"error": "plan exited 2"}, "error")):
        (target,) = [t for t in report.evaluate_targets(_results(demo)) if t["name"] == NAME]
        assert target["status"] == status


def test_demo_table_shows_both_times_and_the_ratio() -> None:
    table = report._demo_table({"demo_plan": _demo(1.4, 1.25)})
    assert "| `groupwcc plan --no-pdf` | 1.25 |" in table and "| ratio | 1.12× |" in table
    assert report._demo_table({"demo_plan": {"error": "x"}}) == ""
