"""The program a command works on: configuration, database, reference data and curricula.

Also ``Stage`` (the progress callback every long command accepts) and ``no_stage``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.errors import ConfigError
from groupwcc.models import Curriculum, ProgramConfig, ReferenceData

if TYPE_CHECKING:
    from groupwcc.store import Store

CONFIG_ENV = "GROUPWCC_CONFIG"
CONFIG_NAME = "groupwcc.yaml"
DB_NAME = "groupwcc.db"

Stage = Callable[[str], None]


def no_stage(_: str) -> None:
    """A ``Stage`` that reports nothing (the default when no progress display is wanted)."""


def find_config(explicit: Path | None) -> Path:
    """``--config`` → ``$GROUPWCC_CONFIG`` → ``./groupwcc.yaml``."""
    if explicit is not None:
        candidate, said = explicit, "--config"
    elif os.environ.get(CONFIG_ENV):
        candidate, said = Path(os.environ[CONFIG_ENV]), CONFIG_ENV
    else:
        candidate, said = Path(CONFIG_NAME), "the current folder"
    if not candidate.is_file():
        raise ConfigError(f"no program configuration at {candidate} (from {said})",
                          hint="pass --config FILE, or run 'groupwcc init DIR' to start one")
    return candidate


@dataclass
class Program:
    """Everything a command needs about the program. Heavy parts load on first use."""

    config: ProgramConfig
    config_path: Path
    db_url: str
    # False for commands that only read or add to a plan: a mistyped --db then says
    # "no database at …" instead of quietly starting an empty database.
    create_database: bool = True

    @property
    def base_dir(self) -> Path:
        return self.config_path.parent

    @cached_property
    def store(self) -> Store:
        from groupwcc.api.database_files import open_program_store

        return open_program_store(self.db_url, create=self.create_database)

    @cached_property
    def reference(self) -> ReferenceData:
        from groupwcc.readers.reference import load_reference

        return load_reference(window_overrides=self.config.visit_windows,
                              immunization=self.config.immunization,
                              screening=self.config.screening)

    @cached_property
    def curricula(self) -> dict[str, Curriculum]:
        from groupwcc.readers.curriculum import load_program_curricula

        own = self.base_dir / self.config.curriculum if self.config.curriculum else None
        return load_program_curricula(self.config.languages, program_path=own,
                                      required_visits=self.config.visits)

    @property
    def templates_dir(self) -> Path | None:
        return self.base_dir / self.config.templates if self.config.templates else None

    def visit_labels(self, language: str = "en") -> dict[str, str]:
        """Visit key → label in ``language`` (English where the data has no translation)."""
        return {v.key: v.label_in(language) for v in self.reference.visits}


def load_program(config: Path | None = None, *, db: str | None = None,
                 create_database: bool = True) -> Program:
    """Find and validate the configuration; resolve the database URL."""
    from groupwcc.config import load_config

    path = find_config(config)
    program_config = load_config(path)
    return Program(program_config, path, resolve_db_url(program_config, path, db),
                   create_database)


def resolve_db_url(config: ProgramConfig, config_path: Path, db: str | None) -> str:
    """``--db`` (path or URL) → ``database:`` in the config → ``groupwcc.db`` beside it."""
    from groupwcc.store.engine import sqlite_url

    chosen = db or config.database
    if chosen is None:
        return sqlite_url((config_path.parent / DB_NAME).resolve())
    if "://" in chosen:
        return chosen
    path = Path(chosen)
    if not path.is_absolute() and db is None:
        path = config_path.parent / path
    return sqlite_url(path.resolve())


def visits_in_order(reference: ReferenceData, wanted: Sequence[str]) -> list[str]:
    """The ``wanted`` visit keys in the reference data's age order."""
    return [v.key for v in reference.visits if v.key in wanted]
