"""The versioned data files load through one reader and report problems as file:line: field."""

from __future__ import annotations

from pathlib import Path

import pytest

from groupwcc.errors import ReferenceDataError
from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
from groupwcc.readers.vaccine_series import load_vaccine_series
from groupwcc.resources import data_path


@pytest.mark.parametrize(("loader", "name"), [(load_vaccine_series, "vaccine_series.yaml"),
                                              (load_screening_cutoffs, "screening_cutoffs.yaml")])
def test_a_broken_data_file_names_the_file_line_and_field(tmp_path: Path, loader, name) -> None:  # type: ignore[no-untyped-def]
    text = data_path(name).read_text(encoding="utf-8")
    broken = tmp_path / name
    broken.write_text(text.replace("version:", "version: [not, a, version]\nunused_key: 1\nx_version:", 1),
                      encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        loader(broken)
    wheres = [p.where for p in caught.value.problems]
    assert wheres and all(w.startswith(f"{name}:") and w.split(":")[1].isdigit() for w in wheres)


def test_the_shipped_data_files_load() -> None:
    assert load_vaccine_series().groups and load_screening_cutoffs().cutoffs
