import os
import stat

import pytest

from groupwcc.api.outputs import OutputSet, write_atomic, write_outputs
from groupwcc.errors import UserError


def test_outputs_are_private_unless_shareable(tmp_path):
    outputs = OutputSet()
    outputs.add("cohorts.csv", "id\n")
    outputs.add("calendar/program.ics", b"BEGIN:VCALENDAR", shareable=True)
    written = write_outputs(tmp_path / "out", outputs)
    modes = {p.name: stat.S_IMODE(os.stat(p).st_mode) for p in written}
    assert modes == {"cohorts.csv": 0o600, "program.ics": 0o644, "NOTICE.txt": 0o600}
    assert stat.S_IMODE(os.stat(tmp_path / "out").st_mode) == 0o700


def test_every_folder_with_personal_data_gets_the_part2_notice(tmp_path):
    outputs = OutputSet()
    outputs.add("flags.csv", "infant_id\n")
    outputs.add("sheets/attendance.csv", "session_id\n")
    outputs.add("calendar/program.ics", b"BEGIN:VCALENDAR", shareable=True)
    write_outputs(tmp_path, outputs)
    for folder in (tmp_path, tmp_path / "sheets"):
        assert "42 CFR part 2" in (folder / "NOTICE.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "calendar" / "NOTICE.txt").exists()  # shareable only: no notice


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "sessions.csv"
    write_atomic(target, b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["sessions.csv"]


def test_a_failure_while_staging_replaces_nothing_and_leaves_no_temp(tmp_path, monkeypatch):
    first = OutputSet()
    first.add("a.csv", "old a")
    first.add("b.csv", "old b")
    write_outputs(tmp_path, first)
    import groupwcc.api.outputs as outputs_module

    real_stage = outputs_module._stage

    def failing_stage(path, data, mode):
        if path.name == "b.csv":
            raise OSError("disk full")
        return real_stage(path, data, mode)

    monkeypatch.setattr(outputs_module, "_stage", failing_stage)
    second = OutputSet()
    second.add("a.csv", "new a")
    second.add("b.csv", "new b")
    with pytest.raises(UserError, match="cannot write the output files"):
        write_outputs(tmp_path, second)
    assert (tmp_path / "a.csv").read_text() == "old a"  # not replaced: b failed to stage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["NOTICE.txt", "a.csv", "b.csv"]
