"""The one decoding policy (readers/text.py): UTF-8 ± BOM, UTF-16 with BOM, else refused."""

from __future__ import annotations

import pytest

from groupwcc.errors import RosterError, UserError
from groupwcc.readers.text import (
    CSV_ADVICE,
    YAML_ADVICE,
    CsvSyntaxError,
    csv_records,
    decode_text,
    sniff_delimiter,
)


def _decode(data: bytes, **kwargs: object) -> str:
    return decode_text(data, "f.csv", error_class=RosterError, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [
    "José;Ñandú\n".encode(),
    b"\xef\xbb\xbf" + "José;Ñandú\n".encode(),
    "José;Ñandú\n".encode("utf-16"),      # with BOM, little-endian on this machine
    b"\xfe\xff" + "José;Ñandú\n".encode("utf-16-be"),
])
def test_accepted_encodings_give_the_same_text_without_bom(data: bytes) -> None:
    assert _decode(data) == "José;Ñandú\n"


@pytest.mark.parametrize("text", [
    "I2,José,Begoña,Ñandú\n",                    # Latin-1 letters: the same bytes in both
    "I2,“Sunny”,10:00–12:00,O'Hara,wait…\n",     # Windows-only punctuation outside words
    "I2,Sunny™,€5\n",
])
def test_windows_1252_is_read_when_it_cannot_be_mac_or_dos_text(text: str) -> None:
    assert _decode(text.encode("cp1252")) == text


@pytest.mark.parametrize(("text", "encoding", "byte", "char"), [
    ("I2,José\n", "mac_roman", 0x8E, "Ž"),
    ("I2,María\n", "mac_roman", 0x92, "’"),
    ("I2,Peña\n", "mac_roman", 0x96, "–"),
    ("I2,José\n", "cp850", 0x82, "‚"),
])
def test_mac_roman_and_dos_text_is_refused_at_the_letter(text: str, encoding: str, byte: int,
                                                          char: str) -> None:
    with pytest.raises(RosterError) as caught:
        _decode(("id,name\nI1,Sunny\n" + text).encode(encoding))
    error = caught.value
    assert error.message == "f.csv is not UTF-8: save as 'CSV UTF-8' in Excel"
    assert [str(p) for p in error.problems] == [
        f"row 3: byte 0x{byte:02X} is not UTF-8 text, and read as Windows-1252 it would put "
        f"{char!r} inside a word"]
    assert error.hint == CSV_ADVICE.hint


def test_a_file_marked_utf8_is_never_read_as_windows_1252() -> None:
    with pytest.raises(RosterError) as caught:
        _decode(b"\xef\xbb\xbfid\nJos\xe9\n")
    assert [str(p) for p in caught.value.problems] == ["row 2: byte 0xE9 is not UTF-8 text"]


def test_bytes_undefined_in_windows_1252_are_refused() -> None:
    with pytest.raises(RosterError) as caught:
        _decode(b"id\nab\x81c\n")
    assert [str(p) for p in caught.value.problems] == ["row 2: byte 0x81 is not UTF-8 text"]


def test_yaml_advice_locates_the_line_as_file_colon_line() -> None:
    with pytest.raises(UserError) as caught:
        decode_text("program: x\nname: Clínica\n".encode("mac_roman"), "g.yaml",
                    error_class=UserError, advice=YAML_ADVICE)
    assert [str(p) for p in caught.value.problems] == [
        "g.yaml:2: byte 0x92 is not UTF-8 text, and read as Windows-1252 it would put '’' "
        "inside a word"]
    assert "UTF-8" in (caught.value.hint or "")


def test_binary_data_and_damaged_utf16_are_refused() -> None:
    with pytest.raises(RosterError, match="holds binary data"):
        _decode(b"a,b\x00c")
    with pytest.raises(RosterError, match="damaged UTF-16"):
        _decode(b"\xff\xfe\x00\xd8")  # a lone surrogate


@pytest.mark.parametrize("data", [b"\x80", b"caf\xe9", b"\xc3", b"\xed\xa0\x80", b"a\x81",
                                  b"\xff\xfe\x00\xd8", bytes(range(256))])
def test_no_input_ever_decodes_to_a_replacement_character(data: bytes) -> None:
    try:
        text = _decode(data)
    except RosterError:
        return
    assert "\ufffd" not in text


def test_a_replacement_character_already_in_the_file_is_kept_not_added() -> None:
    assert _decode("a\ufffdb".encode()) == "a\ufffdb"


@pytest.mark.parametrize(("text", "expected"), [
    ("id;name;dob\n1;2;3\n", ";"),
    ("id\tname\tdob\n", "\t"),
    ("Clinic roster, March\nid,name,dob\n", ","),
    ("Roster; exported 3/5/2026\nid,name\n", ","),  # the title's ';' does not win
    ("nothing known here;really\n", ","),
])
def test_sniff_counts_known_column_names_not_separators(text: str, expected: str) -> None:
    assert sniff_delimiter(text, lambda cell: cell.strip() in {"id", "name", "dob"}) == expected


def test_csv_records_number_every_record_and_locate_a_syntax_error() -> None:
    assert list(csv_records('a,b\n\n"c\nd",e\n', ",")) == [
        (1, ["a", "b"]), (2, []), (3, ["c\nd", "e"])]
    with pytest.raises(CsvSyntaxError) as caught:
        list(csv_records("a,b\nc," + "d" * 200_000 + "\n", ","))  # over the field limit
    assert caught.value.row == 2


def test_no_reader_turns_an_undecodable_byte_into_a_replacement_character(tmp_path) -> None:
    """Roster, attendance sheet and YAML (config) all refuse the same byte the same way."""
    from datetime import date

    from groupwcc.config import load_config
    from groupwcc.errors import AttendanceError, ConfigError
    from groupwcc.readers.attendance import AttendanceContext, read_attendance
    from groupwcc.readers.roster import ROSTER_COLUMNS, read_roster

    roster = tmp_path / "roster.csv"
    roster.write_bytes(",".join(ROSTER_COLUMNS[:8]).encode()
                       + b"\nI1,F1,Su\x81ny,Example,2026-03-05,Maple,Example,main\n")
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(b"session_id,infant_id,status,notes\nS-1,I1,late,a\x81b\n")
    config = tmp_path / "groupwcc.yaml"
    config.write_bytes(b"program: Cl\x81nica\n")
    expected = "byte 0x81 is not UTF-8 text"
    with pytest.raises(RosterError) as roster_error:
        read_roster(roster, sites=["main"], languages=["en"], today=date(2026, 11, 23),
                    max_age_months=24)
    with pytest.raises(AttendanceError) as sheet_error:
        read_attendance(sheet, AttendanceContext({}, {}, ()), today=date(2026, 11, 23))
    with pytest.raises(ConfigError) as config_error:
        load_config(config)
    assert [p.message for p in roster_error.value.problems] == [expected]
    assert [p.message for p in sheet_error.value.problems] == [expected]
    assert [str(p) for p in config_error.value.problems] == [f"groupwcc.yaml:1: {expected}"]
