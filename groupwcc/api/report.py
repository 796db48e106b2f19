"""``groupwcc report``: attendance, retention, on-time visits and HEDIS W30 for a period, as an
HTML page with PNG figures and a PDF, plus funder-ready tables (XLSX, CSV) with small cells
suppressed and the capacity outlook. Every number comes from ``core.attendance`` and
``core.w30`` (per record: ``core.report_rows``); pandas only aggregates the rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program, visits_in_order
from groupwcc.api.state import State, load_state
from groupwcc.errors import UserError

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.api.outputs import OutputSet
    from groupwcc.core.records import Period, Records
    from groupwcc.core.report_rows import ReportRows
    from groupwcc.core.screening_measures import RecordInputs
    from groupwcc.core.w30 import W30Status
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
        record = load_record_inputs(conn, state)
    data = report_input(program, state, records, first=first, last=last, today=today, now=now,
                        record=record)
    return with_capacity(program, data, today=today)


def with_capacity(program: Program, data: ReportInput, *, today: date) -> ReportInput:
    """``data`` with the capacity outlook for the next 12 months (what ``groupwcc capacity``
    shows, without suggestions). A forecast that cannot be made leaves a note, not an error:
    the attendance report must still be written."""
    from dataclasses import replace

    from groupwcc.api.capacity import capacity_forecast

    try:
        forecast = capacity_forecast(program, today=today, suggest=False)
    except UserError as error:
        return replace(data, capacity_note=f"No capacity outlook: {error.message}")
    return replace(data, capacity=forecast.rows, capacity_first_short=forecast.first_short)


def report_population(state: State, records: Records) -> list[Infant]:
    """Infants in a cohort, plus any with recorded attendance or individual visits."""
    ids = {i for c in state.cohorts for i in c.infant_ids} | set(records.by_infant)
    ids |= {v.infant_id for v in records.visits}
    return [state.infants[i] for i in sorted(ids) if i in state.infants]


def load_record_inputs(conn: sa.Connection, state: State) -> RecordInputs:
    """The child's record (screenings, referrals, doses) and the rules that judge it."""
    from groupwcc.api.screenings import open_values
    from groupwcc.core.screening_measures import RecordInputs
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.readers.vaccine_series import load_vaccine_series
    from groupwcc.store.child_record import load_screenings
    from groupwcc.store.referrals import load_referrals

    values, kept = load_screenings(conn), set(open_values(conn)[0])
    return RecordInputs(values, load_referrals(conn), state.doses, load_screening_cutoffs(),
                        load_vaccine_series(), frozenset(set(values) - kept))


def report_input(program: Program, state: State, records: Records, *, first: date, last: date,
                 today: date, now: datetime, record: RecordInputs | None = None
                 ) -> ReportInput:
    from groupwcc.core import attendance as m
    from groupwcc.core.records import Period
    from groupwcc.core.report_rows import on_time_totals
    from groupwcc.core.screening_measures import screenings_by_visit
    from groupwcc.core.w30 import measure_w30
    from groupwcc.exporters.report import ReportInput
    from groupwcc.exporters.report_tables import build_tables

    order = visits_in_order(program.reference, program.config.visits)
    period, so_far = Period(first, last), Period(first, min(last, today))
    infants = report_population(state, records)
    w30, rates = measure_w30(infants, state.cohorts, records, period=period, today=today)
    cohort_of = {i: c.cohort_id for c in state.cohorts for i in c.infant_ids}
    rows = report_rows(program, state, records, infants, w30, cohort_of, order, period=period,
                       so_far=so_far, last=min(last, today), record=record)
    return ReportInput(
        program=program.config.program, first=first, last=last, today=today,
        overall=m.attendance_overall(records, period),
        by_cohort=m.attendance_by_cohort(records, period),
        by_visit=m.attendance_by_visit(records, order, period),
        retention=m.retention(records, order, last=min(last, today)),
        on_time=on_time_totals(rows.on_time, order),
        w30=w30, w30_rates=rates, visit_labels=program.visit_labels(),
        cohort_of=cohort_of, generated_at=now,
        tables=build_tables(rows, order, program.visit_labels()),
        min_cell_size=program.config.report.min_cell_size,
        screening_by_visit=screenings_by_visit(rows.measures, order))


def report_rows(program: Program, state: State, records: Records, infants: list[Infant],
                w30: list[W30Status], cohort_of: dict[str, str], order: list[str], *,
                period: Period, so_far: Period, last: date,
                record: RecordInputs | None = None) -> ReportRows:
    """The measures record by record (``core.report_rows``), for the breakdown tables; the
    periods are the ones the report's own tables use. The child's-record measures
    (``core.screening_measures``) count the period up to today, as on-time visits do."""
    from groupwcc.core import report_rows as r
    from groupwcc.core.screening_measures import record_measure_rows

    measures = () if record is None else tuple(record_measure_rows(
        infants, cohort_of, record, program.reference, period=so_far))

    return r.ReportRows(
        tuple(r.mark_rows(records, state.infants, period)),
        tuple(r.retention_rows(records, state.infants, last=last)),
        tuple(r.on_time_rows(infants, state.cohorts, records, program.reference, order,
                             so_far)),
        tuple(r.w30_rows(w30, state.infants, cohort_of)), measures)


def write_report(program: Program, out_dir: Path, *, first: date, last: date, today: date,
                 now: datetime) -> tuple[ReportInput, list[Path]]:
    """Write ``report/report.html``, ``report/figures/*.png``, ``report/report.pdf``, the
    funder exports (``report/funder-tables.xlsx``, ``report/funder-*.csv``) and, for staff
    only, the per-baby W30 table ``report/w30-infants.csv``."""
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
    outputs.merge(funder_outputs(program, data))
    store = program.store
    with Staging(out_dir) as staging:  # files move in only after the audit entry committed
        with store.transaction() as conn:
            written = staging.stage(outputs)
            record_audit(conn, "report", outputs=[str(p) for p in written], counts={
                "sessions_held": data.overall.sessions if data.overall else 0,
                "infants": len(data.w30), "files": len(written)})
        return data, staging.publish()


def funder_outputs(program: Program, data: ReportInput) -> OutputSet:
    """``report/funder-tables.xlsx`` and ``report/funder-*.csv``: the breakdown tables with
    cells under ``report.min_cell_size`` infants suppressed. Aggregates without ids, still
    owner-only (they describe people in a Part 2 program); NOTICE.txt is added beside them."""
    from groupwcc.api.outputs import OutputSet
    from groupwcc.exporters.report_funder import (
        funder_csv_name,
        render_funder_csv,
        render_funder_xlsx,
    )
    from groupwcc.exporters.report_tables import suppress

    smallest = data.min_cell_size
    shown = {name: suppress(name, table, smallest) for name, table in data.tables.items()}
    outputs = OutputSet()
    outputs.add("report/funder-tables.xlsx", render_funder_xlsx(
        shown, program=data.program, period=f"{data.first} to {data.last}",
        min_cell_size=smallest))
    for name, table in shown.items():
        outputs.add(f"report/{funder_csv_name(name)}", render_funder_csv(table))
    return outputs
