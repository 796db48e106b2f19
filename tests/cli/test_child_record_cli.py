"""The child's record through the CLI on the planned example: ``vaccines import`` (located
errors, idempotent, audit counts only) and the due lists and pull list it changes."""

from __future__ import annotations

import json
from pathlib import Path

from groupwcc.readers.child_record import RecordImportError

ROOT = Path(__file__).resolve().parents[2]
SESSION = "MAIN-2026-05-A-M6"  # I012-I018, 6-month visit on 2026-12-01


def test_vaccines_import_records_once_and_audits_counts_only(planned):
    result = planned.cli("vaccines", "import", str(ROOT / "examples" / "vaccines.csv"))
    assert result.exit_code == 0, result.output
    assert "28 new dose(s)" in result.output
    again = planned.cli("vaccines", "import", str(ROOT / "examples" / "vaccines.csv"))
    assert "0 new dose(s), 28 already recorded" in again.output
    assert planned.query("SELECT count(*) FROM doses_given") == [(28,)]
    assert planned.query("SELECT count(*) FROM dose_history") == [(28,)]
    command, counts = planned.query(
        "SELECT command, counts FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert command == "vaccines import"
    assert json.loads(counts) == {"rows": 28, "added": 0, "unchanged": 28}


def test_vaccines_import_lists_every_bad_row_without_echoing_it(planned, tmp_path):
    bad = tmp_path / "registry.csv"
    bad.write_text("Patient ID,Vaccine Name,Date Administered\n"
                   "I012,DTaP,2026-07-30\n"
                   "I999,DTaP,2026-07-30\n"
                   "I013,Snakeoilvax,2026-07-30\n"
                   "I013,DTaP,07/32/2026\n"
                   "I013,DTaP,2026-01-02\n", encoding="utf-8")
    result = planned.cli("vaccines", "import", str(bad))
    assert isinstance(result.exception, RecordImportError)
    text = str(result.exception)
    assert "4 problem(s)" in text
    for where in ("row 3, column A (infant_id)", "row 4, column B (vaccine)",
                  "row 5, column C (date_given)", "row 6, column C (date_given)"):
        assert where in text
    assert "I999" not in text and "Snakeoilvax" not in text and "2026-01-02" not in text
    assert planned.query("SELECT count(*) FROM doses_given") == [(0,)]


def test_the_staff_agenda_follows_the_record_and_shows_a_pull_list(planned):
    before = planned.cli("agenda", SESSION)
    assert "pull list" not in before.output  # no records kept yet: unchanged agenda
    planned.cli("vaccines", "import", str(ROOT / "examples" / "vaccines.csv"))
    after = planned.cli("agenda", SESSION, today=False)
    assert after.exit_code == 0, after.output
    assert "HepB dose 4 — from record: due" in after.output  # HepB 3 at 4 months: too young
    assert "DTaP dose 2 — from record: past due since" in after.output  # I013 missed 4 months
    assert "DTaP dose 3 — no record:" in after.output
    pull = after.output.split("Vaccine pull list")[1]
    assert "DTaP: 7 (4 by visit age: no record)" in pull
    assert "RV: 6 (4 by visit age: no record)" in pull  # I012's two Rotarix doses complete RV


def test_screenings_import_opens_follow_up_and_a_suggested_referral(planned):
    result = planned.cli("screenings", "import", str(ROOT / "examples" / "screenings.csv"))
    assert result.exit_code == 0, result.output
    assert "1 referral(s) suggested" in result.output
    assert planned.query("SELECT infant_id, service, status FROM referrals") == [
        ("I028", "audiology", "suggested")]
    actions = planned.cli("screenings", "actions")
    assert "EPDS 10 or more" in actions.output and "Hearing refer" in actions.output
    command, counts = planned.query(
        "SELECT command, counts FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert command == "screenings import"
    assert json.loads(counts) == {"rows": 7, "added": 7, "unchanged": 0, "positive": 3,
                                  "referrals_suggested": 1}


def test_screenings_import_rejects_unknown_measures_and_values(planned, tmp_path):
    bad = tmp_path / "s.csv"
    bad.write_text("infant_id,date,measure,value\nI012,2026-11-10,epds.total,31\n"
                   "I012,2026-11-10,asq3.fine_motor,great\nI012,2026-11-10,phq9,4\n",
                   encoding="utf-8")
    result = planned.cli("screenings", "import", str(bad))
    text = str(result.exception)
    assert "3 problem(s)" in text and "outside the range of EPDS total" in text
    assert "not one of above, monitoring, below" in text and "unknown measure" in text
    assert planned.query("SELECT count(*) FROM screening_results") == [(0,)]


def test_referrals_add_update_list_and_overdue_on_followup(planned):
    added = planned.cli("referrals", "add", "I013", "recovery-services", "--status", "made")
    assert "Opened referral R-0001" in added.output, added.output
    moved = planned.cli("referrals", "update", "r-0001", "scheduled", "--on", "2026-12-02")
    assert "made → scheduled" in moved.output, moved.output
    assert planned.query("SELECT old_status, new_status FROM referral_history") == [
        (None, "made"), ("made", "scheduled")]
    listed = planned.cli("referrals", "list", "--open", today=False)
    assert "R-0001" in listed.output and "2026-12-02" in listed.output
    late = planned.cli_at("2026-12-03", "followup", "--out", str(planned.out), "--no-pdf")
    assert late.exit_code == 0, late.output
    assert "peer recovery coach" in late.output and "confirm the appointment" in late.output
    bad = planned.cli("referrals", "add", "I013", "astrology")
    assert "unknown service" in str(bad.exception)


def _fill(path: Path, tab: str, rows: dict[int, dict[str, str]]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book[tab]
    header = [c.value for c in sheet[1]]
    for number, cells in rows.items():
        for column, value in cells.items():
            sheet.cell(row=number, column=header.index(column) + 1).value = value
    book.save(path)


def test_attendance_workbook_records_vaccines_given_and_screening_results(planned):
    sheet = planned.out / "sheets" / "attendance.xlsx"
    tab = "MAIN-2026-08-B-M2"  # 2026-11-24: 2-month visit; EPDS and hearing due, no M-CHAT
    import openpyxl

    header = [c.value for c in openpyxl.load_workbook(sheet)[tab][1]]
    assert {"given DTaP", "given RV", "epds.total", "epds.item10", "hearing.result"} <= set(
        header)
    assert "mchat.score" not in header and "asq3.fine_motor" not in header
    _fill(sheet, tab, {2: {"status": "attended", "given DTaP": "yes", "given PCV": "133",
                           "given RV": "Rotarix", "epds.total": "12", "epds.item10": "1"},
                       3: {"status": "absent", "given HepB": "yes"},
                       4: {"status": "attended", "given Hib": "Snakeoilvax"}})
    bad = planned.cli_at("2026-11-25", "attendance", "import", str(sheet))
    text = str(bad.exception)
    assert "2 problem(s)" in text and "row 3" in text and "row 4" in text
    assert "Snakeoilvax" not in text
    _fill(sheet, tab, {3: {"given HepB": None}, 4: {"given Hib": "48"}})
    good = planned.cli_at("2026-11-25", "attendance", "import", str(sheet))
    assert good.exit_code == 0, str(good.exception)
    assert planned.query("SELECT cvx, given_on FROM doses_given ORDER BY cvx") == [
        ("107", "2026-11-24"), ("119", "2026-11-24"), ("133", "2026-11-24"),
        ("48", "2026-11-24")]
    actions = planned.cli_at("2026-11-25", "screenings", "actions")
    assert "EPDS item 10 positive" in actions.output and "overdue" in actions.output
    counts = json.loads(planned.query(
        "SELECT counts FROM audit_log ORDER BY id DESC LIMIT 1")[0][0])
    assert counts["doses_added"] == 4 and counts["positive"] == 2


def test_the_pull_list_is_on_the_guide_staff_page_only(planned):
    planned.cli("vaccines", "import", str(ROOT / "examples" / "vaccines.csv"))
    result = planned.cli("export", "guides", "--out", str(planned.out), "--no-pdf")
    assert result.exit_code == 0, result.output
    html = (planned.out / "guides" / f"{SESSION}.html").read_text(encoding="utf-8")
    group, staff = html.split('<section class="staff">')
    assert "Vaccine pull list" in staff and "Vaccine pull list" not in group
    assert "<li>DTaP: 7 (4 by visit age: no record)</li>" in staff
    calendars = "".join(p.read_text(encoding="utf-8")
                        for p in (planned.out / "calendar").glob("*.ics"))
    assert "pull list" not in calendars.casefold()


def test_vaccines_import_reads_an_xlsx_export_with_dates_and_us_dates(planned, tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Patient ID", "CVX Code", "Vaccine Name", "Date Administered"])
    sheet.append(["I012", 8, None, dt.datetime(2026, 5, 29)])  # Excel drops the leading 0
    sheet.append(["I012", None, "Pediarix", "07/30/2026"])
    path = tmp_path / "registry.xlsx"
    book.save(path)
    result = planned.cli("vaccines", "import", str(path))
    assert result.exit_code == 0, str(result.exception)
    assert planned.query("SELECT cvx, given_on FROM doses_given ORDER BY given_on") == [
        ("08", "2026-05-29"), ("110", "2026-07-30")]


def test_the_printed_follow_up_list_shows_open_screen_items_same_day_first(planned, tmp_path):
    # Clinician review: an EPDS item-10 positive (same-day safety item) was only on screen.
    from pypdf import PdfReader

    screens = tmp_path / "screens.csv"
    screens.write_text("infant_id,date,measure,value\nI034,2026-11-23,epds_item10,2\n"
                       "I035,2026-11-16,epds_total,13\n", encoding="utf-8")
    result = planned.cli("screenings", "import", str(screens))
    assert result.exit_code == 0, result.output
    done = planned.cli("followup", "--out", str(planned.out))
    assert done.exit_code == 0, done.output
    pdf = next((planned.out / "followup").glob("followup-*.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Screens and referrals to act on" in text
    assert text.index("I034") < text.index("I035")  # due today before due within a week
    html = next((planned.out / "followup").glob("followup-*.html")).read_text(encoding="utf-8")
    assert "I034" in html and "I035" in html


def test_open_screen_items_are_on_the_session_staff_page(planned, tmp_path):
    # Clinician review: a baby's open positive screen did not show at the next session.
    screens = tmp_path / "screens.csv"
    screens.write_text("infant_id,date,measure,value\nI013,2026-11-16,epds_total,13\n",
                       encoding="utf-8")
    assert planned.cli("screenings", "import", str(screens)).exit_code == 0
    [(session_id,)] = planned.query(
        "SELECT s.session_id FROM sessions s JOIN cohort_members m USING (cohort_id) "
        "WHERE m.infant_id = 'I013' AND s.start > '2026-11-23' ORDER BY s.start LIMIT 1")
    result = planned.cli("export", "guides", "--out", str(planned.out), "--no-pdf",
                         "--from", "2026-11-23", "--to", "2027-06-30")
    assert result.exit_code == 0, result.output
    html = (planned.out / "guides" / f"{session_id}.html").read_text(encoding="utf-8")
    assert "Open (" in html and "EPDS" in html
