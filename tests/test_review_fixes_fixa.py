"""Hostile-review fixes (branch wip-fixa): each test fails without its fix."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from console import run_console_joined as _run  # undoes rich's wrapping

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "db" / "v1-example.db"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_review_01_sqlite_url_with_options_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, source)
    for url in (f"sqlite:///file:{tmp_path}/p7.db?uri=true", f"sqlite:///{tmp_path}/c2.db?mode=rwc"):
        code, out = _run(capsys, "db", "copy", "--db", str(source), "--to", url)
        assert code == 1, out
        assert "may not carry options" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groupwcc.db"]
    code, out = _run(capsys, "db", "current", "--db", f"sqlite:///{source}?mode=ro")
    assert code == 1 and "may not carry options" in out


def test_review_01_copy_target_is_owner_only(tmp_path, capsys):
    source = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, source)
    target = tmp_path / "c2.db"
    code, out = _run(capsys, "db", "copy", "--db", str(source), "--to", f"sqlite:///{target}")
    assert code == 0, out
    for companion in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        if companion.exists():
            assert _mode(companion) == 0o600, companion


def test_review_02_password_in_url_query_is_never_shown(capsys):
    from groupwcc.cli.errors import mask_secrets
    from groupwcc.store.engine import masked

    url = ("postgresql+psycopg://gw@db.example/gw?sslmode=require&password=Sup3rX"
           "&sslpassword=K3yPw&api_token=T0k")
    for shown in (masked(url), mask_secrets(f"Copied 3 rows to {url}.")):
        assert "Sup3rX" not in shown and "K3yPw" not in shown and "T0k" not in shown, shown
        assert "sslmode=require" in shown and "password=***" in shown
    code, out = _run(capsys, "db", "current", "--db", url.replace("db.example", "127.0.0.1:9"))
    assert code == 1, out
    assert "Sup3rX" not in out and "K3yPw" not in out and "password=***" in out


def test_review_03_new_folders_are_owner_only(tmp_path, capsys):
    source = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, source)
    target = tmp_path / "newcp" / "sub" / "copy.db"
    code, out = _run(capsys, "db", "copy", "--db", str(source), "--to", f"sqlite:///{target}")
    assert code == 0, out
    assert _mode(tmp_path / "newcp") == 0o700 and _mode(tmp_path / "newcp" / "sub") == 0o700
    assert _mode(target) == 0o600


def test_review_03_forecast_folders_are_owner_only(tmp_path):
    from groupwcc.api import vaccines

    out = tmp_path / "newdir" / "sub" / "fc.csv"
    vaccines._write_private(out, b"x\n")
    assert _mode(tmp_path / "newdir") == 0o700 and _mode(tmp_path / "newdir" / "sub") == 0o700
    assert out.read_bytes() == b"x\n" and _mode(out) == 0o600


@pytest.mark.parametrize(("command", "day"), [("report", "0001-01-01"),
                                               ("capacity", "9999-12-01"),
                                               ("capacity", "1999-12-31")])
def test_review_04_today_out_of_range_is_a_user_error(tmp_path, capsys, command, day):
    db = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, db)
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    code, out = _run(capsys, command, "--config", str(tmp_path / "groupwcc.yaml"),
                     "--db", str(db), "--today", day)
    assert code == 1, out
    assert f"--today {day} is outside 2000-01-01 … 2100-12-31" in out


def test_review_04_copy_onto_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    source = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, source)
    precious = tmp_path / "precious.txt"
    precious.write_text("not a database, keep me\n")
    code, out = _run(capsys, "db", "copy", "--db", str(source), "--to", str(precious))
    assert code == 1, out
    assert "precious.txt exists and is not a SQLite database" in out
    assert precious.read_text() == "not a database, keep me\n"


def test_review_05_readers_refuse_devices_pipes_and_folders(tmp_path):
    from groupwcc.errors import UserError
    from groupwcc.readers.workbook_limits import read_regular_file

    pipe = tmp_path / "roster.csv"
    os.mkfifo(pipe)
    for path in (Path("/dev/zero"), pipe, tmp_path):
        with pytest.raises(UserError, match="is not a regular file"):
            read_regular_file(path, error_class=UserError)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 11)
    with pytest.raises(UserError, match="larger than the limit of 10 bytes"):
        read_regular_file(big, error_class=UserError, limit=10)
    assert read_regular_file(big, error_class=UserError, limit=11) == b"x" * 11


@pytest.mark.parametrize("args", [("roster", "check", "/dev/zero"),
                                  ("roster", "check", "PIPE")])
def test_review_05_cli_refuses_a_device_or_pipe_at_once(tmp_path, args):
    import subprocess

    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    argv = [str(pipe) if a == "PIPE" else a for a in args]
    argv += ["--config", str(ROOT / "examples" / "groupwcc.yaml")]
    done = subprocess.run([sys.executable, "-m", "groupwcc", *argv], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert done.returncode == 1, done.stderr
    assert "not a regular file" in " ".join(done.stderr.split())
