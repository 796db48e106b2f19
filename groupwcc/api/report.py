"""``groupwcc report``: attendance, retention, on-time visits and HEDIS W30 for a period, as an
HTML page with PNG figures. Every number comes from ``core.attendance`` and ``core.w30``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program, visits_in_order
from groupwcc.api.state import State, load_state
from groupwcc.errors import UserError

if TYPE_CHECKING:
    from groupwcc.core.records import Records
    from groupwcc.exporters.report import ReportInput
    from groupwcc.models import Infant


def default_period(today: date) -> tuple[date, date]:
    """The measurement year (HEDIS measures run by calendar year) that holds ``today``."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


def build_report(program: Program, *, first: date, last: date, today: date,
                 now: datetime) -> ReportInput:
    """Compute every number of the report from the database."""
    from groupwcc.api.attendance import load_records

    if last < first:
        raise UserError(f"--to {last} is before --from {first}", hint="swap the two dates")
    with program.store.transaction() as conn:
        state = load_state(conn, program.config.timezone)
        records = load_records(conn, state.sessions)
    return report_input(program, state, records, first=first, last=last, today=today, now=now)


def report_population(state: State, records: Records) -> list[Infant]:
    """Infants in a cohort, plus any with recorded attendance or individual visits."""
    ids = {i for c in state.cohorts for i in c.infant_ids} | set(records.by_infant)
    ids |= {v.infant_id for v in records.visits}
    return [state.infants[i] for i in sorted(ids) if i in state.infants]


def report_input(program: Program, state: State, records: Records, *, first: date, last: date,
                 today: date, now: datetime) -> ReportInput:
    from groupwcc.core import attendance as m
    from groupwcc.core.records import Period
    from groupwcc.core.w30 import measure_w30
    from groupwcc.exporters.report import ReportInput

    order = visits_in_order(program.reference, program.config.visits)
    period, so_far = Period(first, last), Period(first, min(last, today))
    infants = report_population(state, records)
    w30, rates = measure_w30(infants, state.cohorts, records, period=period, today=today)
    return ReportInput(
        program=program.config.program, first=first, last=last, today=today,
        overall=m.attendance_overall(records, period),
        by_cohort=m.attendance_by_cohort(records, period),
        by_visit=m.attendance_by_visit(records, order, period),
        retention=m.retention(records, order, last=min(last, today)),
        on_time=m.on_time_visits(infants, state.cohorts, records, program.reference, order,
                                  so_far),
        w30=w30, w30_rates=rates, visit_labels=program.visit_labels(),
        cohort_of={i: c.cohort_id for c in state.cohorts for i in c.infant_ids},
        generated_at=now)


def write_report(program: Program, out_dir: Path, *, first: date, last: date, today: date,
                 now: datetime) -> tuple[ReportInput, list[Path]]:
    """Write ``report/report.html``, ``report/figures/*.png``, ``report/report.pdf`` and, for
    staff only, the per-baby W30 table ``report/w30-infants.csv``."""
    from groupwcc.api.outputs import OutputSet, Staging
    from groupwcc.exporters.report import (
        W30_INFANTS_FILE,
        render_report_figures,
        render_report_html,
        render_report_pdf,
        render_w30_infants_csv,
    )
    from groupwcc.store.audit import record_audit

    data = build_report(program, first=first, last=last, today=today, now=now)
    outputs = OutputSet()
    outputs.add("report/report.html", render_report_html(data, program.templates_dir))
    figures = render_report_figures(data)
    for name, png in figures.items():
        outputs.add(f"report/{name}", png)
    outputs.add("report/report.pdf", render_report_pdf(data, figures, program.templates_dir))
    outputs.add(f"report/{W30_INFANTS_FILE}", render_w30_infants_csv(data))  # owner-only
    store = program.store
    with Staging(out_dir) as staging:  # files move in only after the audit entry committed
        with store.transaction() as conn:
            written = staging.stage(outputs)
            record_audit(conn, "report", outputs=[str(p) for p in written], counts={
                "sessions_held": data.overall.sessions if data.overall else 0,
                "infants": len(data.w30), "files": len(written)})
        return data, staging.publish()
