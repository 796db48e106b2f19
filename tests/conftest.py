"""Shared fixtures. ``pytest --update-golden`` rewrites golden files instead of comparing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# Hypothesis profiles: "dev" (the default) runs a tenth of the examples so `make test` stays
# quick; "ci" (loaded when CI=true) runs the full counts. Tests that need more examples than the
# default write them as multiples of ``settings().max_examples`` so they scale with the profile.
# HYPOTHESIS_PROFILE=ci runs the full counts locally.
settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev"))


@pytest.fixture(autouse=True)
def _isolate_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the user's config or write into the repository by accident."""
    monkeypatch.delenv("GROUPWCC_CONFIG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")

# Make tests/factories.py importable as ``factories`` from any test folder.
import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Test modules are imported with --import-mode=importlib (test files may share basenames), so
# helper modules beside tests are put on the path here.
sys.path.insert(0, str(Path(__file__).resolve().parent / "exporters"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "clients"))


# PostgreSQL (issue 17): one server per test run, a fresh database per test; ``backend_url``
# runs a test on SQLite and on PostgreSQL. See tests/pg_server.py for when it skips.
@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    import pg_server

    url = os.environ.get("GROUPWCC_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    try:
        with pg_server.cluster() as started:
            yield started
            return
    except (RuntimeError, OSError, __import__("subprocess").CalledProcessError) as error:
        reason = f"no PostgreSQL server for the tests: {error}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI never skips the PostgreSQL half)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url(postgres_server):  # type: ignore[no-untyped-def]
    import pg_server

    with pg_server.fresh_database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path):  # type: ignore[no-untyped-def]
    """A new empty database's URL, on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'groupwcc.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def console_capsys(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Lend this test's ``capsys`` to ``console.run`` (tests/console.py) for helpers without it."""
    import console

    with console.lending(capsys):
        yield capsys
