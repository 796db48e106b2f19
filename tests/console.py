"""Run the CLI in-process as the console script does, for tests (exit codes, error messages).

``run_console(capsys, ...)`` sets ``sys.argv``, calls ``groupwcc.cli.errors.run`` on the app
(the console script's error handling, not the bare app) and returns what a user would see.
Modules whose helpers take no ``capsys`` use ``run(...)`` with the ``console_capsys`` fixture
(tests/conftest.py), which lends ``run`` the test's ``capsys``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import pytest

from groupwcc.cli import get_app
from groupwcc.cli.errors import run as run_cli


class Result(NamedTuple):
    """Exit code and everything printed (stdout then stderr); unpacks as ``code, output``."""

    exit_code: int
    output: str


_lent: list[pytest.CaptureFixture[str]] = []


def run_console(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``groupwcc ARGS...`` and return its exit code and output."""
    saved = sys.argv
    sys.argv = ["groupwcc", *args]
    try:
        code = run_cli(get_app())
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return Result(code, captured.out + captured.err)


def run_console_joined(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Like ``run_console`` with every run of whitespace made one space (undoes rich's wrapping)."""
    code, output = run_console(capsys, *args)
    return Result(code, " ".join(output.split()))


@contextmanager
def lending(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """Let ``run`` read ``capsys`` while the block runs (the ``console_capsys`` fixture)."""
    _lent.append(capsys)
    try:
        yield
    finally:
        _lent.pop()


def run(*args: str) -> Result:
    """``run_console`` with the ``capsys`` lent by the ``console_capsys`` fixture."""
    if not _lent:
        raise RuntimeError("console.run needs the console_capsys fixture "
                           "(pytestmark = pytest.mark.usefixtures('console_capsys'))")
    return run_console(_lent[-1], *args)
