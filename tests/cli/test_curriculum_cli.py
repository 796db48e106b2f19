"""``groupwcc curriculum check`` warns when an exam rotation cannot fit (issue 15 §2)."""

from __future__ import annotations

from typer.testing import CliRunner

from groupwcc.cli import get_app
from groupwcc.readers.curriculum import builtin_curriculum_path


def _check(*extra: str):  # type: ignore[no-untyped-def]
    path = str(builtin_curriculum_path("en"))
    return CliRunner().invoke(get_app(), ["curriculum", "check", path, *extra],
                              env={"COLUMNS": "400"})


def test_a_full_cohort_with_one_clinician_fits_the_builtin_window():
    done = _check()
    assert done.exit_code == 0, done.output
    assert "warning" not in done.output and "no problems found." in done.output


def test_ten_babies_with_one_clinician_warn_at_every_visit_and_still_pass():
    done = _check("--babies", "10", "--clinicians", "1")
    assert done.exit_code == 0, done.output
    # 10 × 10 min = 100 min > the 90-minute window (minute 25 to 115), at each of 10 visits
    assert done.output.count("warning:") == 10
    assert "visit m1: the exam rotation does not fit: 10 babies × 10 min with 1 clinician(s) " \
           "need 100 min, but the exam window is 90 min" in done.output
    assert "no problems found, 10 warning(s)." in done.output
    assert _check("--babies", "10", "--clinicians", "2").output.count("warning:") == 0
