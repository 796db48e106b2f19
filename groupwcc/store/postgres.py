"""Least privilege by site on PostgreSQL: row-level security (``groupwcc db grant-site``).

Every site has a group role ``groupwcc_site_<site>`` (NOLOGIN). A coordinator's login that is a
member of it sees and changes only that site's rows: ``infants``, ``cohorts`` and ``sessions``
by their ``site`` column; the tables hanging off them (families, members, unplaced, flags,
attendance and its history, individual visits, the export ledger) through a policy that asks
whether the parent row is visible, so the server itself refuses other sites' rows, even to raw
SQL. The program administrator's login owns the tables and so is not subject to the policies
(nor is a superuser): it sees everything. ``meta``, ``alembic_version`` and ``audit_log`` (counts
only, no personal data) carry no site.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from groupwcc.errors import StoreError

PREFIX = "groupwcc_site_"
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_SITE_ROLE = re.compile(r"^[a-z0-9_]{1,49}$")  # PREFIX + site within PostgreSQL's 63 bytes

_MEMBER = (f"EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = '{PREFIX}' || lower(site) "
           "AND pg_has_role(current_user, r.oid, 'MEMBER'))")
# table → the visibility test of its rows (parent tables are themselves filtered).
POLICIES: dict[str, str] = {
    "infants": _MEMBER,
    "cohorts": _MEMBER,
    "sessions": _MEMBER,
    "families": "EXISTS (SELECT 1 FROM infants i WHERE i.family_id = families.family_id)",
    "cohort_members": "EXISTS (SELECT 1 FROM cohorts c WHERE c.cohort_id = "
                      "cohort_members.cohort_id)",
    "unplaced": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = unplaced.infant_id)",
    "flags": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = flags.infant_id)",
    "individual_visits": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = "
                         "individual_visits.infant_id)",
    "attendance": "EXISTS (SELECT 1 FROM sessions s WHERE s.session_id = "
                  "attendance.session_id)",
    "attendance_history": "EXISTS (SELECT 1 FROM sessions s WHERE s.session_id = "
                          "attendance_history.session_id)",
    "export_ledger": "EXISTS (SELECT 1 FROM sessions s WHERE s.session_id = "
                     "export_ledger.session_id)",
    # The child's own record (issue 19).
    "doses_given": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = doses_given.infant_id)",
    "dose_history": "EXISTS (SELECT 1 FROM doses_given d WHERE d.id = dose_history.dose_id)",
    "screening_results": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = "
                         "screening_results.infant_id)",
    "referrals": "EXISTS (SELECT 1 FROM infants i WHERE i.infant_id = referrals.infant_id)",
    "referral_history": "EXISTS (SELECT 1 FROM referrals r WHERE r.referral_id = "
                        "referral_history.referral_id)",
    "screening_closures": "EXISTS (SELECT 1 FROM screening_results s WHERE s.id = "
                          "screening_closures.result_id)",
}
# A family row is written before its infants (save_roster), so it cannot prove its site yet.
INSERT_ANYWHERE = {"families"}
READ_ONLY = ("alembic_version",)
APPEND_ONLY = ("meta", "audit_log")


def site_role(site: str) -> str:
    """The group role of ``site``; refuses ids PostgreSQL role names cannot carry."""
    name = site.lower()
    if not _SITE_ROLE.match(name):
        raise StoreError(f"site id {site!r} cannot name a database role",
                         hint="site ids for grant-site use letters, digits and _ only, "
                              "at most 49 characters")
    return PREFIX + name


def require_postgresql(conn: sa.Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise StoreError("per-site logins need PostgreSQL (row-level security); this database "
                         f"is {conn.dialect.name}",
                         hint="move the program onto PostgreSQL first: 'groupwcc db copy --to'")


def enable_site_security(conn: sa.Connection) -> None:
    """(Re)create the site policies on every table; idempotent."""
    require_postgresql(conn)
    for table, test in POLICIES.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name in ("groupwcc_site", "groupwcc_site_insert"):
            conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
        if table in INSERT_ANYWHERE:
            for command in ("SELECT", "UPDATE", "DELETE"):
                conn.exec_driver_sql(f"DROP POLICY IF EXISTS groupwcc_site_{command.lower()} "
                                     f"ON {table}")
                conn.exec_driver_sql(f"CREATE POLICY groupwcc_site_{command.lower()} ON "
                                     f"{table} FOR {command} USING ({test})")
            conn.exec_driver_sql(f"CREATE POLICY groupwcc_site_insert ON {table} FOR INSERT "
                                 "WITH CHECK (true)")
        else:
            conn.exec_driver_sql(f"CREATE POLICY groupwcc_site ON {table} USING ({test})")


def grant_site(conn: sa.Connection, site: str, login: str) -> str:
    """Let the existing role ``login`` use ``site``'s rows (and only those); the site role."""
    require_postgresql(conn)
    if not _ROLE.match(login):
        raise StoreError(f"{login!r} is not a plain PostgreSQL role name",
                         hint="use lower-case letters, digits and _ (create it first with "
                              "CREATE ROLE … LOGIN)")
    exists = sa.text("SELECT 1 FROM pg_roles WHERE rolname = :name")
    if conn.execute(exists, {"name": login}).first() is None:
        raise StoreError(f"there is no database role {login!r}",
                         hint="create the login first (docs/how-to/multi-site.md)")
    group = site_role(site)
    enable_site_security(conn)
    if conn.execute(exists, {"name": group}).first() is None:
        conn.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")
    conn.exec_driver_sql(f"GRANT {group} TO {login}")
    database = conn.execute(sa.text("SELECT current_database()")).scalar_one()
    quoted = conn.dialect.identifier_preparer.quote(str(database))
    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {quoted} TO {login}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {login}")
    for table in READ_ONLY:
        conn.exec_driver_sql(f"GRANT SELECT ON {table} TO {login}")
    for table in APPEND_ONLY:
        conn.exec_driver_sql(f"GRANT SELECT, INSERT ON {table} TO {login}")
    for table in POLICIES:
        conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {login}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {login}")
    return group


def visible_sites(conn: sa.Connection) -> frozenset[str] | None:
    """The sites this login may see, or None when it sees every site (SQLite, the owner of the
    tables, a superuser, or a database without site security)."""
    if conn.dialect.name != "postgresql":
        return None
    row = conn.execute(sa.text(
        "SELECT c.relrowsecurity, pg_has_role(current_user, c.relowner, 'USAGE'), "
        "r.rolsuper OR r.rolbypassrls FROM pg_class c, pg_roles r "
        "WHERE c.oid = 'infants'::regclass AND r.rolname = current_user")).first()
    if row is None or not row[0] or row[1] or row[2]:
        return None
    names = conn.execute(sa.text(
        "SELECT rolname FROM pg_roles r WHERE starts_with(rolname, :prefix) "
        "AND pg_has_role(current_user, r.oid, 'MEMBER')"), {"prefix": PREFIX}).scalars()
    return frozenset(name.removeprefix(PREFIX) for name in names)
