"""Language codes and interface words (groupwcc/i18n.py): one table, one normalisation."""

from __future__ import annotations

import pytest

from groupwcc import i18n


@pytest.mark.parametrize(("text", "expected"), [
    ("es", "es"), ("ES", "es"), (" Spanish ", "es"), ("Español", "es"), ("espanol", "es"),
    ("English", "en"), ("inglés", "en"), ("es-MX", "es-mx"), ("vi", "vi"),
])
def test_language_code_maps_names_and_keeps_other_codes(text: str, expected: str) -> None:
    assert i18n.language_code(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("es-MX", "es"), ("es_mx", "es"), ("EN-us", "en"), ("fr", "fr"), ("pt-BR", "pt"),
])
def test_base_language_drops_the_region(text: str, expected: str) -> None:
    assert i18n.base_language(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("es", "es"), ("es-MX", "es"), ("Spanish", "es"), ("en-GB", "en"), ("fr", "en"), ("", "en"),
])
def test_ui_language_falls_back_to_english(text: str, expected: str) -> None:
    assert i18n.ui_language(text) == expected


def test_every_language_has_every_interface_word() -> None:
    assert set(i18n.UI) == set(i18n.LANGUAGES) == set(i18n.CALENDAR_TEXT) == set(i18n.WEEKDAYS) \
        == set(i18n.MONTHS) == set(i18n.DAY_FORMATS)
    assert all(len(i18n.WEEKDAYS[c]) == 7 and len(i18n.MONTHS[c]) == 12 for c in i18n.LANGUAGES)
    for table in (i18n.UI, i18n.CALENDAR_TEXT):
        keys = {language: set(words) for language, words in table.items()}
        assert keys["es"] == keys["en"]


def test_words_are_looked_up_through_the_one_normalisation() -> None:
    assert i18n.ui("es-MX")["sign_in"] == "Hoja de registro"
    assert i18n.ui("de")["sign_in"] == "Sign-in sheet"
    assert i18n.calendar_text("ES")["reminder"] == "Recordatorio"


def test_core_words_and_agenda_use_it() -> None:
    from datetime import date

    from groupwcc.core.words import format_day

    assert format_day(date(2027, 1, 12), "es_MX") == "martes 12 de enero de 2027"
    assert format_day(date(2027, 1, 12), "Spanish") == "martes 12 de enero de 2027"
    assert format_day(date(2027, 1, 12), "fr") == "Tuesday 12 January 2027"


def test_no_other_module_normalises_language_codes_itself() -> None:
    """The copies issue 12 found (labels, core/words, core/agenda, readers/curriculum)."""
    from pathlib import Path

    package = Path(i18n.__file__).parent
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py")
                 if p.name != "i18n.py" and 'language.split("-")' in p.read_text("utf-8")]
    assert offenders == []
