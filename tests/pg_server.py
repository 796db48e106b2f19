"""A throwaway PostgreSQL server for the tests (issue 17).

``GROUPWCC_TEST_POSTGRES_URL`` (set by .ci/run) names a server whose login may create
databases and roles. Without it, the tests start their own cluster when ``initdb``/``pg_ctl``
are found (on PATH or in /usr/lib/postgresql/*/bin): in a temporary folder, owned by an
unprivileged user when running as root, listening on 127.0.0.1 only, on a free port, with a
password login. When neither works the PostgreSQL half is skipped with the reason, except under
CI=true, where it fails: CI never skips it.

It also builds the groupwcc child processes the concurrency tests start, on either backend.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ADMIN, PASSWORD = "gwadmin", "test-only-Secret-42"


def find_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _runner() -> list[str]:
    """``runuser -u postgres --`` when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL")


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yields the admin URL (database ``postgres``); stops and removes it."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise RuntimeError("initdb/pg_ctl not found (install Debian's 'postgresql' package)")
    runner = _runner()
    folder = Path(tempfile.mkdtemp(prefix="groupwcc-pg-"))
    if runner:
        user = runner[2]
        shutil.chown(folder, user=user)
    data, pwfile, port = folder / "data", folder / "pw", _free_port()
    pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
    if runner:
        shutil.chown(pwfile, user=runner[2])
    log = folder / "log"

    def run(*args: str) -> None:
        subprocess.run([*runner, *args], check=True, capture_output=True, cwd=folder)

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", ADMIN, f"--pwfile={pwfile}",
            "--auth=scram-sha-256", "-E", "UTF8", "--locale=C")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
            "start")
        try:
            yield f"postgresql+psycopg://{ADMIN}:{PASSWORD}@127.0.0.1:{port}/postgres"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new empty database on ``server``; its URL (with the admin login); dropped after."""
    import sqlalchemy as sa

    name = f"groupwcc_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


ROOT = Path(__file__).resolve().parent.parent


def plan_command(url: str, out: Path) -> list[str]:
    """``groupwcc plan`` of the example program into ``out`` on the database at ``url``."""
    import sys

    examples = ROOT / "examples"
    return [sys.executable, "-m", "groupwcc", "plan", str(examples / "roster.csv"), "--config",
            str(examples / "groupwcc.yaml"), "--db", url, "--out", str(out),
            "--today", "2026-11-23"]


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a groupwcc child process importing this checkout."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, **extra}


_OPEN = "import sys; from groupwcc.store import open_store; open_store(sys.argv[1]).close()"


def open_in_processes(url: str, count: int) -> list[tuple[int, str]]:
    """Start ``count`` processes that each open (and so upgrade) ``url`` at once; their exit
    codes and error output."""
    import sys

    procs = [subprocess.Popen([sys.executable, "-c", _OPEN, url], text=True, env=child_env(),
                              stderr=subprocess.PIPE)
             for _ in range(count)]
    return [(proc.wait(), proc.stderr.read() if proc.stderr else "") for proc in procs]


_MARK = textwrap.dedent("""
    import sys, time
    from datetime import date, datetime, timezone
    from pathlib import Path
    from groupwcc.api.attendance import mark
    from groupwcc.api.context import Program
    from groupwcc.models import ProgramConfig, Site

    url, cohort, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    config = ProgramConfig(program="Test clinic", sites=(Site(id="main", name="Main"),))
    program = Program(config, go.parent / "groupwcc.yaml", url)
    sessions = [f"{cohort}-M{v}" for v in (1, 2, 4, 6, 9, 12, 15, 18, 24, 30)]
    first = (ord(cohort[-1]) - 65) * 20 + 1
    infants = [f"I-{n:04d}" for n in range(first, first + 20)]
    while not go.exists():
        time.sleep(0.01)
    for session in sessions:
        for infant in infants:
            mark(program, session, infant, "attended", today=date(2027, 12, 31),
                 now=datetime.now(timezone.utc))
""")


def mark_command(url: str, cohort: str, go: Path) -> list[str]:
    """A child process that waits until ``go`` exists, then marks each of the 20 infants of
    ``cohort`` (``...-A`` holds I-0001..I-0020, ``-B`` the next 20, ...) attended at its ten
    sessions, one ``mark`` call each, on the database at ``url``."""
    import sys

    return [sys.executable, "-c", _MARK, url, cohort, str(go)]
