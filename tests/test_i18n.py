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


def test_every_document_table_has_every_word_in_every_language() -> None:
    tables = (i18n.AGENDA_TEXT, i18n.DUE_TEXT, i18n.RECORD_TEXT, i18n.SEASONAL_TEXT,
              i18n.ROTATION_TEXT, i18n.AGE_UNITS)
    for table in tables:
        assert set(table) == set(i18n.LANGUAGES)
        assert set(table["es"]) == set(table["en"])
    assert set(i18n.PULL_LIST_TEXT) == set(i18n.MINUS) == set(i18n.LANGUAGES)
    # the pull list's Spanish table also names vaccines; its own words are in both languages
    assert set(i18n.PULL_LIST_TEXT["en"]) <= set(i18n.PULL_LIST_TEXT["es"])


def test_the_plain_text_agenda_takes_shared_words_from_ui() -> None:
    assert i18n.agenda_text("es-MX")["virtual"] == i18n.ui("es")["virtual"] \
        == "Sesión virtual: hoy no se pesa, no se examina ni se vacuna."
    assert i18n.agenda_text("en")["trauma_note"] == "Trauma-informed note"
    assert i18n.agenda_text("de")["timeline"] == "Timeline"  # own word: the guide says "Agenda"
    assert i18n.ui("en")["timeline"] == "Agenda"
    assert i18n.words(i18n.ROTATION_TEXT, "Spanish")["clinician"] == "Clínico {n}"


def test_no_module_outside_i18n_keeps_a_word_table_per_language() -> None:
    from pathlib import Path

    package = Path(i18n.__file__).parent
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py")
                 if p.name != "i18n.py" and '"es": {' in p.read_text("utf-8")]
    assert offenders == []
