"""Load the vaccine name list (groupwcc/data/vaccine_names.yaml)."""

from __future__ import annotations

from functools import lru_cache

from groupwcc.errors import ReferenceDataError
from groupwcc.models.screening import VaccineNames

FILE = "vaccine_names.yaml"


@lru_cache(maxsize=1)
def load_vaccine_names() -> VaccineNames:
    """The packaged name list, validated."""
    from pydantic import ValidationError

    from groupwcc.readers.yamlfile import load_yaml_with_lines
    from groupwcc.resources import data_path

    raw, _ = load_yaml_with_lines(data_path(FILE), error_class=ReferenceDataError)
    try:
        return VaccineNames.model_validate(raw)
    except ValidationError as error:
        raise ReferenceDataError(f"{FILE} has problems: {error.error_count()} error(s)",
                                 hint="reinstall groupwcc") from None
