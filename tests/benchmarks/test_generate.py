"""The benchmark's synthetic roster generator: deterministic, realistic shares, readable."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return generate.generate_rows(4000, seed=7, today=TODAY)


def test_same_seed_gives_the_same_rows_and_another_seed_does_not():
    first = generate.generate_rows(300, seed=1, today=TODAY)
    assert generate.generate_rows(300, seed=1, today=TODAY) == first
    assert generate.generate_rows(300, seed=2, today=TODAY) != first


def test_written_files_are_byte_identical_for_a_seed(tmp_path: Path):
    a = generate.write_program(tmp_path / "a", 200, seed=3, today=TODAY)
    b = generate.write_program(tmp_path / "b", 200, seed=3, today=TODAY)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    header = a[0].read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(generate.COLUMNS)


def test_exactly_n_rows_with_unique_ids(rows: list[dict[str, str]]):
    assert len(rows) == 4000
    assert len({r["infant_id"] for r in rows}) == 4000


def test_birth_dates_span_24_months_up_to_a_week_ago(rows: list[dict[str, str]]):
    births = sorted(date.fromisoformat(r["date_of_birth"]) for r in rows)
    assert births[0] >= date(2024, 11, 24)
    assert births[-1] <= date(2026, 11, 16)
    # spread over the whole range, not bunched: both ends are within a month of the limits
    assert births[0] <= date(2024, 12, 24) and births[-1] >= date(2026, 10, 16)


def test_shares_of_spanish_preterm_twins(rows: list[dict[str, str]]):
    spanish = sum(r["language"] == "es" for r in rows) / len(rows)
    preterm = sum(r["gestational_age_weeks"] != "" and int(r["gestational_age_weeks"]) < 37
                  for r in rows) / len(rows)
    twins = sum(n for n in Counter(r["family_id"] for r in rows).values() if n == 2) / len(rows)
    assert 0.22 <= spanish <= 0.28
    assert 0.06 <= preterm <= 0.10
    assert 0.007 <= twins <= 0.025
    assert {int(r["gestational_age_weeks"]) for r in rows if r["gestational_age_weeks"]
            and int(r["gestational_age_weeks"]) < 37} <= set(range(28, 37))


def test_twins_share_birth_date_site_and_language(rows: list[dict[str, str]]):
    by_family: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_family.setdefault(row["family_id"], []).append(row)
    twins = [f for f in by_family.values() if len(f) == 2]
    assert twins
    for a, b in twins:
        assert (a["date_of_birth"], a["site"], a["language"]) == (
            b["date_of_birth"], b["site"], b["language"])


def test_keep_apart_pairs_are_mutual_and_could_otherwise_meet(rows: list[dict[str, str]]):
    family = {r["family_id"]: r for r in rows}
    pairs = {r["family_id"]: r["keep_apart_with"] for r in rows if r["keep_apart_with"]}
    assert pairs
    for a, b in pairs.items():
        assert pairs[b] == a
        assert (family[a]["site"], family[a]["language"]) == (
            family[b]["site"], family[b]["language"])


def test_some_rows_lack_consent_or_are_inactive(rows: list[dict[str, str]]):
    assert 0 < sum(r["group_consent"] == "no" for r in rows) < 100
    assert 0 < sum(r["status"] == "inactive" for r in rows) < 100


def test_months_before_clamps_to_the_month_end():
    assert generate.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert generate.months_before(date(2026, 11, 23), 24) == date(2024, 11, 23)
    assert generate.months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_slots_scale_with_a_sites_load():
    assert generate.slots_needed(0) == 3
    # 1000 / 6 cohorts × 9 visits / 104 weeks = 14.42 a week; × 1.5 headroom → 22
    assert generate.slots_needed(1000) == 22
    rooms, slots = generate.site_slots("ashvale", 21)
    assert rooms == ["Group Room A", "Group Room B"]
    assert slots[0] == {"site": "ashvale", "weekday": "monday", "start": "09:00",
                        "end": "10:30", "room": "Group Room A"}
    assert (slots[20]["room"], slots[20]["weekday"], slots[20]["start"]) == (
        "Group Room B", "monday", "09:00")
    assert len({(s["weekday"], s["start"], s["room"]) for s in slots}) == 21


def test_the_real_config_loader_and_roster_reader_accept_the_files(tmp_path: Path):
    read_roster = pytest.importorskip("groupwcc.readers.roster").read_roster
    from groupwcc.config import load_config

    roster, config_path = generate.write_program(tmp_path, 300, seed=5, today=TODAY)
    config = load_config(config_path)
    assert [s.id for s in config.sites] == list(generate.SITE_IDS)
    assert all(config.slots_for(s.id) for s in config.sites)
    infants = read_roster(roster, sites=[s.id for s in config.sites],
                          languages=config.languages, today=TODAY,
                          max_age_months=config.max_enrol_age_months)
    assert len(infants) == 300
    rows = {r["infant_id"]: r for r in generate.generate_rows(300, seed=5, today=TODAY)}
    for infant in infants:
        row = rows[infant.infant_id]
        assert infant.date_of_birth.isoformat() == row["date_of_birth"]
        assert infant.group_consent is (row["group_consent"] == "yes")
        assert infant.status == row["status"]
