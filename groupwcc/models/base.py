"""The common base of all models."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Frozen, strict about unknown fields: a misspelled key is an error, not a silent default."""

    model_config = ConfigDict(frozen=True, extra="forbid")
