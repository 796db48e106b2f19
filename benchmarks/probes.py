"""Micro-benchmarks of single hot spots, runnable without the rest of the pipeline.

They build their input straight from the synthetic generator (no roster reader, no cohort
engine), so each figure isolates one function:

    .venv/bin/python benchmarks/probes.py save-roster 5000
    .venv/bin/python benchmarks/probes.py calendars 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_rows, program_config  # noqa: E402

# Nominal ages in days: enough to place synthetic sessions (not clinical rules).
NOMINAL_DAYS = {"m1": 30, "m2": 61, "m4": 122, "m6": 183, "m9": 274, "m12": 365, "m15": 456,
                "m18": 548, "m24": 730}


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - start:.3f} s")
    return result


def infants_from_rows(rows: list[dict[str, str]]) -> list:
    from groupwcc.models import Infant

    def convert(row: dict[str, str]) -> Infant:
        data = {k: v for k, v in row.items() if v != ""}
        data["group_consent"] = row["group_consent"] == "yes"
        data["keep_apart_with"] = tuple(k for k in row["keep_apart_with"].split(";") if k)
        return Infant(**data)

    return [convert(row) for row in rows]


def probe_save_roster(n: int) -> None:
    """``repo.save_roster`` (one INSERT per row) against one executemany per table."""
    import sqlalchemy as sa

    from groupwcc.store import open_store, repo
    from groupwcc.store import schema as t

    infants = infants_from_rows(generate_rows(n))
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/a.db")
        with store.transaction() as conn:
            timed(f"repo.save_roster, {n} new infants", lambda: repo.save_roster(
                conn, infants, now=now))
        store = open_store(f"sqlite:///{tmp}/b.db")
        with store.transaction() as conn:
            stamp = now.isoformat()
            families: dict[str, set[str]] = {}
            for infant in infants:
                families.setdefault(infant.family_id, set()).update(infant.keep_apart_with)
            family_rows = [dict(family_id=f, keep_apart_with=";".join(sorted(k)),
                                updated_at=stamp) for f, k in families.items()]
            infant_rows = [repo._infant_row(i, stamp) for i in infants]
            timed("same rows as two executemany INSERTs", lambda: (
                conn.execute(sa.insert(t.families), family_rows),
                conn.execute(sa.insert(t.infants), infant_rows)))


def synthetic_plan(n: int):
    """Cohorts of up to 7 by site, language and birth month; one session per visit age."""
    from groupwcc.models import Cohort, ProgramConfig, Session

    rows = generate_rows(n)
    config = ProgramConfig.model_validate(program_config(rows))
    groups: dict[tuple[str, str, str], list[str]] = {}
    for row in rows:
        groups.setdefault((row["site"], row["language"], row["date_of_birth"][:7]),
                          []).append(row["infant_id"])
    cohorts, sessions, tz = [], [], ZoneInfo(config.timezone)
    for (site, language, month), ids in sorted(groups.items()):
        for k in range(0, len(ids), 7):
            cohort_id = f"{site.upper()}-{language.upper()}-{month}-{k // 7}"
            cohorts.append(Cohort(cohort_id=cohort_id, site=site, language=language,
                                  infant_ids=tuple(ids[k:k + 7])))
            for visit, days in NOMINAL_DAYS.items():
                start = datetime.combine(date.fromisoformat(month + "-15") + timedelta(days),
                                         clock(10), tz)
                sessions.append(Session(
                    session_id=f"{cohort_id}-{visit.upper()}", cohort_id=cohort_id,
                    visit=visit, start=start, end=start + timedelta(minutes=90), site=site,
                    room="Group Room A"))
    sessions.sort(key=lambda s: (s.start, s.session_id))
    return config, cohorts, sessions


def probe_calendars(n: int) -> None:
    """``calendar_files`` as a whole, then its parts: the per-cohort session filter and the
    VEVENT serialisation (program calendar with a cold event cache)."""
    from groupwcc.api import render as exports
    from groupwcc.api.context import Program
    from groupwcc.api.state import State
    from groupwcc.exporters.ics import render_calendar

    config, cohorts, sessions = synthetic_plan(n)
    print(f"{len(cohorts)} cohorts, {len(sessions)} sessions")
    labels = {v: v for v in NOMINAL_DAYS}

    class LabelledProgram(Program):  # visit labels without the reference-data reader
        def visit_labels(self) -> dict[str, str]:
            return labels

    program = LabelledProgram(config, Path("groupwcc.yaml"), "sqlite://")
    state = State({}, cohorts, [], sessions, [])
    timed("api.render.calendar_files (all calendars)", lambda: exports.calendar_files(
        program, state, previous={}, exported_at=datetime.now(UTC)))
    timed("  its per-cohort filter alone ([s for s in sessions if ...] per cohort)",
          lambda: [[s for s in sessions if s.cohort_id == c.cohort_id] for c in cohorts])
    by_id = {c.cohort_id: c for c in cohorts}
    timed("  render_calendar of all sessions, cold event cache", lambda: render_calendar(
        sessions, calendar_name="x", cohorts=by_id, config=config, visit_labels=labels,
        event_cache={}))


PROBES = {"save-roster": probe_save_roster, "calendars": probe_calendars}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probe", choices=sorted(PROBES))
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    PROBES[args.probe](args.n)


if __name__ == "__main__":
    main()
