"""The staff-only clinical fields survive the store, and a schema-1 database gains them."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from factories import make_infant

from groupwcc.store import open_store, repo

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_fields_round_trip(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    roster = [make_infant(n=1, rsv_protection="maternal_vaccine", hcv_exposed=True),
              make_infant(n=2, hbsag_positive_parent=True)]
    with store.transaction() as conn:
        repo.save_roster(conn, roster, now=NOW)
        loaded = {i.infant_id: i for i in repo.load_infants(conn)}
    assert loaded["I-0001"].rsv_protection == "maternal_vaccine"
    assert loaded["I-0001"].hcv_exposed and not loaded["I-0001"].hbsag_positive_parent
    assert loaded["I-0002"].hbsag_positive_parent and loaded["I-0002"].rsv_protection is None


def test_a_database_of_the_previous_release_gains_the_columns(tmp_path):
    import shutil
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "v1-example.db"
    copy = tmp_path / "old.db"
    shutil.copy(fixture, copy)
    store = open_store(f"sqlite:///{copy}")
    with store.transaction() as conn:
        revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        infants = repo.load_infants(conn)
    assert revision is not None and int(revision) >= 3
    assert infants and all((i.rsv_protection, i.hcv_exposed, i.hbsag_positive_parent)
                           == (None, False, False) for i in infants)
