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


def test_windows_1252_is_refused_with_the_row_of_the_first_bad_byte() -> None:
    data = "id,name\nI1,Sunny\nI2,José\n".encode("cp1252")
    with pytest.raises(RosterError) as caught:
        _decode(data)
    error = caught.value
    assert error.message == "f.csv is not UTF-8: save as 'CSV UTF-8' in Excel"
    assert [str(p) for p in error.problems] == ["row 3: byte 0xE9 is not UTF-8 text"]
    assert error.hint == CSV_ADVICE.hint


def test_yaml_advice_locates_the_line_as_file_colon_line() -> None:
    with pytest.raises(UserError) as caught:
        decode_text(b"program: x\nname: Jos\xe9\n", "g.yaml", error_class=UserError,
                    advice=YAML_ADVICE)
    assert [str(p) for p in caught.value.problems] == ["g.yaml:2: byte 0xE9 is not UTF-8 text"]
    assert "UTF-8" in (caught.value.hint or "")


def test_binary_data_and_damaged_utf16_are_refused() -> None:
    with pytest.raises(RosterError, match="holds binary data"):
        _decode(b"a,b\x00c")
    with pytest.raises(RosterError, match="damaged UTF-16"):
        _decode(b"\xff\xfe\x00\xd8")  # a lone surrogate


@pytest.mark.parametrize("data", [b"\x80", b"caf\xe9", b"\xc3", b"\xed\xa0\x80", b"\xff\xfe\x00\xd8"])
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
