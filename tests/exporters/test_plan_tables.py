import csv
import io
from datetime import date, datetime, timedelta, timezone

from factories import make_infant

from groupwcc.exporters.plan_tables import (
    render_cohorts_csv,
    render_flags_csv,
    render_sessions_csv,
)
from groupwcc.models import Cohort, Flag, Session, UnplacedInfant


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_cohorts_csv_has_one_row_per_infant_and_no_notice_row():
    infants = {i.infant_id: i for i in (make_infant(n=1), make_infant(n=2))}
    cohort = Cohort(cohort_id="MAIN-2026-03-A", site="main", language="en",
                    infant_ids=("I-0001",), slot_id="main-tue-1000-Room")
    unplaced = [UnplacedInfant(infant_id="I-0002", status="forming", reason="waiting for births",
                               start_by=date(2026, 5, 1))]
    rows = _rows(render_cohorts_csv([cohort], unplaced, infants))
    assert rows[0][:6] == ["cohort_id", "infant_id", "family_id", "site", "language",
                           "date_of_birth"]
    assert rows[1][:2] == ["MAIN-2026-03-A", "I-0001"]
    assert rows[2][0] == "" and rows[2][8:] == ["forming", "waiting for births", "2026-05-01"]
    assert len(rows) == 3  # header + two records: the notice lives in NOTICE.txt
    # No names in the coordinator table (minimum necessary).
    assert b"Baby1" not in render_cohorts_csv([cohort], unplaced, infants)


def test_sessions_csv_has_offsets_and_no_notice():
    start = datetime(2026, 12, 1, 10, tzinfo=timezone(timedelta(hours=-5)))
    session = Session(session_id="S-M2", cohort_id="C", visit="m2", start=start,
                      end=start + timedelta(hours=2), site="main", room="Room A")
    rows = _rows(render_sessions_csv([session]))
    assert rows[1][3] == "2026-12-01T10:00:00-05:00"
    assert len(rows) == 2


def test_flags_csv_neutralises_formula_like_text():
    flag = Flag(infant_id="I-1", session_id="S", reason="=HYPERLINK(\"http://x\")")
    rows = _rows(render_flags_csv([flag]))
    assert rows[1][2].startswith("'=")
