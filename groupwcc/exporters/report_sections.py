"""The report's later sections as plain data for the HTML page and the PDF: the breakdowns by
site and language (from the pandas tables, unsuppressed: the report is staff-only) and the
capacity outlook per site (from ``api.capacity``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from groupwcc.exporters.report_tables import TITLES

if TYPE_CHECKING:
    import pandas as pd

    from groupwcc.core.capacity import CapacityRow

STAFF_DIMENSIONS: tuple[str, ...] = ("site", "language")
HEADINGS: dict[str, str] = {
    "by": "By", "group": "Group", "visit": "Visit", "measure": "Measure", "sessions": "Sessions",
    "infants": "Infants", "recorded": "Recorded", "attended": "Attended", "late": "Late",
    "absent": "Absent", "excused": "Excused", "individual_visit": "Individual",
    "attendance_pct": "Attendance", "visit_done_pct": "Visit done", "present": "Present",
    "retention_pct": "Retention", "due": "Window closed", "on_time": "On time",
    "on_time_pct": "Rate", "met": "Met", "rate_pct": "Rate"}


def breakdown_sections(tables: Mapping[str, pd.DataFrame],
                       dimensions: Sequence[str] = STAFF_DIMENSIONS) -> list[dict[str, Any]]:
    """One section per table: its rows for ``dimensions`` (the cohort and visit splits are
    the report's own tables), every cell as text, percentages with ``%``."""
    sections = []
    for name, table in tables.items():
        shown = table[table["by"].isin(dimensions)] if "by" in table else table
        columns = [c for c in shown.columns if c not in ("note",)]
        sections.append({
            "name": name, "title": f"{TITLES[name]} by {' and '.join(dimensions)}",
            "columns": [HEADINGS.get(c, c) for c in columns],
            "text_columns": sum(1 for c in columns if c in ("by", "group", "visit", "measure")),
            "rows": [[_cell(c, v) for c, v in zip(columns, row, strict=True)]
                     for row in shown[columns].itertuples(index=False, name=None)]})
    return sections


def record_section(table: pd.DataFrame | None, by_visit: Sequence[tuple[str, int, int]],
                   visit_labels: Mapping[str, str]) -> dict[str, Any]:
    """The child's-record measures over the whole program: screenings done and due per visit
    age (pooled over screenings) and one row per measure (the ``measures`` table's program
    rows), every cell as text."""
    columns = ["measure", "infants", "due", "met", "met_pct"]
    rows = [] if table is None else [
        [_cell(c, v) for c, v in zip(columns, row, strict=True)]
        for row in table[table["by"] == "program"][columns].itertuples(index=False, name=None)]
    return {"columns": ["Measure", "Infants", "Due", "Met", "Rate"], "rows": rows,
            "by_visit": [[visit_labels.get(v, v), str(due), str(done),
                          f"{100 * done / due:.1f} %" if due else "–"]
                         for v, due, done in by_visit],
            "visit_columns": ["Visit", "Screenings due", "Done", "Rate"]}


def _cell(column: str, value: Any) -> str:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    if column.endswith("_pct"):
        return f"{float(value):.1f} %"
    return str(value)


def capacity_section(rows: Sequence[CapacityRow], first_short: Mapping[str, date | None],
                     note: str | None = None) -> dict[str, Any]:
    """Per site: the months ahead (needed, of which projected, available, utilisation, short)
    and the first month it runs short."""
    from groupwcc.exporters.capacity import number

    sites = []
    for site in dict.fromkeys(r.site for r in rows):
        short = first_short.get(site)
        sites.append({
            "site": site,
            "first_short": f"{short:%Y-%m}" if short else "none in these months",
            "rows": [[f"{r.month:%Y-%m}", number(r.total), number(r.needed.get("projected", 0)),
                      str(r.available),
                      "–" if r.utilisation is None else f"{100 * r.utilisation:.0f} %",
                      number(r.short) if r.short > 0 else "–"]
                     for r in rows if r.site == site]})
    return {"sites": sites, "note": note,
            "columns": ["Month", "Sessions needed", "of which projected", "Slot days",
                        "Utilisation", "Short"]}
