"""The packaged reference data: versions and sources, overrides, and located errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from groupwcc.errors import ReferenceDataError
from groupwcc.models import VisitWindowOverride
from groupwcc.readers.reference import FILES, load_reference
from groupwcc.resources import data_path


def test_every_file_has_version_date_and_source() -> None:
    reference = load_reference()
    assert set(reference.versions) == set(FILES)
    assert all("[" in text for text in reference.versions.values())  # a source tag
    assert [v.key for v in reference.visits][:3] == ["m1", "m2", "m4"]
    assert {d.vaccine for d in reference.doses_at("m2")} >= {"DTaP", "RV", "PCV"}
    assert [s.key for s in reference.screenings if "m1" in s.visits][0] == "epds"
    assert reference.corrected_age_until == "24m"


def test_window_override_replaces_one_visit() -> None:
    wide = load_reference(window_overrides={"m4": VisitWindowOverride(start="3m", end="5m15d")})
    assert wide.visit("m4").window.end == "5m15d"
    assert wide.visit("m6") == load_reference().visit("m6")


def test_bad_override_names_the_key_and_what_to_write() -> None:
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(window_overrides={"m5": VisitWindowOverride(start="3x", end="4m")})
    text = str(caught.value)
    assert "visit_windows.m5: unknown visit" in text
    assert "visit_windows.m5.start: '3x' is not an age expression" in text


def test_a_dose_at_an_unknown_visit_is_reported(tmp_path: Path) -> None:
    for name in FILES:
        shutil.copy(data_path(name), tmp_path / name)
    doses = tmp_path / "immunizations.yaml"
    doses.write_text(doses.read_text(encoding="utf-8").replace("visit: m12", "visit: m11", 1),
                     encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder=tmp_path)
    assert "immunizations.yaml: MMR dose 1: unknown visit 'm11'" in str(caught.value)
