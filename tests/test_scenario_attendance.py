"""The scripted scenario of the attendance issue, through the command line.

Plan the example on 2026-11-23; export the attendance workbook; fill in three sessions (two of
cohort MAIN-2026-08-B, one of MAIN-2026-05-A); import it, import it again (nothing changes),
correct one status; then check the follow-up list and the report against numbers worked out by
hand below. The few facts taken from the plan (session dates, birth dates) are asserted first,
so a change in the example or the scheduler fails here with a clear message.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parent.parent
T0, T1 = "2026-11-23", "2027-01-06"  # planning day, day of the imports

M2_B, M4_B, M6_A = "MAIN-2026-08-B-M2", "MAIN-2026-08-B-M4", "MAIN-2026-05-A-M6"
FILLED = {
    M2_B: {"I034": "attended", "I035": "Late", "I036": "absent", "I037": "excused"},
    M6_A: {"I012": "attended", "I013": "attended", "I014": "absent", "I015": "attended",
           "I016": "attended", "I017": "Individual Visit"},  # I018 left blank: not recorded
    M4_B: {"I034": "attended", "I035": "absent", "I036": "absent", "I037": "attended"},
}


def _cli(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(get_app(), [*args, "--config", str(folder / "groupwcc.yaml")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _fill(source: Path, target: Path, filled: dict[str, dict[str, str]]) -> None:
    """Type statuses into the exported workbook, by infant id, as a coordinator would."""
    from openpyxl import load_workbook

    book = load_workbook(source)
    for tab, statuses in filled.items():
        sheet = book[tab]
        header = [c.value for c in sheet[1]]
        id_col, status_col = header.index("infant_id") + 1, header.index("status") + 1
        for row in range(2, sheet.max_row + 1):
            infant = sheet.cell(row=row, column=id_col).value
            if infant in statuses:
                sheet.cell(row=row, column=status_col, value=statuses[infant])
        assert {sheet.cell(row=r, column=id_col).value for r in range(2, sheet.max_row + 1)} \
            >= set(statuses), f"{tab}: the example's cohort changed"
    book.save(target)


def _followup(folder: Path) -> list[dict[str, str]]:
    _cli(folder, "followup", "--today", T1, "--out", str(folder / "out"), "--no-pdf")
    text = (folder / "out" / "followup" / f"followup-{T1}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert not any(r["missed_in_a_row"].startswith("CONFIDENTIAL") for r in rows)  # data only
    assert "42 CFR part 2" in (folder / "out" / "followup" / "NOTICE.txt").read_text()
    return rows


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scenario")
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", folder / "groupwcc.yaml")
    _cli(folder, "plan", str(ROOT / "examples" / "roster.csv"), "--out", str(folder / "out"),
         "--today", T0, "--no-pdf")
    _cli(folder, "export", "sheets", "--from", "2026-11-24", "--to", "2027-01-05",
         "--today", T1, "--out", str(folder / "out"), "--no-pdf")
    return folder


def _sessions(folder: Path) -> dict[str, dict[str, str]]:
    text = (folder / "out" / "sessions.csv").read_text(encoding="utf-8-sig")
    return {r["session_id"]: r for r in csv.DictReader(io.StringIO(text))}


def test_plan_facts_the_hand_calculations_rely_on(scenario: Path) -> None:
    days = {k: v["start"][:10] for k, v in _sessions(scenario).items()}
    assert (days[M2_B], days[M6_A], days[M4_B]) == ("2026-11-24", "2026-12-01", "2027-01-05")
    later = [(k[-3:].strip("-"), d) for k, d in sorted(days.items(), key=lambda kv: kv[1])
             if k.startswith("MAIN-2026-08-B-") and d > T1]
    assert later == [("M6", "2027-03-16"), ("M9", "2027-05-25"), ("M12", "2027-09-21"),
                     ("M15", "2027-11-30"), ("M18", "2028-03-28"), ("M24", "2028-08-29")]


def test_the_attendance_loop(scenario: Path) -> None:
    folder = scenario
    workbook = folder / "out" / "sheets" / "attendance.xlsx"
    filled = folder / "filled.xlsx"
    _fill(workbook, filled, FILLED)

    # 1. First import: 4 + 6 + 4 = 14 statuses, three sessions become held.
    out = _cli(folder, "attendance", "import", str(filled), "--today", T1)
    assert "14 new, 0 changed, 0 unchanged; 3 session(s) now marked held" in out
    # 2. The same file again (someone imports it twice): nothing changes.
    out = _cli(folder, "attendance", "import", str(filled), "--today", T1)
    assert "0 new, 0 changed, 14 unchanged" in out

    # 3. Follow-up before the correction, as of 2027-01-06. Most recent recorded session:
    #    I036 absent at M2 and M4 (two in a row, first); I014 absent at M6; I035 late at M2 then
    #    absent at M4. I037 excused at M2 but came to M4; I018 has nothing recorded.
    assert [r["infant_id"] for r in _followup(folder)] == ["I036", "I014", "I035"]

    # 4. The correction: I014 came late to M6, not absent.
    corrected = folder / "corrected.xlsx"
    _fill(workbook, corrected, {**FILLED, M6_A: {**FILLED[M6_A], "I014": "late"}})
    out = _cli(folder, "attendance", "import", str(corrected), "--today", T1)
    assert "0 new, 1 changed, 13 unchanged" in out

    rows = {r["infant_id"]: r for r in _followup(folder)}
    assert list(rows) == ["I036", "I035"]
    i036, i035 = rows["I036"], rows["I035"]
    assert i036["missed_in_a_row"] == "2" and i035["missed_in_a_row"] == "1"
    assert i036["missed"] == "2-month 2026-11-24 (absent); 4-month 2027-01-05 (absent)"
    assert i036["next_session"] == "6-month Tue 2027-03-16 10:00"
    assert i036["phone"] and i036["cohort_id"] == "MAIN-2026-08-B"
    # No other cohort has a 4-month session still to come, so: an individual visit.
    # I036, born 2026-08-31: 4-month window 3 m (2026-11-30) .. 5 m (2027-01-31); doses from
    # 10 weeks (2026-11-09), rotavirus before 8 months (2027-04-30); from today 2027-01-06.
    assert i036["make_up"] == "individual 4-month visit 2027-01-06 to 2027-01-31"
    # I035, born 2026-09-01: window to 5 months = 2027-02-01.
    assert i035["make_up"] == "individual 4-month visit 2027-01-06 to 2027-02-01"

    _check_report(folder)

    # 5. One more status by hand, and a make-up visit recorded outside the group.
    _cli(folder, "attendance", "mark", M6_A, "I018", "absent", "--today", T1)
    out = _cli(folder, "attendance", "visit", "I035", T1, "--today", T1)
    assert "I035 seen on 2027-01-06 (m4 visit)" in out
    rows = {r["infant_id"]: r for r in _followup(folder)}
    # I035's missed M4 is made up; I018 (born 2026-05-23) missed M6: window 5 m (2026-10-23)
    # .. 7 m 15 d (2027-01-07), doses from 6 months (2026-11-23); from today -> two days left.
    assert list(rows) == ["I036", "I018"]
    assert rows["I018"]["make_up"] == "individual 6-month visit 2027-01-06 to 2027-01-07"


def _check_report(folder: Path) -> None:
    from groupwcc.api.context import load_program
    from groupwcc.api.report import build_report

    out = _cli(folder, "report", "--from", "2026-11-01", "--to", "2027-01-31", "--today", T1,
               "--out", str(folder / "out"))
    html = (folder / "out" / "report" / "report.html").read_text(encoding="utf-8")
    assert (folder / "out" / "report" / "figures" / "retention.png").is_file()
    # Attendance: 08-B: M2 attended 1 + late 1, M4 attended 2 = 4 of 8 (50.0 %);
    # 05-A: attended 4 + late 1 = 5 of 6 (83.3 %), with I017's individual visit 6 of 6.
    # All: 9 of 14 = 64.3 %; visit done 10 of 14 = 71.4 %.
    assert "Attendance 64.3 %" in out and "64.3 %" in html and "71.4 %" in html
    data = build_report(load_program(folder / "groupwcc.yaml"), first=date(2026, 11, 1),
                        last=date(2027, 1, 31), today=date(2027, 1, 6),
                        now=datetime(2027, 1, 6, 12))
    by_cohort = {r.key: (r.present, r.recorded) for r in data.by_cohort}
    assert by_cohort == {"MAIN-2026-05-A": (5, 6), "MAIN-2026-08-B": (4, 8)}
    assert [(r.key, r.present, r.recorded) for r in data.by_visit] == [
        ("m2", 2, 4), ("m4", 2, 4), ("m6", 5, 6)]
    # Retention: 08-B started (M2) with I034, I035 present; at M4 only I034 of them -> 1 of 2.
    # 05-A started at M6 with five present.
    assert [(p.visit, p.base, p.present) for p in data.retention] == [
        ("m2", 2, 2), ("m4", 2, 1), ("m6", 5, 5)]
    # On time, windows closing 2026-11-01..2027-01-06 after each cohort's first session:
    # m2: I034 (ends 12-08), I035 (12-01), I036 (12-01: 31 Nov -> 1 Dec), I037 (12-15); on time
    #     I034 attended, I035 late -> 2 of 4.
    # m4: MAIN-2026-08-A (first session 12-03) I033 (ends 2027-01-03), I028 (01-04); its M4
    #     session was never recorded -> 0 of 2.
    # m6: 05-A (from 12-01): I013 (12-31), I014 (01-05), I015, I016 (12-24), I017 (01-02);
    #     I012 (01-13) and I018 (01-07) close later. All five came or had the individual
    #     visit on 12-01 -> 5 of 5.
    on_time = {o.visit: (o.due, o.on_time) for o in data.on_time if o.due}
    assert on_time == {"m2": (4, 2), "m4": (2, 0), "m6": (5, 5)}
    # W30: nobody turns 15 or 30 months before 2027-02 -> empty denominators.
    assert (data.w30_rates.rate1_denominator, data.w30_rates.rate2_denominator) == (0, 0)
    # Projections for 08-B (remaining sessions asserted in the first test):
    # I034 born 09-08, 15-month birthday 2027-12-07; done M2, M4 = 2; left M6, M9, M12, M15
    #   = 4 = 6 - 2 -> at risk. Rate 2 (to 2029-03-07): M18, M24 = 2 needed -> at risk.
    # I035 born 09-01, 15 m on 2027-11-30 (M15 that day counts); done 1, left 4 < 5 -> cannot.
    # I036 born 08-31, 15 m on 2027-11-29; done 0, left M6, M9, M12 = 3 -> cannot; M15
    #   (11-30) falls after it, so rate 2 has M15, M18, M24 = 3 > 2 -> on track.
    # I037 born 09-15, 15 m on 2027-12-14; done M4 = 1, left 4 < 5 -> cannot meet.
    w30 = {s.infant_id: (s.birthday_15m, s.visits_rate1, s.projection1, s.projection2)
           for s in data.w30}
    assert w30["I034"] == (date(2027, 12, 7), 2, "at risk", "at risk")
    assert w30["I035"] == (date(2027, 11, 30), 1, "cannot meet", "at risk")
    assert w30["I036"] == (date(2027, 11, 29), 0, "cannot meet", "on track")
    assert w30["I037"] == (date(2027, 12, 14), 1, "cannot meet", "at risk")
    # The report names no one (infant ids only): no first name, phone or birth date.
    roster = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(roster)))
    personal = {v for r in rows for v in (r["infant_first_name"], r["caregiver_first_name"],
                                          r["phone"], r["date_of_birth"]) if v}
    assert not [v for v in personal if v in html]
