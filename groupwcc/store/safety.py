"""Database errors as messages for people, without the statement or its parameters.

A driver's message can quote the row it refused (PostgreSQL: ``DETAIL: Key (…)=(…)``;
SQLAlchemy adds the SQL and, unless ``hide_parameters``, the values: a family's name, birth date
and phone). Only the kind of error and the constraint or table it concerns are shown.
"""

from __future__ import annotations

import sqlalchemy as sa

from groupwcc.errors import StoreError

_RETRY = "another groupwcc run may have changed the database meanwhile: run the command again"


def as_store_error(error: sa.exc.SQLAlchemyError) -> StoreError:
    """A ``StoreError`` describing ``error`` without any values it carries."""
    if isinstance(error, StoreError):  # pragma: no cover - StoreError is not a SQLAlchemy error
        return error
    orig = getattr(error, "orig", None)
    where = _where(orig)
    kind = type(orig).__name__ if orig is not None else type(error).__name__
    if isinstance(error, sa.exc.IntegrityError):
        return StoreError(f"the database refused a change ({kind}{where}); nothing was saved",
                          hint=_RETRY)
    if _sqlstate(orig) == "42501":
        return StoreError(f"this database login may not do that ({kind}{where}); nothing was "
                          "saved", hint="ask the program administrator which sites and tables "
                                        "your login may use (docs/how-to/multi-site.md)")
    if isinstance(error, sa.exc.OperationalError):
        return StoreError(f"the database failed ({kind}{where}); nothing was saved",
                          hint="check the database is reachable and not full; " + _RETRY)
    return StoreError(f"database error ({kind}{where}); nothing was saved",
                      hint="if this repeats, report it (without personal data)")


def _sqlstate(orig: object) -> str | None:
    state = getattr(orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def _where(orig: object) -> str:
    """`` on constraint X / table Y`` from a psycopg error's diagnostics (names, no values)."""
    diag = getattr(orig, "diag", None)
    if diag is None:
        return ""
    for label, attr in (("constraint", "constraint_name"), ("table", "table_name")):
        name = getattr(diag, attr, None)
        if name:
            return f" on {label} {name}"
    return ""


def cannot_open(engine: sa.Engine, error: sa.exc.DBAPIError) -> StoreError:
    """The database at ``engine`` refused a connection: its masked URL and the driver's first
    line (host, port and user at most, never the password, SQL or parameters)."""
    from groupwcc.store.engine import masked

    text = str(error.orig).strip() if error.orig is not None else ""
    reason = text.splitlines()[0] if text else type(error).__name__
    return StoreError(f"cannot open database {masked(engine.url.render_as_string(False))!r}: "
                      f"{reason}", hint="check 'database:' in groupwcc.yaml or --db")
