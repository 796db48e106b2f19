"""``groupwcc db``: upgrade the database schema, show its revision, copy it, grant a site."""

from __future__ import annotations

from typing import Annotated

import typer

from groupwcc.cli.common import ConfigOpt, DbOpt, console

SiteArg = Annotated[str, typer.Argument(help="Site id from groupwcc.yaml.", show_default=False)]
RoleArg = Annotated[str, typer.Argument(help="The coordinator's PostgreSQL login role.",
                                        show_default=False)]
ToOpt = Annotated[str, typer.Option(
    "--to", help="SQLAlchemy URL (or SQLite path) of the new, empty database.",
    show_default=False)]

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


def copy(to: ToOpt, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Copy the program's database into a new, empty one (e.g. SQLite onto PostgreSQL).

    Every table is copied, the program key (which names calendar UIDs) included, so calendars
    already imported keep updating. Then set 'database:' in groupwcc.yaml (or GROUPWCC_DB) to
    the new URL. Refuses (exit 1) a target that already holds groupwcc data. Put the password
    in ~/.pgpass or PGPASSFILE, not in the URL.

    Example: groupwcc db copy --config examples/groupwcc.yaml --to postgresql+psycopg://gwadmin@db.example.org/groupwcc
    """
    from groupwcc.api.database import copy_database, database_url

    result = copy_database(database_url(config, db), database_url(None, to))
    total = sum(result.rows.values())
    console().print(f"Copied {total} rows in {len(result.rows)} tables from {result.source} "
                    f"to {result.target}.")


def grant_site(site: SiteArg, role: RoleArg, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Let a coordinator's PostgreSQL login read and write one site's rows, and only those.

    Run it as the program administrator (the login that owns the tables). It turns on
    row-level security, creates the site's group role groupwcc_site_SITE and makes ROLE a
    member, with the table rights a coordinator needs. Create ROLE first (CREATE ROLE … LOGIN).
    A second site for the same login: run it again. See docs/how-to/multi-site.md.

    Example: groupwcc db grant-site east coord_east --config examples/groupwcc.yaml
    """
    from groupwcc.api.database import database_url, grant_site_login

    group = grant_site_login(database_url(config, db), site, role)
    console().print(f"{role} may now use the rows of site {site} (through {group}).")
