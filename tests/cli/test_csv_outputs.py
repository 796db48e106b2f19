"""Every CSV output is data only: one header row, then records (issue 12).

A trailing notice line used to be read as a junk record by csv.DictReader and pandas.read_csv;
the 42 CFR Part 2 notice now travels in NOTICE.txt beside each CSV with personal data.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def _both_readers(path: Path) -> list[dict[str, str]]:
    """The records as csv.DictReader reads them, checked equal to what pandas reads."""
    import pandas as pd  # the dev extra; imported here because ruff bans it at module level

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM for Excel"
    assert b"\r\n" in data and b"CONFIDENTIAL" not in data, path.name
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == list(records[0]) if records else True
    assert frame.to_dict("records") == records, f"{path.name}: pandas and csv disagree"
    return records


def _notice_beside(path: Path) -> None:
    assert "42 CFR part 2" in (path.parent / "NOTICE.txt").read_text(encoding="utf-8")


def test_plan_csvs_read_back_to_exactly_their_records(planned) -> None:  # type: ignore[no-untyped-def]
    cohorts = _both_readers(planned.out / "cohorts.csv")
    assert len(cohorts) == 42  # one per roster row, placed or not
    assert {r["infant_id"] for r in cohorts} == {f"I{n:03d}" for n in range(1, 43)}
    sessions = _both_readers(planned.out / "sessions.csv")
    assert [r["session_id"] for r in sessions] == [
        r[0] for r in planned.query("SELECT session_id FROM sessions ORDER BY start, session_id")]
    flags = _both_readers(planned.out / "flags.csv")
    assert [(r["infant_id"], r["session_id"]) for r in flags] == planned.query(
        "SELECT infant_id, session_id FROM flags ORDER BY id")
    attendance = _both_readers(planned.out / "sheets" / "attendance.csv")
    assert {r["session_id"] for r in attendance} == {"MAIN-2026-08-B-M2", "MAIN-2026-05-A-M6",
                                                      "MAIN-2026-08-A-M4", "EAST-2026-06-A-M6"}
    assert len(attendance) == 4 + 7 + 4 + 5  # the active members of those four cohorts
    for name in ("cohorts.csv", "flags.csv", "sheets/attendance.csv"):
        _notice_beside(planned.out / name)


def test_the_exported_attendance_csv_imports_back(planned) -> None:  # type: ignore[no-untyped-def]
    path = planned.out / "sheets" / "attendance.csv"
    rows = _both_readers(path)
    rows[0]["status"] = "attended"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    result = planned.cli_at("2026-12-20", "attendance", "import", str(path))
    assert result.exit_code == 0, result.output
    assert planned.query("SELECT session_id, infant_id, status FROM attendance") == [
        (rows[0]["session_id"], rows[0]["infant_id"], "attended")]


def test_followup_csv_reads_back_to_its_records(planned) -> None:  # type: ignore[no-untyped-def]
    marked = planned.cli_at("2026-11-25", "attendance", "mark", "MAIN-2026-08-B-M2", "I034",
                            "absent")
    assert marked.exit_code == 0, marked.output
    result = planned.cli_at("2026-11-25", "followup", "--out", str(planned.out), "--no-pdf")
    assert result.exit_code == 0, result.output
    path = planned.out / "followup" / "followup-2026-11-25.csv"
    records = _both_readers(path)
    assert [r["infant_id"] for r in records] == ["I034"]
    _notice_beside(path)
