"""The same Alembic revisions on PostgreSQL, in a throwaway database on the test server
(``postgres_url`` in tests/conftest.py: GROUPWCC_TEST_POSTGRES_URL or a cluster the tests start).
"""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pg_server import open_in_processes

from groupwcc.store import open_store
from groupwcc.store.migrate import head_revision
from groupwcc.store.schema import metadata

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    return postgres_url


def test_new_database_at_head_equals_schema_even_when_opened_three_times_at_once(pg_url):
    assert open_in_processes(pg_url, 3) == [(0, "")] * 3
    store = open_store(pg_url)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    store.close()


def test_previous_release_database_upgrades_on_postgresql(pg_url, tmp_path):
    # The 0.1 schema module itself, from the release commit: create_all as 0.1 did.
    source = subprocess.run(["git", "-C", str(ROOT), "show", "beaadd9:groupwcc/store/schema.py"],
                            capture_output=True, text=True, check=False)
    if source.returncode != 0:
        pytest.skip("the 0.1 release commit is not in this checkout")
    (tmp_path / "old_schema.py").write_text(source.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_schema", tmp_path / "old_schema.py")
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        old.metadata.create_all(conn)
        conn.execute(sa.insert(old.meta).values(key="schema_version", value="1"))
        conn.execute(sa.insert(old.families).values(family_id="F01", keep_apart_with="",
                                                    updated_at="2026-11-23T09:00:00"))
    engine.dispose()
    store = open_store(pg_url)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
        assert conn.execute(sa.text("SELECT count(*) FROM families")).scalar() == 1
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    store.close()
