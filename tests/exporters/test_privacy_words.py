"""Revealing words in every language, from data, checked once when the config is loaded."""

from __future__ import annotations

import pytest
from exporter_fixtures import make_config

from groupwcc.core.privacy_words import RevealingWords
from groupwcc.errors import PrivacyError
from groupwcc.exporters.privacy import (
    builtin_revealing_words,
    check_config_privacy,
    find_revealing_words,
    revealing_words,
)


@pytest.mark.parametrize(("text", "found"), [
    ("Centro de Tratamiento de Adicciones", ["Centro de Tratamiento", "Adicciones"]),
    ("Clínica Metadona", ["Metadona"]),
    ("100 Calle Recuperación", ["Recuperación"]),
    ("100 Calle Recuperacion", ["Recuperacion"]),  # without the accent, as typed on a US keyboard
    ("DCF Building", ["DCF"]),
    ("Clínica de Recuperación Materna", ["Recuperación"]),
    ("Harbor   Treatment\\nCenter", []),  # an escaped newline is not whitespace
    ("Harbor Treatment  Center", ["Treatment  Center"]),
    ("Room MAT 2", ["MAT"]),
    ("Play mat corner", []),  # acronyms only in capitals
    ("Hope Street Family Clinic", []),  # the program name HOPE only in capitals
    ("Recovery-room", ["Recovery"]),
    ("Baby group · MAIN-2026-08-B · 2-month visit", []),
    ("Grupo de bebés · visita de 2 meses", []),
])
def test_words_in_english_and_spanish_ignore_case_and_accents(text: str,
                                                                found: list[str]) -> None:
    assert find_revealing_words(text) == found


def test_the_shipped_list_has_both_languages_and_agency_acronyms() -> None:
    words = builtin_revealing_words()
    assert {"recovery", "recuperación", "metadona"} <= set(words.words)
    assert {"DCF", "DCYF", "CPS"} <= set(words.acronyms)


def test_a_program_extends_the_list() -> None:
    words = revealing_words(["Lighthouse House"])
    assert words.find("The lighthouse house, room 2") == ["lighthouse house"]
    assert builtin_revealing_words().find("The lighthouse house") == []


def test_words_are_whole_words_only() -> None:
    words = RevealingWords(("drug",))
    assert words.find("Drugstore") == []
    assert words.find("drug store") == ["drug"]


@pytest.mark.parametrize(("change", "setting", "word"), [
    ({"program": "Clínica de Recuperación Materna"}, "program", "Recuperación"),
    ({"calendar": {"title_template": "Grupo de metadona {cohort}"}},
     "calendar.title_template", "metadona"),
])
def test_config_is_refused_naming_the_setting_and_the_word(change: dict[str, object],
                                                           setting: str, word: str) -> None:
    config = make_config().model_copy(update=_update(change))
    with pytest.raises(PrivacyError) as caught:
        check_config_privacy(config)
    wheres = [(p.where, p.message) for p in caught.value.problems]
    assert any(where == setting and repr(word) in message for where, message in wheres), wheres


def test_a_site_address_in_spanish_is_refused() -> None:
    config = make_config()
    site = config.sites[0].model_copy(update={"address": "100 Calle Recuperación"})
    config = config.model_copy(update={"sites": (site, *config.sites[1:])})
    with pytest.raises(PrivacyError) as caught:
        check_config_privacy(config)
    assert caught.value.problems[0].where == f"sites[{site.id}].address"


def test_the_example_config_is_neutral() -> None:
    from pathlib import Path

    from groupwcc.config import load_config

    example = Path(__file__).resolve().parents[2] / "examples" / "groupwcc.yaml"
    check_config_privacy(load_config(example))


def _update(change: dict[str, object]) -> dict[str, object]:
    config = make_config()
    out: dict[str, object] = {}
    for key, value in change.items():
        if key == "calendar":
            out[key] = config.calendar.model_copy(update=value)  # type: ignore[arg-type]
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("text", ["Recovery_Families D.C.F. 2024-11-A", "ASHVALE-2026-07-B",
                                  "Clinic baby groups · KESTREL", "O'Neil & <Co> 12:30",
                                  "Opioid.Recovery-2", "\t~`!@#$%^&*()[]{}|;:,<>?/\\\"x.Y"])
def test_ascii_shortcut_folds_as_the_character_by_character_path(text: str) -> None:
    from groupwcc.core import privacy_words

    slow = text + "é"  # not ASCII: the character-by-character path, then drop the é
    folded, origin = privacy_words.fold(slow)
    assert privacy_words.fold(text) == (folded[:-1], origin[:-1])
    capitals, where = privacy_words.fold_acronyms(slow)
    assert privacy_words.fold_acronyms(text) == (capitals[:-1], where[:-1])
