"""The shared backend fixture itself: both backends open, migrate and round-trip a row."""

from __future__ import annotations

import sqlalchemy as sa

from groupwcc.store import open_store
from groupwcc.store.migrate import head_revision


def test_every_backend_opens_at_head(backend_url: str) -> None:
    store = open_store(backend_url)
    with store.transaction(lock=True) as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('probe', 'x')"))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
        assert conn.execute(sa.text("SELECT value FROM meta WHERE key='probe'")).scalar() == "x"
    store.close()


def test_a_refused_login_is_exit_1_with_the_password_masked(postgres_url, tmp_path):
    import subprocess

    from pg_server import child_env, plan_command

    wrong = sa.engine.make_url(postgres_url).set(password="Wrong-Pass-77")
    url = wrong.render_as_string(hide_password=False)
    for command in (plan_command(url, tmp_path / "out"),
                    [*plan_command(url, tmp_path / "out")[:3], "db", "current", "--db", url]):
        run = subprocess.run(command, capture_output=True, text=True, env=child_env(),
                             check=False, timeout=300)
        assert run.returncode == 1, run.stderr[-2000:]
        assert "Wrong-Pass-77" not in run.stdout + run.stderr
        assert "Traceback" not in run.stderr and "***" in run.stderr


def test_groupwcc_db_environment_variable_selects_the_database(postgres_url, tmp_path):
    import subprocess

    from pg_server import child_env, plan_command

    command = plan_command(postgres_url, tmp_path / "out")
    at = command.index("--db")
    del command[at:at + 2]
    run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300,
                         env=child_env(GROUPWCC_DB=postgres_url))
    assert run.returncode == 0, run.stderr[-2000:]
    engine = sa.create_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM infants")).scalar_one() == 42
    engine.dispose()
