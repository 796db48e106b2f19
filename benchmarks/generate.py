"""Seeded synthetic program for benchmarks: a roster CSV and a matching ``groupwcc.yaml``.

Everything is invented: names come from short made-up lists, phone numbers are in the
fictional 555-01xx range, sites are imaginary towns. The same ``n``, ``seed`` and ``today``
always give byte-identical files.

    .venv/bin/python benchmarks/generate.py 5000 --out /tmp/bench-5000 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
SEED = 20261123

# Roster columns: the Infant model's field names, in the order coordinators fill them in.
COLUMNS = (
    "infant_id", "family_id", "first_name", "last_name", "date_of_birth",
    "caregiver_first_name", "caregiver_last_name", "caregiver_preferred_name", "site",
    "gestational_age_weeks", "gestational_age_days", "language", "group_consent", "phone",
    "contact_preference", "keep_apart_with", "enrolled_on", "status",
)

# Imaginary towns with uneven enrolment (weights), like a state program's clinics.
SITES = (
    ("ashvale", "Ashvale Family Clinic", 2.0), ("brindle", "Brindle Health Center", 1.6),
    ("corwick", "Corwick Community Clinic", 1.4), ("dunmore", "Dunmore Pediatrics", 1.2),
    ("elmridge", "Elmridge Health", 1.0), ("fallow", "Fallow Creek Clinic", 1.0),
    ("glenport", "Glenport Family Care", 0.9), ("harrow", "Harrow Hill Clinic", 0.8),
    ("islet", "Islet Bay Health", 0.7), ("juniper", "Juniper Flats Clinic", 0.6),
    ("kestrel", "Kestrel Valley Care", 0.5),
)
SITE_IDS = tuple(site_id for site_id, _, _ in SITES)

FIRST = ("Ava", "Bram", "Cleo", "Dax", "Elin", "Finn", "Gia", "Hugo", "Ivy", "Jude", "Kaia",
         "Levi", "Mila", "Nico", "Oona", "Pax", "Quin", "Rosa", "Sol", "Tess", "Uma", "Vito",
         "Wren", "Xavi", "Yara", "Zeb")
LAST = ("Ambervale", "Brookfern", "Cindermoor", "Dovetail", "Elderquist", "Foxglove",
        "Gallowind", "Hollowmere", "Inkwell", "Juniperly", "Kettleby", "Larkspur", "Mossgrove",
        "Nettlefield", "Oakhaven", "Pebbleton", "Quillstone", "Rookwood", "Saltmarsh",
        "Thistledown")
CONTACT = ("text", "call", "")

SPANISH_SHARE = 0.25
PRETERM_SHARE = 0.08
TWIN_SHARE = 0.015          # of infants
KEEP_APART_SHARE = 0.005    # of families
NO_CONSENT_SHARE = 0.01
INACTIVE_SHARE = 0.01

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
TIMES = (("09:00", "10:30"), ("11:00", "12:30"), ("13:30", "15:00"), ("15:30", "17:00"))
VISITS_PER_COHORT = 9
MEAN_COHORT_SIZE = 6
SLOT_HEADROOM = 1.5


@dataclass(frozen=True)
class Family:
    """One caregiver's infants (one, or twins) before they become roster rows."""

    family_id: str
    site: str
    language: str
    date_of_birth: date
    size: int


def months_before(day: date, months: int) -> date:
    """Calendar-month subtraction; the 31st becomes the month's last day."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def generate_rows(n: int, *, seed: int = SEED, today: date = TODAY) -> list[dict[str, str]]:
    """``n`` roster rows (dicts keyed by :data:`COLUMNS`), deterministic for ``seed``."""
    rng = random.Random(seed)
    families = _make_families(rng, n, today)
    keep_apart = _pair_keep_apart(rng, families)
    rows: list[dict[str, str]] = []
    for family in families:
        rows.extend(_family_rows(rng, family, keep_apart.get(family.family_id), len(rows), today))
    return rows[:n]


def _make_families(rng: random.Random, n: int, today: date) -> list[Family]:
    first = months_before(today, 24) + timedelta(days=1)
    span = (today - timedelta(days=7) - first).days
    weights = [w for _, _, w in SITES]
    families, infants = [], 0
    while infants < n:
        size = 2 if rng.random() < TWIN_SHARE / 2 and n - infants >= 2 else 1
        families.append(Family(
            family_id=f"F{len(families) + 1:06d}",
            site=rng.choices(SITE_IDS, weights)[0],
            language="es" if rng.random() < SPANISH_SHARE else "en",
            date_of_birth=first + timedelta(days=rng.randint(0, span)), size=size))
        infants += size
    return families


def _pair_keep_apart(rng: random.Random, families: Sequence[Family]) -> dict[str, str]:
    """Pairs of families of one site and language born close together: the rule bites."""
    pairs = max(1, round(len(families) * KEEP_APART_SHARE / 2))
    by_group: dict[tuple[str, str], list[Family]] = {}
    for family in families:
        by_group.setdefault((family.site, family.language), []).append(family)
    groups = [sorted(g, key=lambda f: f.date_of_birth) for g in by_group.values() if len(g) > 1]
    chosen: dict[str, str] = {}
    for _ in range(pairs * 4):
        if len(chosen) >= 2 * pairs or not groups:
            break
        group = rng.choice(groups)
        k = rng.randrange(len(group) - 1)
        a, b = group[k].family_id, group[k + 1].family_id
        if a not in chosen and b not in chosen:
            chosen[a], chosen[b] = b, a
    return chosen


def _family_rows(rng: random.Random, family: Family, keep_apart: str | None, offset: int,
                 today: date) -> list[dict[str, str]]:
    last = rng.choice(LAST)
    caregiver = rng.choice(FIRST)
    weeks, days = _gestational_age(rng, twins=family.size > 1)
    age = (today - family.date_of_birth).days
    enrolled = family.date_of_birth + timedelta(days=rng.randint(0, min(age, 90)))
    consent = "no" if rng.random() < NO_CONSENT_SHARE else "yes"
    status = "inactive" if rng.random() < INACTIVE_SHARE else "active"
    contact = rng.choice(CONTACT)
    rows = []
    for k in range(family.size):
        rows.append({
            "infant_id": f"I{offset + k + 1:06d}", "family_id": family.family_id,
            "first_name": rng.choice(FIRST), "last_name": last,
            "date_of_birth": family.date_of_birth.isoformat(),
            "caregiver_first_name": caregiver, "caregiver_last_name": last,
            "caregiver_preferred_name": caregiver[:3] if rng.random() < 0.1 else "",
            "site": family.site, "gestational_age_weeks": weeks, "gestational_age_days": days,
            "language": family.language, "group_consent": consent,
            "phone": f"555-01{rng.randint(0, 99):02d}", "contact_preference": contact,
            "keep_apart_with": keep_apart or "", "enrolled_on": enrolled.isoformat(),
            "status": status,
        })
    return rows


def _gestational_age(rng: random.Random, *, twins: bool) -> tuple[str, str]:
    """8 % preterm (28–36 w); twins more often. Term babies: GA blank or 37–41 w."""
    if rng.random() < (PRETERM_SHARE * 4 if twins else PRETERM_SHARE):
        return str(rng.randint(28, 36)), str(rng.randint(0, 6))
    if rng.random() < 0.5:
        return "", ""
    return str(rng.randint(37, 41)), str(rng.randint(0, 6))


def write_roster(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write rows as a UTF-8 CSV with the :data:`COLUMNS` header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def site_loads(rows: Sequence[dict[str, str]]) -> dict[str, int]:
    """Infants per site (every site present, possibly 0)."""
    loads = dict.fromkeys(SITE_IDS, 0)
    for row in rows:
        loads[row["site"]] += 1
    return loads


def slots_needed(infants: int) -> int:
    """Weekly slots for a site's load: sessions a week in steady state, with headroom.

    Births are spread evenly over 104 weeks, each cohort (~6 infants) meets 9 times, so a
    site needs about ``infants / 6 * 9 / 104`` sessions a week; at least 3 slots.
    """
    weekly = infants / MEAN_COHORT_SIZE * VISITS_PER_COHORT / 104
    return max(3, math.ceil(weekly * SLOT_HEADROOM))


def site_slots(site_id: str, count: int) -> tuple[list[str], list[dict[str, str]]]:
    """``count`` slots spread over weekdays, then times, then rooms (20 slots per room)."""
    per_room = len(WEEKDAYS) * len(TIMES)
    rooms = [f"Group Room {chr(ord('A') + r)}" for r in range(math.ceil(count / per_room))]
    slots = []
    for k in range(count):
        room, rest = divmod(k, per_room)
        time_index, day_index = divmod(rest, len(WEEKDAYS))
        start, end = TIMES[time_index]
        slots.append({"site": site_id, "weekday": WEEKDAYS[day_index], "start": start,
                      "end": end, "room": rooms[room]})
    return rooms, slots


def program_config(rows: Sequence[dict[str, str]]) -> dict[str, object]:
    """A ``groupwcc.yaml`` (as a dict) whose sites and slots fit the roster's load."""
    sites, slots = [], []
    loads = site_loads(rows)
    for n, (site_id, name, _) in enumerate(SITES):
        rooms, site_slot_list = site_slots(site_id, slots_needed(loads[site_id]))
        sites.append({"id": site_id, "name": name, "rooms": rooms,
                      "holidays": {"country": "US", "subdivision": "PA"},
                      "address": f"{100 + 10 * n} Invented Avenue"})
        slots.extend(site_slot_list)
    return {
        "program": "Synthetic Statewide Family Clinics",
        "timezone": "America/New_York",
        "sites": sites,
        "slots": slots,
        "closures": ["2026-12-24", {"from": "2026-12-28", "to": "2026-12-31"},
                     {"from": "2027-03-15", "to": "2027-03-16", "reason": "staff training"}],
        "cohorts": {"min_size": 4, "max_size": 8, "max_spread_days": 31},
    }


def write_config(config: dict[str, object], path: Path) -> None:
    import yaml

    header = "# Synthetic benchmark program (benchmarks/generate.py). Invented data only.\n"
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


def write_program(folder: Path, n: int, *, seed: int = SEED,
                  today: date = TODAY) -> tuple[Path, Path]:
    """Write ``roster.csv`` and ``groupwcc.yaml`` for ``n`` infants into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = generate_rows(n, seed=seed, today=today)
    roster, config = folder / "roster.csv", folder / "groupwcc.yaml"
    write_roster(rows, roster)
    write_config(program_config(rows), config)
    return roster, config


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of infants")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    args = parser.parse_args(argv)
    roster, config = write_program(args.out, args.n, seed=args.seed, today=args.today)
    print(f"wrote {roster} and {config}")


if __name__ == "__main__":
    main()
