"""Random corruption of the YAML and sheet inputs (issue 8): every case either loads or fails
with a ``UserError`` that says where — never another exception."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwcc.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
CONFIG = (ROOT / "examples" / "groupwcc.yaml").read_bytes()
CURRICULUM = (ROOT / "curricula" / "default.en.yaml").read_bytes()[:6000]

JUNK = st.sampled_from([b"\x00", b"\xff\xfe", b"\t", b": ", b"- ", b"{", b"]", b"'", b'"',
                        b"=cmd|' /C calc'!A0", b"\x1b[31m", "é".encode("latin-1"),
                        b"99999999999999999999", b"-1", b"null", b"\n  ", b"&anchor", b"*x"])


@st.composite
def corrupted(draw, original: bytes):  # type: ignore[no-untyped-def]
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "truncate", "replace"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "insert":
            data[at:at] = draw(JUNK)
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "truncate":
            del data[at:]
        else:
            data[at:at + 1] = draw(st.binary(min_size=1, max_size=3))
    if draw(st.booleans()):
        try:
            data = bytearray(bytes(data).decode("utf-8").encode(draw(st.sampled_from(
                ["utf-16", "latin-1", "utf-8-sig"])), errors="replace"))
        except UnicodeDecodeError:
            pass
    return bytes(data)


def _located(error: UserError, path: Path) -> bool:
    """Problems with a place, or a message about the whole file that names it."""
    return bool(error.problems) and all(p.where for p in error.problems) or path.name in str(error)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted(CONFIG))
def test_corrupted_config_loads_or_fails_with_located_errors(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    from groupwcc.config import load_config

    path = tmp_path_factory.mktemp("cfg") / "groupwcc.yaml"
    path.write_bytes(data)
    try:
        load_config(path)
    except UserError as error:
        assert _located(error, path), str(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted(CURRICULUM))
def test_corrupted_curriculum_fails_with_located_errors(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    from groupwcc.readers.curriculum import load_curriculum

    path = tmp_path_factory.mktemp("cur") / "mine.yaml"
    path.write_bytes(data)
    try:
        load_curriculum(path)
    except UserError as error:
        assert _located(error, path), str(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(
    ["MAIN-2026-03-A-M9", "I001", "attended", "absent", "=1+1", "individual visit", ""])),
    min_size=0, max_size=12), max_size=30), st.booleans())
def test_random_attendance_sheets_fail_with_located_errors(tmp_path_factory, rows,  # type: ignore[no-untyped-def]
                                                           header) -> None:
    import csv
    import io

    from groupwcc.models.attendance import COLUMNS
    from groupwcc.readers.attendance import AttendanceContext, read_attendance

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(COLUMNS)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("att") / "sheet.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    context = AttendanceContext(sessions={}, members={}, infants=frozenset({"I001"}))
    try:
        read_attendance(path, context, today=date(2026, 11, 23))
    except UserError as error:
        assert _located(error, path), str(error)
