"""Hostile input (issue 14): the API/output/error items 1, 3, 9, 11, 12, 13, 16 and 17.

Each test is named after its item and checks the CLASS of defect with several variants, not
only the example from the issue. Every name, phone and date below is invented.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from console import Result, run

from groupwcc.api.outputs import (
    STAGING_PREFIX,
    OutputSet,
    check_relative,
    safe_name,
    write_outputs,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"
HOSTILE_IDS = ["../../../../victim/x", "..", ".", "/etc/passwd", "a/b", "a\\b", "nul\x00byte",
               "x" * 500, "CON", "nul.txt", "lpt1", ".hidden", "~", "é-ü", " ", "", "a:b",
               "-rf", "a\nb", "\u202egpj.exe"]


# --- helpers ----------------------------------------------------------------------------------


pytestmark = pytest.mark.usefixtures("console_capsys")  # run() reads the test's capsys


@pytest.fixture
def program(tmp_path: Path) -> Path:
    folder = tmp_path / "program"
    folder.mkdir()
    shutil.copy(EXAMPLES / "groupwcc.yaml", folder / "groupwcc.yaml")
    shutil.copy(EXAMPLES / "roster.csv", folder / "roster.csv")
    return folder


def plan(folder: Path, *extra: str, out: Path | None = None) -> Result:
    return run("plan", str(folder / "roster.csv"), "--config", str(folder / "groupwcc.yaml"),
               "--out", str(out or folder / "out"), "--today", TODAY, "--no-pdf", *extra)


def _set_family(roster: Path, family_id: str) -> None:
    """Give the first family of the example roster ``family_id``."""
    text = roster.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    first = rows[1][1]
    for row in rows[1:]:
        if row[1] == first:
            row[1] = family_id
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    roster.write_text(buffer.getvalue(), encoding="utf-8")


def _files_outside(root: Path, inside: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_relative_to(inside)]


def _rename_in_db(db: Path, cohort: str, new_cohort: str, new_site: str) -> None:
    """Give a planned cohort, its sessions and their site hostile ids, as a tampered or
    migrated database could (config and roster checks cannot see these)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE cohorts SET cohort_id=? WHERE cohort_id=?", (new_cohort, cohort))
        conn.execute("UPDATE cohort_members SET cohort_id=? WHERE cohort_id=?",
                     (new_cohort, cohort))
        conn.execute("UPDATE sessions SET cohort_id=?, site=?, "
                     "session_id=? || '/' || session_id WHERE cohort_id=?",
                     (new_cohort, new_site, new_cohort, cohort))


# --- item 1: a roster value becomes a path ---------------------------------------------------


@pytest.mark.parametrize("identifier", HOSTILE_IDS)
def test_item_01_safe_name_never_leaves_its_folder(identifier: str, tmp_path: Path) -> None:
    name = safe_name(identifier)
    assert check_relative(f"calendar/families/{name}.ics")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name) <= 80 and name.split(".")[0].upper() not in {"CON", "NUL", "LPT1"}
    assert safe_name(name) == name  # stable: a safe name maps to itself
    written = write_outputs(tmp_path / "out", _one(f"calendar/{name}.ics"))
    assert all(p.resolve().is_relative_to((tmp_path / "out").resolve()) for p in written)


def _one(relative: str) -> OutputSet:
    outputs = OutputSet()
    outputs.add(relative, "x")
    return outputs


def test_item_01_distinct_ids_never_share_a_file() -> None:
    names = {safe_name(i) for i in HOSTILE_IDS} | {safe_name("x" * 501), safe_name("a_b")}
    assert len(names) == len(HOSTILE_IDS) + 2


@pytest.mark.parametrize("relative", ["../x.csv", "a/../../x.csv", "/etc/x", "a\\..\\x",
                                      "a//b", "calendar/.hidden", "calendar/CON.ics",
                                      "a/b\x00c", "calendar/a b.ics", "x" * 121])
def test_item_01_an_unsafe_path_is_a_bug_not_a_write(relative: str) -> None:
    with pytest.raises(ValueError):
        OutputSet().add(relative, "x")


def test_item_01_family_id_with_dots_stays_inside_out(program: Path) -> None:
    _set_family(program / "roster.csv", "../../../../victim/x")
    assert plan(program).exit_code == 0
    out = program / "out"
    result = run("export", "calendar", "--config", str(program / "groupwcc.yaml"),
                 "--out", str(out), "--families", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert _files_outside(program.parent, program) == []
    families = sorted(p.name for p in (out / "calendar" / "families").iterdir())
    assert safe_name("../../../../victim/x") + ".ics" in families
    assert not (program.parent / "victim").exists()


@pytest.mark.parametrize("hostile", ["../../victim/c", "..", "a/b", "CON", "x" * 60])
def test_item_01_cohort_session_and_site_ids_from_the_database_stay_inside(
        program: Path, hostile: str) -> None:
    assert plan(program).exit_code == 0
    _rename_in_db(program / "groupwcc.db", "MAIN-2026-08-A", hostile, hostile)
    out = program / "exported"
    common = ("--config", str(program / "groupwcc.yaml"), "--out", str(out), "--today", TODAY)
    assert run("export", "calendar", *common, "--families").exit_code == 0
    for kind in ("sheets", "guides"):
        result = run("export", kind, *common, "--from", "2026-11-23", "--to", "2027-03-01",
                     "--no-pdf")
        assert result.exit_code == 0, result.output
    assert _files_outside(program.parent, program) == []
    assert not (program.parent / "victim").exists()
    names = {p.name for p in out.rglob("*")}
    assert f"{safe_name(hostile)}.ics" in names


def test_item_01_a_symlinked_subfolder_leading_outside_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "calendar").symlink_to(elsewhere)
    from groupwcc.errors import UserError

    with pytest.raises(UserError, match="outside the output folder"):
        write_outputs(out, _one("calendar/program.ics"))
    assert list(elsewhere.iterdir()) == []


def test_item_01_never_chmods_folders_it_did_not_create(tmp_path: Path) -> None:
    out = tmp_path / "shared-out"
    out.mkdir()
    (out / "calendar").mkdir()
    out.chmod(0o755)
    (out / "calendar").chmod(0o750)
    write_outputs(out, _one("calendar/program.ics"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "calendar").stat().st_mode) == 0o750


# --- item 12: the audit log takes the real clock ----------------------------------------------


def test_item_12_audit_entries_take_the_real_clock_not_today(program: Path) -> None:
    from datetime import UTC, datetime

    before = datetime.now(UTC).replace(microsecond=0)
    assert plan(program).exit_code == 0  # --today 2026-11-23
    assert run("export", "calendar", "--config", str(program / "groupwcc.yaml"), "--out",
               str(program / "out"), "--today", "2031-01-01").exit_code == 0
    with sqlite3.connect(program / "groupwcc.db") as conn:
        stamps = [datetime.fromisoformat(r[0]) for r in conn.execute("SELECT at FROM audit_log")]
    after = datetime.now(UTC)
    assert len(stamps) == 2 and all(before <= s <= after for s in stamps), stamps


# --- item 13: a database password is never echoed ---------------------------------------------


@pytest.mark.parametrize("url", [
    "postgresql://coordinator:S3cretPw@127.0.0.1:1/groupwcc",
    "postgresql+nodriver://coordinator:S3cretPw@db.example/groupwcc",
    "postgresql://coordinator:S3cretPw@[bad/groupwcc",
    "mysql://coordinator:S3cretPw@127.0.0.1:1/g?x=1",
    "notascheme://coordinator:S3cretPw@host/x",
])
@pytest.mark.parametrize("command", [("sessions", "list"), ("db", "upgrade"), ("db", "show")])
def test_item_13_a_database_password_is_masked_everywhere(program: Path, url: str,
                                                          command: tuple[str, ...]) -> None:
    result = run(*command, "--config", str(program / "groupwcc.yaml"), "--db", url)
    assert result.exit_code != 0
    assert "S3cretPw" not in result.output
    assert "Traceback" not in result.output


def test_item_13_masking_helper_covers_every_message() -> None:
    from groupwcc.cli.errors import mask_secrets

    text = ("cannot open 'postgresql://u:p%40ss@h/db' nor mysql+x://a:b@c, postgresql://u:p@ss@h"
            " and keep http://h/x")
    masked = mask_secrets(text)
    assert "p%40ss" not in masked and ":b@" not in masked and "http://h/x" in masked
    assert "ss@h" not in masked and "postgresql://u:***@h" in masked


# --- item 17: formula-like text keeps Excel's quote prefix ------------------------------------


@pytest.mark.parametrize("hostile", ["=HYPERLINK(\"http://x.example\",\"y\")", "+1-555-0100",
                                     "-2+3", "@SUM(A1)", "=1+1"])
def test_item_17_formula_like_text_cells_carry_the_quote_prefix(hostile: str) -> None:
    from factories import make_infant
    from openpyxl import load_workbook

    from groupwcc.exporters.workbook import render_workbook

    session = _session()
    infant = make_infant(n=1, caregiver_first_name=hostile, first_name="Sunny")
    plain = make_infant(n=2, caregiver_first_name="Maple", first_name="Plain")
    data = render_workbook([(session, [infant, plain], "4 months")])
    book = load_workbook(io.BytesIO(data))
    sheet = book[session.session_id]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if c.value}
    hostile_cells = [c for v, c in cells.items() if isinstance(v, str) and hostile in v]
    assert hostile_cells and all(c.quotePrefix for c in hostile_cells)
    assert all(c.data_type == "s" for c in hostile_cells)
    plain_cells = [c for v, c in cells.items() if v in ("Plain", "Maple")
                   or (isinstance(v, str) and v.startswith("Maple"))]
    assert plain_cells and not any(c.quotePrefix for c in plain_cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode()


def _session():  # type: ignore[no-untyped-def]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from groupwcc.models import Session

    tz = ZoneInfo("America/New_York")
    return Session(session_id="MAIN-2026-08-A-M4", cohort_id="MAIN-2026-08-A", visit="m4",
                   start=datetime(2026, 12, 1, 10, tzinfo=tz),
                   end=datetime(2026, 12, 1, 12, tzinfo=tz), site="main", room="Room A",
                   status="scheduled")


# --- item 3: outputs are replaced only after the database committed -------------------------


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _db_counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                     for t in ("infants", "cohorts", "sessions", "audit_log", "export_ledger"))


def _drop_last_rows(roster: Path, n: int) -> None:
    lines = roster.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    roster.write_text("".join(lines[:-n]), encoding="utf-8")


@pytest.mark.parametrize("failure", ["at the last step", "at commit"])
def test_item_03_a_failure_at_commit_replaces_no_output(program: Path, failure: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert plan(program).exit_code == 0
    out = program / "out"
    before, counts = _snapshot(out), _db_counts(program / "groupwcc.db")
    _drop_last_rows(program / "roster.csv", 6)  # the next plan would change files
    if failure == "at the last step":
        import groupwcc.api.plan as plan_module

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("Harbor Fakely 555-0116")

        monkeypatch.setattr(plan_module, "_record", broken)
    else:
        _fail_commits(monkeypatch)
    result = plan(program)
    assert result.exit_code == (70 if failure == "at the last step" else 1), result.output
    assert "Harbor" not in result.output and "555-0116" not in result.output
    assert _snapshot(out) == before
    assert _db_counts(program / "groupwcc.db") == counts
    assert not list(out.rglob(".*")), "a hidden staging or temporary file was left"


def _fail_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every commit fail as a full disk does (SQLite's SQLITE_FULL)."""
    from contextlib import contextmanager

    import sqlalchemy as sa

    from groupwcc.store.engine import Store

    @contextmanager
    def transaction(self: Store, *, lock: bool = False):  # type: ignore[no-untyped-def]
        with self.engine.connect() as conn:
            trans = conn.begin()
            yield conn
            trans.rollback()
            full = sqlite3.OperationalError("database or disk is full")
            raise sa.exc.OperationalError("COMMIT", {}, full)

    monkeypatch.setattr(Store, "transaction", transaction)


def test_item_03_stale_staging_of_a_killed_run_is_removed_live_one_kept(program: Path) -> None:
    out = program / "out"
    stale = out / f"{STAGING_PREFIX}999999999"
    live = out / f"{STAGING_PREFIX}1"  # pid 1 always exists: another run still staging
    for folder in (stale, live):
        (folder / "sheets").mkdir(parents=True)
        (folder / "sheets" / "attendance.csv").write_text("I001,Nimbus Stubbins\n")
    assert plan(program).exit_code == 0
    assert not stale.exists()
    assert live.exists()
    shutil.rmtree(live)
    assert not list(out.rglob(".*"))


def test_item_03_a_full_disk_fails_cleanly_and_keeps_the_old_outputs(program: Path) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the commit failure is tested above")
    import subprocess

    out = program / "small"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(out)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        (out / "old.txt").write_text("kept")
        result = plan(program, out=out)
        assert result.exit_code == 1, result.output
        assert "cannot write the output files" in result.output
        assert "Traceback" not in result.output
        assert sorted(p.name for p in out.iterdir()) == ["old.txt"]
        assert not (program / "groupwcc.db").exists()  # created by this run, nothing saved
    finally:
        subprocess.run(["umount", str(out)], check=False)


# --- item 9: located errors, never a traceback; a bug exits 70 without data ------------------


def _config(program: Path, replace: tuple[str, str] | None = None, append: str = "") -> None:
    path = program / "groupwcc.yaml"
    text = path.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path.write_text(text + append, encoding="utf-8")


@pytest.mark.parametrize(("replace", "append", "expected"), [
    (("2026-12-24", "2026-02-30"), "", "groupwcc.yaml:{closures}: 2026-02-30 is not a real date"),
    (("2026-12-24", "2026-13-01"), "", "2026-13-01"),
    (None, "visits: []\n", "visits"),
    (("subdivision: PA}", "subdivision: PA, categories: [bogus]}"), "", "categories"),
    (("uid_domain: calendar.example-family-clinic.example}",
      'uid_domain: x.example, calendar_name_template: "{nope} {"}'), "",
     "calendar_name_template"),
    (("uid_domain: calendar.example-family-clinic.example}",
      'uid_domain: x.example, calendar_name_template: "{program:>99999999999}"}'), "",
     "calendar_name_template"),
    (None, "deep: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    (None, "deep: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", "nested too deeply"),
])
def test_item_09_config_mistakes_are_located_errors(program: Path, replace: tuple[str, str],
                                                    append: str, expected: str) -> None:
    _config(program, replace, append)
    result = plan(program)
    assert result.exit_code == 1, result.output
    lines = (program / "groupwcc.yaml").read_text(encoding="utf-8").splitlines()
    closures = next(n for n, line in enumerate(lines, 1) if line.startswith("closures:"))
    assert expected.replace("{closures}", str(closures)) in result.output
    assert "Traceback" not in result.output and "Internal error" not in result.output


def test_item_09_an_unquoted_time_is_read_as_the_time(program: Path) -> None:
    _config(program, ('start: "10:00", end: "12:00"', "start: 10:00, end: 12:00"))
    assert plan(program).exit_code == 0
    sessions = (program / "out" / "sessions.csv").read_text(encoding="utf-8-sig")
    assert "10:00" in sessions


def test_item_09_out_and_db_mistakes_are_located_errors(program: Path) -> None:
    (program / "a-file").write_text("x")
    (program / "a-folder").mkdir()
    (program / "blocked" / "sheets").mkdir(parents=True)
    (program / "blocked" / "calendar").write_text("a file where a folder goes")
    (program / "blocked" / "sheets" / "attendance.csv").mkdir()
    checks = [(plan(program, out=program / "blocked"), "is a file; groupwcc writes a folder"),
              (plan(program, out=program / "blocked"), "is a file"),(plan(program, out=program / "a-file"), "is a file, not a folder"),
              (plan(program, "--db", str(program / "a-folder")), "is a folder"),
              (plan(program, out=program / "a-file" / "sub"), "a-file")]
    for result, expected in checks:
        assert result.exit_code == 1, result.output
        assert expected in result.output
        assert "Internal error" not in result.output


@pytest.mark.parametrize("name", ["o[/]x", "[bold]out[/bold]", "[", "out]"])
def test_item_09_rich_markup_in_a_path_is_printed_as_written(program: Path, name: str) -> None:
    result = plan(program, out=program / name)
    assert result.exit_code == 0, result.output
    assert f"{name}/" in result.output.replace("\n", "")
    result = run("export", "calendar", "--config", str(program / "groupwcc.yaml"),
                 "--out", str(program / name))
    assert result.exit_code == 0 and name in result.output.replace("\n", "")


def test_item_09_a_bug_exits_70_says_where_to_report_and_shows_no_data(
        program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import groupwcc.api.plan as plan_module

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("Harbor Fakely, born 2026-03-08, phone 555-0102")

    monkeypatch.setattr(plan_module, "update_schedule", broken)
    result = plan(program)
    assert result.exit_code == 70
    assert "Internal error (KeyError)" in result.output
    assert "groupwcc/api/plan.py:" in result.output  # where, by our own frames
    assert "report it" in result.output
    for secret in ("Harbor", "Fakely", "2026-03-08", "555-0102", "Traceback"):
        assert secret not in result.output


# --- item 11: files and modes -----------------------------------------------------------------


def test_item_11_an_existing_world_readable_database_becomes_owner_only(program: Path) -> None:
    assert plan(program).exit_code == 0
    db = program / "groupwcc.db"
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if not path.exists():
            path.write_bytes(b"")
        path.chmod(0o666)
    assert run("sessions", "list", "--config", str(program / "groupwcc.yaml")).exit_code == 0
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_item_11_an_existing_out_keeps_its_mode_created_ones_are_private(
        program: Path) -> None:
    shared = program / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    assert plan(program, out=shared).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "sheets").stat().st_mode) == 0o700


def test_item_11_folders_created_under_umask_000_are_private(program: Path) -> None:
    old = os.umask(0)
    try:
        result = plan(program, "--db", str(program / "new" / "db" / "g.db"),
                      out=program / "made" / "deep" / "out")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for folder in (program / "made", program / "made" / "deep", program / "made/deep/out",
                   program / "new", program / "new" / "db"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((program / "new/db/g.db").stat().st_mode) == 0o600


def test_item_11_a_failed_run_leaves_no_empty_database(program: Path) -> None:
    (program / "roster.csv").write_text("not,a,roster\n1,2,3\n", encoding="utf-8")
    assert plan(program).exit_code == 1
    assert not list(program.glob("groupwcc.db*"))
    _config(program, ("2026-12-24", "2026-02-30"))
    assert plan(program).exit_code == 1
    assert not list(program.glob("groupwcc.db*"))


@pytest.mark.parametrize("command", [
    ("sessions", "list"), ("audit",), ("agenda", "MAIN-2026-08-A-M4"),
    ("cohorts", "explain", "I001"), ("export", "calendar"), ("export", "sheets"),
    ("export", "guides"), ("report",), ("followup",), ("calendar", "imported"),
    ("sessions", "cancel", "MAIN-2026-08-A-M4", "--reason", "snow"), ("attendance", "mark", "MAIN-2026-08-A-M4",
                                                  "I001", "present"),
])
def test_item_11_read_only_commands_never_create_a_database(program: Path,
                                                            command: tuple[str, ...]) -> None:
    typo = program / "groupwc.db"
    result = run(*command, "--config", str(program / "groupwcc.yaml"), "--db", str(typo),
                 "--out", str(program / "out")) if command[0] in ("export", "report",
                                                                 "followup") else \
        run(*command, "--config", str(program / "groupwcc.yaml"), "--db", str(typo))
    assert result.exit_code == 1, result.output
    assert f"no database at {typo}" in result.output.replace("\n", "")
    assert not list(program.glob("groupwc.db*"))
    assert not (program / "out").exists()


# --- item 16: the per-baby W30 table is its own owner-only file ------------------------------


def test_item_16_report_html_and_pdf_hold_no_infant_the_w30_file_does(program: Path) -> None:
    import re

    assert plan(program).exit_code == 0
    result = run("report", "--config", str(program / "groupwcc.yaml"), "--out",
                 str(program / "out"), "--from", "2026-11-01", "--to", "2027-12-31",
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    folder = program / "out" / "report"
    table = folder / "w30-infants.csv"
    assert stat.S_IMODE(table.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows and all(re.fullmatch(r"I\d{3}", r["infant_id"]) for r in rows)
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert 'href="w30-infants.csv"' in html
    assert not re.search(r"\bI\d{3}\b", html), "an infant id is in report.html"
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(folder / "report.pdf").pages)
    assert not re.search(r"\bI\d{3}\b", text), "an infant id is in report.pdf"
    assert "w30-infants.csv" in text


def test_ctrl_c_says_nothing_was_changed_and_leaves_no_new_database(
        program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer turns KeyboardInterrupt into an exit code of 130 without a word; the coordinator
    # must still read what happened, and the half-made database must go.
    import groupwcc.api.plan as plan_module

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plan_module, "update_schedule", interrupted)
    existing = program / "out"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine", encoding="utf-8")
    for out in (program / "new" / "out", existing):
        result = plan(program, out=out)
        assert result.exit_code == 130
        assert "Interrupted. Nothing was changed." in result.output
        assert not list(program.glob("groupwcc.db*"))
    assert not (program / "new").exists()  # the folders this run made are gone
    assert sorted(p.name for p in existing.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize(("text", "said"), [
    ("staff\udcffaway", "is not valid text (it holds bytes that are not UTF-8)"),
    ("staff \u202eyawa", "U+202E (right-to-left override)"),
    ("staff\x1baway", "U+001B (escape)"),
])
def test_an_argument_that_is_not_plain_text_is_a_usage_error(program: Path, text: str,
                                                             said: str) -> None:
    # A reason typed with broken bytes was an internal error (70); bidi and escape characters
    # were stored although the roster and config refuse them.
    result = run("sessions", "cancel", "MAIN-2026-08-A-M4", "--reason", text,
                 "--config", str(program / "groupwcc.yaml"), "--db", str(program / "g.db"))
    assert result.exit_code == 2
    assert "Error: the value of --reason " in result.output
    assert said in result.output and "yawa" not in result.output and "away" not in result.output
    assert not (program / "g.db").exists()
