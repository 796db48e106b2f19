"""Repository functions for the roster, cohorts, sessions and flags. Each takes a connection
inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from groupwcc.models import Cohort, CohortPlan, Flag, Infant, Session, UnplacedInfant
from groupwcc.store import schema as t

_INFANT_FIELDS = tuple(f for f in Infant.model_fields if f != "keep_apart_with")


@dataclass(frozen=True)
class ImportCounts:
    """What a roster import changed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    other_sites: int = 0  # rows of sites this database login may not see (store.postgres)


def load_infants(conn: sa.Connection) -> list[Infant]:
    rows = conn.execute(sa.select(t.infants).order_by(t.infants.c.infant_id)).mappings()
    return [_infant_from_row(row) for row in rows]


def _infant_from_row(row: sa.RowMapping) -> Infant:
    data = {f: row[f] for f in _INFANT_FIELDS}
    keep = row["keep_apart_with"]
    data["keep_apart_with"] = tuple(k for k in keep.split(";") if k) if keep else ()
    return Infant.model_validate(data)


def _infant_row(infant: Infant, now: str) -> dict[str, object]:
    row = {f: getattr(infant, f) for f in _INFANT_FIELDS}
    row["keep_apart_with"] = ";".join(infant.keep_apart_with)
    row["updated_at"] = now
    return row


def save_roster(conn: sa.Connection, roster: Sequence[Infant], *, now: datetime) -> ImportCounts:
    """Upsert the roster. Same rows change nothing; infants missing from it become inactive.

    A site coordinator's login (PostgreSQL row-level security) imports only its own sites'
    rows; the others are counted in ``other_sites`` and left to their own coordinators."""
    from groupwcc.store.postgres import visible_sites

    stamp = now.isoformat()
    sites = visible_sites(conn)
    other_sites = 0
    if sites is not None:
        mine = [i for i in roster if i.site.lower() in sites]
        other_sites, roster = len(roster) - len(mine), mine
    existing = {i.infant_id: i for i in load_infants(conn)}
    _save_families(conn, roster, stamp)
    inserts, updates, unchanged = [], [], 0
    for infant in roster:
        old = existing.pop(infant.infant_id, None)
        if old is None:
            inserts.append(_infant_row(infant, stamp))
        elif old != infant:
            updates.append(_infant_row(infant, stamp))
        else:
            unchanged += 1
    if inserts:
        conn.execute(sa.insert(t.infants), inserts)
    _update_many(conn, t.infants, "infant_id", updates)
    added, updated = len(inserts), len(updates)
    gone = [i.infant_id for i in existing.values() if i.status == "active"]
    if gone:
        conn.execute(sa.update(t.infants).where(t.infants.c.infant_id.in_(gone))
                     .values(status="inactive", updated_at=stamp))
    return ImportCounts(added, updated, unchanged, len(gone), other_sites)


def _update_many(conn: sa.Connection, table: sa.Table, key: str,
                 rows: Sequence[Mapping[str, object]]) -> None:
    """One executemany UPDATE keyed by ``key`` (rows hold every column)."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    statement = (sa.update(table).where(table.c[key] == sa.bindparam("_key"))
                 .values({c: sa.bindparam(c) for c in columns}))
    conn.execute(statement, [{**{c: r[c] for c in columns}, "_key": r[key]} for r in rows])


def _save_families(conn: sa.Connection, roster: Sequence[Infant], stamp: str) -> None:
    wanted: dict[str, set[str]] = {}
    for infant in roster:
        wanted.setdefault(infant.family_id, set()).update(infant.keep_apart_with)
    known = {r.family_id: r.keep_apart_with for r in conn.execute(sa.select(t.families))}
    inserts, updates = [], []
    for family_id, keep in sorted(wanted.items()):
        value = ";".join(sorted(keep))
        row = dict(family_id=family_id, keep_apart_with=value, updated_at=stamp)
        if family_id not in known:
            inserts.append(row)
        elif known[family_id] != value:
            updates.append(row)
    if inserts:
        conn.execute(sa.insert(t.families), inserts)
    _update_many(conn, t.families, "family_id", updates)


def load_cohorts(conn: sa.Connection) -> list[Cohort]:
    members: dict[str, list[str]] = {}
    query = sa.select(t.cohort_members).order_by(t.cohort_members.c.cohort_id,
                                                t.cohort_members.c.position)
    for row in conn.execute(query):
        members.setdefault(row.cohort_id, []).append(row.infant_id)
    rows = conn.execute(sa.select(t.cohorts).order_by(t.cohorts.c.cohort_id)).mappings()
    return [Cohort(cohort_id=r["cohort_id"], site=r["site"], language=r["language"],
                   slot_id=r["slot_id"], created_on=r["created_on"],
                   infant_ids=tuple(members.get(r["cohort_id"], ()))) for r in rows]


def save_cohort_plan(conn: sa.Connection, plan: CohortPlan) -> None:
    """Write cohorts and membership (replacing membership rows) and the unplaced list."""
    known = {r.cohort_id for r in conn.execute(sa.select(t.cohorts.c.cohort_id))}
    rows = [dict(cohort_id=c.cohort_id, site=c.site, language=c.language, slot_id=c.slot_id,
                 created_on=c.created_on) for c in plan.cohorts]
    inserts = [r for r in rows if r["cohort_id"] not in known]
    if inserts:
        conn.execute(sa.insert(t.cohorts), inserts)
    _update_many(conn, t.cohorts, "cohort_id", [r for r in rows if r["cohort_id"] in known])
    conn.execute(sa.delete(t.cohort_members))
    member_rows = [dict(infant_id=i, cohort_id=c.cohort_id, position=n)
                   for c in plan.cohorts for n, i in enumerate(c.infant_ids)]
    if member_rows:
        conn.execute(sa.insert(t.cohort_members), member_rows)
    save_unplaced(conn, plan.unplaced)


def save_unplaced(conn: sa.Connection, items: Iterable[UnplacedInfant]) -> None:
    conn.execute(sa.delete(t.unplaced))
    rows = [u.model_dump() for u in items]
    if rows:
        conn.execute(sa.insert(t.unplaced), rows)


def load_unplaced(conn: sa.Connection) -> list[UnplacedInfant]:
    rows = conn.execute(sa.select(t.unplaced).order_by(t.unplaced.c.infant_id)).mappings()
    return [UnplacedInfant.model_validate(dict(r)) for r in rows]


def load_sessions(conn: sa.Connection, *, cohort_id: str | None = None,
                  timezone: str | None = None) -> list[Session]:
    """Sessions sorted by start. With ``timezone`` (the program's zone), start and end carry
    that zone, not the fixed UTC offset stored: a moved session then keeps its wall-clock time
    across a daylight-saving change (``core.times.in_zone``)."""
    from groupwcc.core.times import in_zone

    query = sa.select(t.sessions)
    if cohort_id:
        query = query.where(t.sessions.c.cohort_id == cohort_id)
    rows = conn.execute(query).mappings()
    sessions = [_session_from_row(r, timezone, in_zone) for r in rows]
    return sorted(sessions, key=lambda s: (s.start, s.session_id))


def _session_from_row(row: sa.RowMapping, timezone: str | None = None,
                      convert: Callable[[datetime, str], datetime] | None = None) -> Session:
    data = dict(row)
    data["start"] = datetime.fromisoformat(data["start"])
    data["end"] = datetime.fromisoformat(data["end"])
    if timezone is not None and convert is not None:
        data["start"], data["end"] = convert(data["start"], timezone), convert(data["end"],
                                                                               timezone)
    data["changed_at"] = datetime.fromisoformat(row["changed_at"]) if row["changed_at"] else None
    data["facilitators"] = tuple(f for f in (row["facilitators"] or "").split(";") if f)
    return Session.model_validate(data)


def _session_row(session: Session) -> dict[str, object]:
    row = session.model_dump()
    row["start"] = session.start.isoformat()
    row["end"] = session.end.isoformat()
    row["changed_at"] = session.changed_at.isoformat() if session.changed_at else None
    row["facilitators"] = ";".join(session.facilitators)
    return row


def save_sessions(conn: sa.Connection, sessions: Sequence[Session]) -> None:
    """Upsert sessions by id. Sessions not in ``sessions`` are left alone."""
    known = {r["session_id"]: dict(r) for r in conn.execute(sa.select(t.sessions)).mappings()}
    inserts, updates = [], []
    for session in sessions:
        row = _session_row(session)
        if session.session_id not in known:
            inserts.append(row)
        elif {k: known[session.session_id].get(k) for k in row} != row:
            updates.append(row)
    if inserts:
        conn.execute(sa.insert(t.sessions), inserts)
    _update_many(conn, t.sessions, "session_id", updates)


def get_session(conn: sa.Connection, session_id: str) -> Session | None:
    row = conn.execute(sa.select(t.sessions).where(
        t.sessions.c.session_id == session_id)).mappings().first()
    return _session_from_row(row) if row else None


def replace_flags(conn: sa.Connection, flags: Sequence[Flag]) -> None:
    conn.execute(sa.delete(t.flags))
    rows = [f.model_dump() for f in flags]
    if rows:
        conn.execute(sa.insert(t.flags), rows)


def load_flags(conn: sa.Connection) -> list[Flag]:
    rows = conn.execute(sa.select(t.flags).order_by(t.flags.c.id)).mappings()
    return [Flag.model_validate({k: v for k, v in r.items() if k != "id"}) for r in rows]
