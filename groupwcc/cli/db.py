"""``groupwcc db``: upgrade the database schema, show its revision."""

from __future__ import annotations

from groupwcc.cli.common import ConfigOpt, DbOpt, console

HELP = """Upgrade the database schema and show its revision.

Example: groupwcc db upgrade --config examples/groupwcc.yaml
"""


def _name(revision: str | None) -> str:
    return revision if revision is not None else "empty"


def upgrade(config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Upgrade the database to the newest schema revision this groupwcc knows.

    Every command does this on first use; run it by hand after installing a new groupwcc, or
    to upgrade a database that no configuration points at (--db alone needs no configuration).
    Prints the revision before and after. Take a backup first. Refuses (exit 1) a database from
    a newer groupwcc.

    Example: groupwcc db upgrade --config examples/groupwcc.yaml
    """
    from groupwcc.api.database import database_url, upgrade_database

    result = upgrade_database(database_url(config, db))
    if result.before == result.after:
        console().print(f"{result.shown}: already at revision {result.after} (newest).")
    else:
        console().print(f"{result.shown}: upgraded from revision {_name(result.before)} "
                        f"to {result.after}.")


def current(config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Show the database's schema revision and the newest this groupwcc knows.

    Example: groupwcc db current --config examples/groupwcc.yaml
    """
    from groupwcc.api.database import current_revision, database_url

    result = current_revision(database_url(config, db))
    note = "up to date" if result.before == result.head else "run 'groupwcc db upgrade'"
    console().print(f"{result.shown}: revision {_name(result.before)}; newest {result.head} "
                    f"({note}).")
