"""The staff-only clinical fields survive the store, and a schema-1 database gains them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from factories import make_infant

from groupwcc.store import open_store, repo
from groupwcc.store.schema import SCHEMA_VERSION

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


def test_a_schema_1_database_gains_the_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # the version-1 infants table, as released
        conn.exec_driver_sql("CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT)")
        conn.exec_driver_sql("INSERT INTO meta VALUES ('schema_version', '1')")
        conn.exec_driver_sql(
            "CREATE TABLE families (family_id VARCHAR(64) PRIMARY KEY, keep_apart_with TEXT "
            "NOT NULL DEFAULT '', updated_at VARCHAR(32) NOT NULL)")
        conn.exec_driver_sql(
            "CREATE TABLE infants (infant_id VARCHAR(64) PRIMARY KEY, family_id VARCHAR(64), "
            "first_name TEXT, last_name TEXT, date_of_birth DATE, caregiver_first_name TEXT, "
            "caregiver_last_name TEXT, caregiver_preferred_name TEXT, site VARCHAR(64), "
            "gestational_age_weeks INTEGER, gestational_age_days INTEGER, language VARCHAR(16), "
            "group_consent BOOLEAN, phone TEXT, contact_preference TEXT, keep_apart_with TEXT "
            "NOT NULL DEFAULT '', enrolled_on DATE, status VARCHAR(16), updated_at VARCHAR(32))")
        conn.exec_driver_sql(
            "INSERT INTO families VALUES ('F-0001', '', '2026-11-01')")
        conn.exec_driver_sql(
            "INSERT INTO infants VALUES ('I-0001', 'F-0001', 'Baby1', 'Testa', '2026-03-01', "
            "'Parent1', 'Testa', NULL, 'main', NULL, NULL, 'en', 1, NULL, NULL, '', NULL, "
            "'active', '2026-11-01')")
    engine.dispose()
    store = open_store(url)
    with store.transaction() as conn:
        version = conn.execute(sa.text("SELECT value FROM meta WHERE key='schema_version'"))
        assert version.scalar() == str(SCHEMA_VERSION) == "2"
        (infant,) = repo.load_infants(conn)
    assert infant.date_of_birth == date(2026, 3, 1)
    assert (infant.rsv_protection, infant.hcv_exposed, infant.hbsag_positive_parent) == \
        (None, False, False)
