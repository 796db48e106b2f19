"""The attendance report (HTML with PNG figures, PDF) and the follow-up list (CSV, HTML, PDF).

Numbers come computed from ``core.attendance``/``w30``; this module only lays them out. Figures are
drawn with matplotlib's Agg backend and must read in black and white: series differ by
hatching and marker shape, never by colour alone, and every bar or point carries its value.
Both documents identify infants (ids; the follow-up list also names and phones), so they
carry the 42 CFR Part 2 notice and are written owner-only.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groupwcc import i18n
from groupwcc.exporters import labels
from groupwcc.exporters.templating import render_template

if TYPE_CHECKING:
    from groupwcc.core.attendance import AttendanceRate, OnTime, RetentionPoint
    from groupwcc.core.capacity import CapacityRow
    from groupwcc.core.w30 import W30Rates, W30Status

FOLLOWUP_COLUMNS: tuple[str, ...] = (
    "missed_in_a_row", "caregiver", "infant", "infant_id", "family_id", "phone",
    "contact_preference", "cohort_id", "missed", "next_session", "make_up")
# The per-baby W30 table (infant ids) is its own owner-only file, never part of the report a
# funder receives (docs/explanation/privacy.md).
W30_INFANTS_FILE = "w30-infants.csv"
W30_INFANT_COLUMNS: tuple[str, ...] = (
    "infant_id", "cohort", "visits1", "rate1", "projection1", "visits2", "rate2", "projection2")
FIGURES: dict[str, str] = {
    "attendance": "figures/attendance-by-visit.png",
    "retention": "figures/retention.png",
    "on_time": "figures/on-time-by-visit.png",
    "w30": "figures/w30.png",
    "screenings": "figures/screening-completion.png",
}
_GREYS = ("#ffffff", "#bdbdbd", "#6e6e6e")
_HATCHES = ("//", "..", "xx")
_MARKERS = ("o", "s", "^")


@dataclass(frozen=True)
class ReportInput:
    """Everything the report shows, already computed."""

    program: str
    first: date
    last: date
    today: date
    overall: AttendanceRate | None
    by_cohort: Sequence[AttendanceRate]
    by_visit: Sequence[AttendanceRate]
    retention: Sequence[RetentionPoint]
    on_time: Sequence[OnTime]
    w30: Sequence[W30Status]
    w30_rates: W30Rates
    visit_labels: Mapping[str, str]
    cohort_of: Mapping[str, str]
    generated_at: datetime
    # The pandas breakdown tables (exporters.report_tables, unsuppressed) by table name.
    tables: Mapping[str, Any] = field(default_factory=dict)
    # The capacity outlook (api.capacity): rows per site and month, first short month per site;
    # ``capacity_note`` says why there is none when the forecast could not be made.
    capacity: Sequence[CapacityRow] = ()
    capacity_first_short: Mapping[str, date | None] = field(default_factory=dict)
    capacity_note: str | None = None
    min_cell_size: int = 5  # report.min_cell_size: what the funder tables suppress below
    # Screenings due and done per visit age (visit key, due, done), pooled over screenings.
    screening_by_visit: Sequence[tuple[str, int, int]] = ()


def percent(value: float | None) -> str:
    """``0.625`` → ``62.5 %``; no denominator → ``–``."""
    return "–" if value is None else f"{100 * value:.1f} %"


# --- figures ----------------------------------------------------------------------------------


def render_report_figures(data: ReportInput) -> dict[str, bytes]:
    """The report's PNG figures by their path in ``FIGURES``."""
    name, rates = data.visit_labels.get, data.w30_rates
    return {
        FIGURES["attendance"]: bar_chart(
            "Attendance by visit", [name(r.key, r.key) for r in data.by_visit],
            [("attended or late", [r.rate for r in data.by_visit]),
             ("visit done (incl. individual)", [r.completed_rate for r in data.by_visit])]),
        FIGURES["retention"]: line_chart(
            "Retention across the visit sequence", [name(p.visit, p.visit) for p in data.retention],
            [("present, of first-session families", [p.rate for p in data.retention])]),
        FIGURES["on_time"]: bar_chart(
            "On-time well-child visits", [name(o.visit, o.visit) for o in data.on_time],
            [("within the visit window", [o.rate for o in data.on_time])]),
        FIGURES["w30"]: bar_chart(
            "HEDIS W30", [f"Rate 1: ≥6 by 15 months ({rates.rate1_numerator} of "
                          f"{rates.rate1_denominator})",
                          f"Rate 2: ≥2 from 15 to 30 months ({rates.rate2_numerator} of "
                          f"{rates.rate2_denominator})"],
            [("met", [rates.rate1, rates.rate2])]),
        FIGURES["screenings"]: bar_chart(
            "Screening completion by visit age",
            [f"{name(v, v)}\n({done} of {due})" for v, due, done in data.screening_by_visit],
            [("done, of those due", [done / due if due else None
                                     for _, due, done in data.screening_by_visit])]),
    }


def _figure(title: str) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.0, 3.4), dpi=150)
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=11, loc="left")
    axes.set_ylim(0, 112)
    axes.set_ylabel("percent")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _png(figure: Any, axes: Any, empty: bool) -> bytes:
    if empty:
        axes.text(0.5, 0.5, "nothing recorded in this period", transform=axes.transAxes,
                  ha="center", va="center", fontsize=10, color="#444444")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float | None]]]) -> bytes:
    """Grouped bars, one hatching and grey per series, each bar labelled with its percent."""
    figure, axes = _figure(title)
    width = 0.8 / max(1, len(series))
    for n, (label, values) in enumerate(series):
        xs = [i + (n - (len(series) - 1) / 2) * width for i in range(len(categories))]
        heights = [100 * v if v is not None else 0 for v in values]
        bars = axes.bar(xs, heights, width, label=label, color=_GREYS[n % 3],
                        edgecolor="black", hatch=_HATCHES[n % 3], linewidth=0.8)
        axes.bar_label(bars, labels=[percent(v).replace(" %", "%") if v is not None
                                     else "none due" for v in values], fontsize=7, padding=1)
    axes.set_xticks(range(len(categories)), categories, fontsize=8)
    if len(series) > 1:
        axes.legend(fontsize=7, loc="upper right", frameon=False, ncols=len(series))
    return _png(figure, axes, not categories)


def line_chart(title: str, categories: Sequence[str],
               series: Sequence[tuple[str, Sequence[float | None]]]) -> bytes:
    """Lines with a distinct marker and dash per series, each point labelled."""
    figure, axes = _figure(title)
    for n, (label, values) in enumerate(series):
        points = [(i, 100 * v) for i, v in enumerate(values) if v is not None]
        axes.plot([p[0] for p in points], [p[1] for p in points], label=label, color="black",
                  marker=_MARKERS[n % 3], linestyle=("-", "--", ":")[n % 3], markersize=6,
                  markerfacecolor="white")
        for x, y in points:
            axes.annotate(f"{y:.0f}%", (x, y), textcoords="offset points", xytext=(0, 6),
                          ha="center", fontsize=7)
    axes.set_xticks(range(len(categories)), categories, fontsize=8)
    return _png(figure, axes, not categories)


# --- report HTML ------------------------------------------------------------------------------


def render_report_html(data: ReportInput, templates_dir: Path | None = None) -> str:
    """The report as a self-contained page that links its figures (``FIGURES``)."""
    return render_template("report.html.j2", report_context(data), templates_dir)


def render_report_pdf(data: ReportInput, figures: Mapping[str, bytes],
                      templates_dir: Path | None = None) -> bytes:
    """The report as a PDF (``report.typ``) with ``figures`` (PNG bytes by ``FIGURES`` path).

    Typst reads the PNGs from the data itself (as byte arrays), so nothing is written first.
    """
    from groupwcc.exporters.pdf import PdfJob, render_pdf

    context = report_context(data)
    context.update(ui=i18n.ui("en"), lang="en", paper="a4",
                   title=f"Attendance report · {data.program} · {context['first']} to "
                         f"{context['last']}",
                   images={key: list(figures[path]) for key, path in FIGURES.items()
                           if path in figures})
    when = data.generated_at if data.generated_at.tzinfo else data.generated_at.replace(tzinfo=UTC)
    job = PdfJob("report", context, when, title=str(context["title"]))
    return render_pdf(job, templates_dir)


def report_context(data: ReportInput) -> dict[str, Any]:
    """Everything the report shows, as plain data (for the HTML page and the PDF)."""
    name = data.visit_labels.get
    rates = data.w30_rates
    context = {
        "program": data.program, "first": data.first.isoformat(), "last": data.last.isoformat(),
        "today": data.today.isoformat(), "generated": f"{data.generated_at:%Y-%m-%d %H:%M}",
        "notice": labels.part2_notice("en"), "notice_short": labels.PART2_SHORT,
        "figures": FIGURES,
        "overall": _attendance_row(data.overall, "All groups") if data.overall else None,
        "by_cohort": [_attendance_row(r, r.key) for r in data.by_cohort],
        "by_visit": [_attendance_row(r, name(r.key, r.key)) for r in data.by_visit],
        "retention": [{"visit": name(p.visit, p.visit), "base": p.base, "present": p.present,
                       "rate": percent(p.rate)} for p in data.retention],
        "on_time": [{"visit": name(o.visit, o.visit), "due": o.due, "on_time": o.on_time,
                     "rate": percent(o.rate)} for o in data.on_time],
        "w30": {"rate1": percent(rates.rate1), "rate2": percent(rates.rate2),
                "rate1_numerator": rates.rate1_numerator,
                "rate1_denominator": rates.rate1_denominator,
                "rate2_numerator": rates.rate2_numerator,
                "rate2_denominator": rates.rate2_denominator,
                "rate1_pending": rates.rate1_pending, "rate2_pending": rates.rate2_pending,
                "projections": {k: dict(v) for k, v in rates.projections.items()}},
        "w30_infants_file": W30_INFANTS_FILE,
    }
    context.update(later_sections(data))
    return context


def w30_infant_rows(data: ReportInput) -> list[dict[str, Any]]:
    """The per-baby W30 rows: babies counted, pending or projected in either rate."""
    return [_w30_row(s, data.cohort_of) for s in data.w30
            if s.in_rate1 or s.in_rate2 or s.pending1 or s.pending2
            or s.projection1 or s.projection2]


def render_w30_infants_csv(data: ReportInput) -> bytes:
    """The per-baby W30 table as CSV (ids only; staff only, beside the report)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv(W30_INFANT_COLUMNS, [[row[c] for c in W30_INFANT_COLUMNS]
                                          for row in w30_infant_rows(data)])


def later_sections(data: ReportInput) -> dict[str, Any]:
    """The breakdowns by site and language and the capacity outlook (``report_sections``)."""
    from groupwcc.exporters.report_sections import (
        breakdown_sections,
        capacity_section,
        record_section,
    )

    return {"min_cell_size": data.min_cell_size,
            "record": record_section(data.tables.get("measures"), data.screening_by_visit,
                                     data.visit_labels),
            "breakdowns": breakdown_sections(data.tables) if data.tables else [],
            "capacity": capacity_section(data.capacity, data.capacity_first_short,
                                         data.capacity_note)}


def _attendance_row(rate: AttendanceRate, label: str) -> dict[str, Any]:
    return {"label": label, "sessions": rate.sessions, "recorded": rate.recorded,
            "counts": dict(rate.counts), "rate": percent(rate.rate),
            "completed": percent(rate.completed_rate)}


def _w30_row(status: W30Status, cohort_of: Mapping[str, str]) -> dict[str, Any]:
    def outcome(counted: bool, pending: bool, met: bool) -> str:
        if counted:
            return "met" if met else "not met"
        return "due later in period" if pending else "–"

    return {"infant_id": status.infant_id, "cohort": cohort_of.get(status.infant_id, ""),
            "visits1": status.visits_rate1, "visits2": status.visits_rate2,
            "rate1": outcome(status.in_rate1, status.pending1, status.met1),
            "rate2": outcome(status.in_rate2, status.pending2, status.met2),
            "projection1": status.projection1 or "–", "projection2": status.projection2 or "–"}


# --- follow-up list ---------------------------------------------------------------------------


def _by_due(actions: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return sorted((dict(a) for a in actions), key=lambda a: (a.get("due", ""),
                                                              a.get("infant_id", "")))


def render_followup_csv(rows: Sequence[Mapping[str, str]]) -> bytes:
    """The follow-up list as CSV (UTF-8 BOM, cells neutralised; data only, the Part 2 notice is
    in ``NOTICE.txt`` beside it)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv(FOLLOWUP_COLUMNS, [[row[c] for c in FOLLOWUP_COLUMNS] for row in rows])


def render_followup_html(rows: Sequence[Mapping[str, str]], *, program: str, today: date,
                         templates_dir: Path | None = None,
                         actions: Sequence[Mapping[str, str]] = ()) -> str:
    """The follow-up list as HTML for a browser (``followup.html.j2``); the PDF is Typst.
    ``actions``: open items from positive screens and overdue referrals, printed first."""
    context = {"program": program, "today": today.isoformat(), "rows": list(rows),
               "actions": _by_due(actions),
               "notice": labels.part2_notice("en"), "notice_short": labels.PART2_SHORT}
    return render_template("followup.html.j2", context, templates_dir)


def render_followup_pdf(rows: Sequence[Mapping[str, str]], *, program: str, today: date,
                        templates_dir: Path | None = None,
                        actions: Sequence[Mapping[str, str]] = ()) -> bytes:
    """The follow-up list as a landscape PDF (``followup.typ``), dated ``today``: open items
    from screens and referrals first (a same-day EPDS item 10 must be printed), then calls."""

    from groupwcc.exporters.pdf import PdfJob, render_pdf

    title = f"Follow-up calls · {program} · {today.isoformat()}"
    data = {"program": program, "today": today.isoformat(), "rows": [dict(r) for r in rows],
            "actions": _by_due(actions),
            "notice": labels.part2_notice("en"), "notice_short": labels.PART2_SHORT,
            "ui": i18n.ui("en"), "lang": "en", "paper": "a4", "title": title}
    when = datetime(today.year, today.month, today.day, tzinfo=UTC)
    return render_pdf(PdfJob("followup", data, when, title=title),
                      templates_dir)
