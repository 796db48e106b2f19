"""A generated over-capacity program: the forecast shows the shortfall, and the suggested slots,
added to the config, let ``plan`` schedule every visit the windows allow."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from groupwcc.api.capacity import capacity_forecast
from groupwcc.api.context import load_program
from groupwcc.api.plan import plan_program
from groupwcc.api.state import load_state
from groupwcc.core.capacity_slots import served_visits

TODAY = date(2026, 11, 23)
CONFIG = """\
program: Invented Over-Capacity Clinic
timezone: America/New_York
sites:
  - {id: main, name: Main, rooms: [Room A, Room B], holidays: null}
slots:
%s
cohorts: {min_size: 4, max_size: 8, max_spread_days: 31}
"""
TUESDAY = '  - {site: main, weekday: tuesday, start: "10:00", end: "12:00", room: Room A}'


def _roster(path: Path) -> Path:
    """Four invented babies born every week for 22 weeks, all at main."""
    header = ["infant_id", "family_id", "infant_first_name", "infant_last_name",
              "date_of_birth", "caregiver_first_name", "caregiver_last_name", "site",
              "enrolled_on"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(88):
            born = date(2026, 6, 1) + timedelta(weeks=n // 4)
            writer.writerow([f"I{n:03d}", f"F{n:03d}", f"Baby{n}", "Testa", born.isoformat(),
                             f"Parent{n}", "Testa", "main", (born + timedelta(days=7)).isoformat()])
    return path


def _slot_yaml(slot) -> str:  # type: ignore[no-untyped-def]
    return (f'  - {{site: {slot.site}, weekday: {slot.weekday}, start: "{slot.start:%H:%M}", '
            f'end: "{slot.end:%H:%M}", room: {slot.room}}}')


def _plan(folder: Path, roster: Path, slots: list[str]):  # type: ignore[no-untyped-def]
    folder.mkdir()
    (folder / "groupwcc.yaml").write_text(CONFIG % "\n".join(slots), encoding="utf-8")
    program = load_program(folder / "groupwcc.yaml")
    now = datetime(2026, 11, 23, 9).astimezone()
    return program, plan_program(program, roster, out_dir=folder / "out", today=TODAY, now=now,
                                 pdf=False)


def test_suggested_slots_let_plan_schedule_every_visit_the_windows_allow(tmp_path: Path) -> None:
    roster = _roster(tmp_path / "roster.csv")
    first = tmp_path / "before"
    first.mkdir()
    (first / "groupwcc.yaml").write_text(CONFIG % TUESDAY, encoding="utf-8")
    report = capacity_forecast(load_program(first / "groupwcc.yaml"), today=TODAY,
                               roster=roster)
    assert report.first_short["main"] == date(2026, 11, 1)
    assert sum(r.short for r in report.rows) > 0
    (suggestion,) = report.suggestions
    assert suggestion.served_before < suggestion.target and suggestion.reached
    assert suggestion.added and all(s.room in ("Room A", "Room B") for s in suggestion.added)

    # as configured, plan leaves sessions unscheduled for lack of slot days
    _, as_is = _plan(tmp_path / "as-is", roster, [TUESDAY])
    lacking = [f for f in as_is.schedule.flags if "no free day" in f.reason]
    assert lacking
    # with the suggested slots added to the config, plan serves as many infant visits as with a
    # room of its own for every cohort: every visit the windows allow
    slots = [TUESDAY, *(_slot_yaml(s) for s in suggestion.added)]
    program, result = _plan(tmp_path / "with-slots", roster, slots)
    with program.store.transaction() as conn:
        state = load_state(conn)
    served = served_visits(state.cohorts, state.infants, result.schedule, today=TODAY)
    assert served == suggestion.target > suggestion.served_before
    # what is still flagged is the windows' doing (a window that closes before any slot day),
    # far fewer than before
    assert len([f for f in result.schedule.flags if "no free day" in f.reason]) < len(lacking) / 4
