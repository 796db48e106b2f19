"""Exceptions. ``UserError`` and its subclasses are meant for people: the CLI prints them
without a traceback and exits 1. Anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GroupwccError",
    "UserError",
    "Problem",
    "ConfigError",
    "RosterError",
    "CurriculumError",
    "ReferenceDataError",
    "SchedulingError",
    "StoreError",
    "NotFoundError",
    "RuleViolation",
    "AttendanceError",
    "PrivacyError",
]


class GroupwccError(Exception):
    """Base of every exception groupwcc raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    ``where`` is what a person needs to find it: ``row 14, column "date_of_birth"`` or
    ``groupwcc.yaml:12``. ``message`` says what is wrong and, where useful, what to do.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UserError(GroupwccError):
    """An error a person can fix: printed as ``message`` (+ ``hint``), exit code 1."""

    def __init__(self, message: str, *, hint: str | None = None,
                 problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        lines = [self.message, *(f"  {p}" for p in self.problems)]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)


class ConfigError(UserError):
    """The program configuration (groupwcc.yaml) is invalid."""


class RosterError(UserError):
    """The roster has bad rows; ``problems`` lists every one."""


class CurriculumError(UserError):
    """A curriculum file is invalid; ``problems`` lists every one."""


class ReferenceDataError(UserError):
    """A reference data file (visits, vaccines, screenings) is invalid."""


class SchedulingError(UserError):
    """Sessions cannot be scheduled as asked."""


class StoreError(UserError):
    """The database cannot be opened or is from an unknown version."""


class NotFoundError(UserError):
    """A cohort, session or infant id that does not exist."""


class RuleViolation(UserError):
    """A manual change (move, cancel) would break a hard rule; ``--force`` overrides."""


class AttendanceError(UserError):
    """An attendance file or mark is invalid; ``problems`` lists every row."""


class PrivacyError(UserError):
    """Output would carry personal or revealing data where it must not."""
