"""Least privilege by site (issue 17): a site coordinator's login is refused other sites' rows
by the server itself, even with raw SQL, and its plan, report and follow-up cover its site."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from pg_server import child_env, plan_command

from groupwcc.api.database import grant_site_login
from groupwcc.errors import StoreError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _login(admin_url: str, site: str) -> str:
    """A new login role granted ``site``; its URL."""
    role = f"coord_{site}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD 'site-pass-1'")
    engine.dispose()
    assert grant_site_login(admin_url, site, role) == f"groupwcc_site_{site}"
    url = sa.engine.make_url(admin_url).set(username=role, password="site-pass-1")
    return url.render_as_string(hide_password=False)


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=child_env(), check=False,
                          timeout=600, **kw)  # type: ignore[call-overload]


def _scalars(url: str, query: str) -> list[object]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(sa.text(query)).scalars())
    engine.dispose()
    return found


@pytest.mark.slow
def test_site_login_sees_and_changes_only_its_site(postgres_url, tmp_path):
    assert _run(plan_command(postgres_url, tmp_path / "admin")).returncode == 0
    everything = _scalars(postgres_url, "SELECT session_id FROM sessions ORDER BY 1")
    east = _login(postgres_url, "east")
    # Raw SQL as the east coordinator: only east's rows, in every table that has personal data.
    assert _scalars(east, "SELECT DISTINCT site FROM infants") == ["east"]
    assert _scalars(east, "SELECT count(*) FROM infants WHERE site = 'main'") == [0]
    assert _scalars(east, "SELECT DISTINCT site FROM sessions") == ["east"]
    assert _scalars(east, "SELECT DISTINCT site FROM cohorts") == ["east"]
    east_families = _scalars(postgres_url, "SELECT count(DISTINCT family_id) FROM infants "
                                           "WHERE site = 'east'")
    assert _scalars(east, "SELECT count(*) FROM families") == east_families
    assert _scalars(east, "SELECT count(*) FROM cohort_members m JOIN cohorts c USING "
                          "(cohort_id) WHERE c.site <> 'east'") == [0]
    assert _scalars(east, "SELECT count(*) FROM flags f WHERE f.session_id LIKE 'MAIN%'") == [0]
    assert _scalars(postgres_url, "SELECT count(*) FROM flags WHERE session_id LIKE 'MAIN%'")[0]
    engine = sa.create_engine(east)
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"), \
            engine.begin() as conn:  # nor may it move its infants to another site
        conn.execute(sa.text("UPDATE infants SET site = 'main'"))
    with engine.begin() as conn:  # a change to a main row touches nothing
        assert conn.execute(sa.text("DELETE FROM sessions WHERE site = 'main'")).rowcount == 0
    engine.dispose()

    # The east coordinator plans with the whole roster (31 main infants, 2 main expecting
    # families not imported): main's rows are left alone.
    run = _run(plan_command(east, tmp_path / "east"))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "31 roster rows are for sites this database login may not use" in run.stdout
    assert _scalars(postgres_url, "SELECT session_id FROM sessions ORDER BY 1") == everything
    assert _scalars(postgres_url, "SELECT count(*) FROM infants WHERE status = 'active' "
                                  "AND site = 'main'")[0]
    sessions_csv = (tmp_path / "east" / "sessions.csv").read_text(encoding="utf-8")
    assert "EAST-" in sessions_csv and "MAIN-" not in sessions_csv
    for command in (["followup", "--today", "2027-01-20"],
                    ["report", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--today", "2026-12-31"]):
        out = tmp_path / command[0]
        run = _run([sys.executable, "-m", "groupwcc", *command, "--config",
                    str(EXAMPLES / "groupwcc.yaml"), "--db", east, "--out", str(out)])
        assert run.returncode == 0, run.stderr[-2000:]
        texts = "".join(p.read_text(encoding="utf-8", errors="ignore")
                        for p in out.rglob("*") if p.suffix in {".csv", ".html", ".md"})
        assert texts and "MAIN-" not in texts
        assert "Main Street Clinic" not in texts  # the other site's name is in no table


def test_grant_site_refuses_sqlite_and_unknown_roles(postgres_url, tmp_path):
    lite = tmp_path / "g.db"
    from groupwcc.store import open_store

    open_store(f"sqlite:///{lite}").close()
    with pytest.raises(StoreError, match="need PostgreSQL"):
        grant_site_login(f"sqlite:///{lite}", "east", "coord_east")
    open_store(postgres_url).close()
    with pytest.raises(StoreError, match="no database role"):
        grant_site_login(postgres_url, "east", "nobody_here_x1")
    with pytest.raises(StoreError, match="not a plain PostgreSQL role name"):
        grant_site_login(postgres_url, "east", "x; DROP TABLE infants")
