import os
import stat

import pytest

from groupwcc.api.files import OutputSet, write_atomic, write_outputs


def test_outputs_are_private_unless_shareable(tmp_path):
    outputs = OutputSet()
    outputs.add("cohorts.csv", "id\n")
    outputs.add("calendar/program.ics", b"BEGIN:VCALENDAR", shareable=True)
    written = write_outputs(tmp_path / "out", outputs)
    modes = {p.name: stat.S_IMODE(os.stat(p).st_mode) for p in written}
    assert modes == {"cohorts.csv": 0o600, "program.ics": 0o644}
    assert stat.S_IMODE(os.stat(tmp_path / "out").st_mode) == 0o700


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
