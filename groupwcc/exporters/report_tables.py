"""The report's breakdown tables, built with pandas from the tidy rows of ``core.report_rows``.

pandas only aggregates and shapes here: what counts as present, on time or met is decided in
``core``. Each table is long ("tidy"): a ``by`` column (program, cohort, site, visit,
language), the ``group`` it names, then counts, the ``infants`` behind the cell (the
denominator in people, which small-cell suppression looks at) and percentages. pandas is
imported inside the functions (``groupwcc --help`` must not load it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from groupwcc.models.attendance import STATUSES

if TYPE_CHECKING:
    import pandas as pd

    from groupwcc.core.report_rows import ReportRows

TABLES: tuple[str, ...] = ("attendance", "retention", "on_time", "w30", "measures")
TITLES: dict[str, str] = {
    "attendance": "Attendance", "retention": "Retention across the visit sequence",
    "on_time": "On-time well-child visits", "w30": "HEDIS W30",
    "measures": "Screenings, referrals and immunizations"}
STATUS_COLUMNS: dict[str, str] = {s: s.replace(" ", "_") for s in STATUSES}
W30_MEASURES: dict[str, str] = {"rate1": "rate 1: 6+ visits by 15 months",
                                "rate2": "rate 2: 2+ visits from 15 to 30 months"}
# Which columns a suppressed cell blanks, and which columns make its partition (the cells that
# add up to a total, among which a lone suppressed cell could be worked out by subtraction).
SUPPRESSED: dict[str, tuple[str, ...]] = {
    "attendance": ("sessions", "infants", "recorded", *STATUS_COLUMNS.values(),
                   "attendance_pct", "visit_done_pct"),
    "retention": ("infants", "present", "retention_pct"),
    "on_time": ("infants", "due", "on_time", "on_time_pct"),
    "w30": ("infants", "met", "rate_pct"),
    "measures": ("infants", "due", "met", "met_pct"),
}
PARTITIONS: dict[str, tuple[str, ...]] = {
    "attendance": ("by",), "retention": ("by", "visit"), "on_time": ("by",),
    "w30": ("by", "measure"), "measures": ("by", "measure")}


def build_tables(rows: ReportRows, visit_order: Sequence[str],
                 visit_labels: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """The breakdown tables (``TABLES``), unsuppressed, visits in program order; ``measures``
    only when there are rows for it."""
    label = {v: visit_labels.get(v, v) for v in visit_order}
    tables = {
        "attendance": attendance_table(_frame(rows.marks), visit_order, label),
        "retention": retention_table(_frame(rows.retention), visit_order, label),
        "on_time": on_time_table(_frame(rows.on_time), visit_order, label),
        "w30": w30_table(_frame(rows.w30)),
    }
    if rows.measures:
        tables["measures"] = measure_table(_frame(rows.measures), visit_order, label)
    return tables


def _frame(items: Sequence[Any]) -> pd.DataFrame:
    """The rows as a frame: their fields, and MarkRow's ``present``/``visit_done``."""
    import pandas as pd

    if not items:
        return pd.DataFrame()
    names = [f.name for f in fields(items[0])]
    names += [n for n in ("present", "visit_done") if hasattr(items[0], n)]
    return pd.DataFrame.from_records([tuple(getattr(i, n) for n in names) for i in items],
                                     columns=names)


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    """Percent with one decimal; empty where the denominator is 0."""
    return (100 * part / whole.where(whole > 0)).round(1)


def _by(frame: pd.DataFrame, dimensions: Sequence[str], summarise: Any,
        visit_order: Sequence[str], label: Mapping[str, str]) -> pd.DataFrame:
    """``summarise(frame grouped by d)`` for the program and each dimension, stacked long."""
    import pandas as pd

    parts = []
    for dim in ("program", *dimensions):
        keyed = frame.assign(program="all") if dim == "program" else frame
        part = summarise(keyed.groupby(dim, sort=False)).reset_index(names="group")
        part.insert(0, "by", dim)
        if dim == "visit":
            rank = {v: n for n, v in enumerate(visit_order)}
            part = part.sort_values("group", key=lambda s: s.map(rank).fillna(len(rank)))
            part["group"] = part["group"].map(lambda v: label.get(v, v))
        elif dim != "program":
            part = part.sort_values("group")
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def attendance_table(frame: pd.DataFrame, visit_order: Sequence[str],
                     label: Mapping[str, str]) -> pd.DataFrame:
    """Held sessions, infants, each status's count, attendance and visit-done percent."""
    import pandas as pd

    columns = ["by", "group", *SUPPRESSED["attendance"]]
    if frame.empty:
        return pd.DataFrame(columns=columns)

    def summarise(groups: Any) -> pd.DataFrame:
        recorded = groups["status"].count()
        counts = {column: groups["status"].agg(lambda s, v=status: int((s == v).sum()))
                  for status, column in STATUS_COLUMNS.items()}
        present, done = groups["present"].sum(), groups["visit_done"].sum()
        return pd.DataFrame({
            "sessions": groups["session_id"].nunique(), "infants": groups["infant_id"].nunique(),
            "recorded": recorded, **counts, "attendance_pct": _pct(present, recorded),
            "visit_done_pct": _pct(done, recorded)})

    table = _by(frame, ("cohort", "site", "visit"), summarise, visit_order, label)
    by_language = _by(frame[frame["infant_id"].notna()], ("language",), summarise,
                      visit_order, label)
    table = pd.concat([table, by_language[by_language["by"] == "language"]], ignore_index=True)
    return _counts_as_int(table[columns], SUPPRESSED["attendance"])


def retention_table(frame: pd.DataFrame, visit_order: Sequence[str],
                    label: Mapping[str, str]) -> pd.DataFrame:
    """Per visit: first-session families (``infants``) and how many were present, pooled over
    the program (``by`` visit) and split by cohort, site and language."""
    import pandas as pd

    columns = ["by", "group", "visit", *SUPPRESSED["retention"]]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    parts = []
    rank = {v: n for n, v in enumerate(visit_order)}
    for dim in ("visit", "cohort", "site", "language"):
        keys = ["visit"] if dim == "visit" else [dim, "visit"]
        part = frame.groupby(keys).agg(infants=("infant_id", "count"),
                                       present=("present", "sum")).reset_index()
        part["group"] = "all" if dim == "visit" else part[dim]
        part["by"] = dim
        part["_rank"] = part["visit"].map(rank).fillna(len(rank))
        parts.append(part.sort_values(["group", "_rank"] if dim != "visit" else ["_rank"]))
    table = pd.concat(parts, ignore_index=True)
    table["visit"] = table["visit"].map(lambda v: label.get(v, v))
    table["retention_pct"] = _pct(table["present"], table["infants"])
    return _counts_as_int(table[columns], SUPPRESSED["retention"])


def on_time_table(frame: pd.DataFrame, visit_order: Sequence[str],
                  label: Mapping[str, str]) -> pd.DataFrame:
    """Visits whose window closed (``due``), how many were on time, and the infants behind
    them; by visit, and pooled over visits by cohort, site and language."""
    import pandas as pd

    columns = ["by", "group", *SUPPRESSED["on_time"]]
    if frame.empty:
        return pd.DataFrame(columns=columns)

    def summarise(groups: Any) -> pd.DataFrame:
        due, on_time = groups["on_time"].count(), groups["on_time"].sum()
        return pd.DataFrame({"infants": groups["infant_id"].nunique(), "due": due,
                             "on_time": on_time, "on_time_pct": _pct(on_time, due)})

    table = _by(frame, ("cohort", "site", "visit", "language"), summarise, visit_order, label)
    return _counts_as_int(table[columns], SUPPRESSED["on_time"])


def w30_table(frame: pd.DataFrame) -> pd.DataFrame:
    """W30 rates 1 and 2: infants in the denominator, how many met it, by cohort, site and
    language (no visit dimension: each rate spans many visits)."""
    import pandas as pd

    columns = ["by", "group", "measure", *SUPPRESSED["w30"]]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    parts = []
    for dim in ("program", "cohort", "site", "language"):
        keyed = frame.assign(program="all")
        part = keyed.groupby([dim, "rate"]).agg(infants=("infant_id", "nunique"),
                                                 met=("met", "sum")).reset_index()
        part = part.rename(columns={dim: "group"}).sort_values(["group", "rate"])
        part["by"] = dim
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    table["measure"] = table["rate"].map(W30_MEASURES)
    table["rate_pct"] = _pct(table["met"], table["infants"])
    return _counts_as_int(table[columns], SUPPRESSED["w30"])


def measure_table(frame: pd.DataFrame, visit_order: Sequence[str],
                  label: Mapping[str, str]) -> pd.DataFrame:
    """Any yes/no measure (``core.report_rows.MeasureRow``): units due, how many met, the
    infants behind them, per measure by program, cohort, site, visit and language (rows
    without a visit stay out of the visit split)."""
    import pandas as pd

    columns = ["by", "group", "measure", *SUPPRESSED["measures"]]
    if frame.empty:
        return pd.DataFrame(columns=columns)

    def summarise(groups: Any) -> pd.DataFrame:
        due, met = groups["met"].count(), groups["met"].sum()
        return pd.DataFrame({"infants": groups["infant_id"].nunique(), "due": due,
                             "met": met, "met_pct": _pct(met, due)})

    parts = []
    for measure, part in frame.groupby("measure", sort=True):
        table = _by(part, ("cohort", "site", "visit", "language"), summarise, visit_order, label)
        table = table[(table["by"] != "visit") | (table["group"] != "")]
        parts.append(table.assign(measure=measure))
    return _counts_as_int(pd.concat(parts, ignore_index=True)[columns], SUPPRESSED["measures"])


def _counts_as_int(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Counts as nullable integers (a suppressed count stays an integer column)."""
    table = table.reset_index(drop=True).copy()
    for column in columns:
        if not column.endswith("_pct"):
            table[column] = table[column].astype("Int64")
    return table


def suppress(name: str, table: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """``table`` with every row whose ``infants`` is below ``min_cell_size`` blanked, and a
    ``note`` column saying so.

    Secondary suppression: when a partition (the rows that add up to one total, e.g. all
    cohorts for one visit) has exactly one suppressed row, the next smallest row is blanked
    too, so the hidden one cannot be worked out by subtracting the others from the total.
    """
    table = table.copy()
    small = table["infants"].fillna(0) < min_cell_size
    for _, part in table.groupby(list(PARTITIONS[name]), sort=False):
        rows = list(part.index)
        hidden = [r for r in rows if small[r]]
        shown = sorted((r for r in rows if not small[r]), key=lambda r: table.at[r, "infants"])
        if len(hidden) == 1 and shown and table.at[rows[0], "by"] != "program":
            small[shown[0]] = True
    table["note"] = ""
    table.loc[small, "note"] = f"suppressed: fewer than {min_cell_size} infants in this cell"
    table.loc[small & (table["infants"].fillna(0) >= min_cell_size), "note"] = (
        "suppressed so a smaller cell cannot be worked out from the total")
    for column in SUPPRESSED[name]:
        table[column] = table[column].astype("Float64" if column.endswith("_pct") else "Int64")
        table.loc[small, column] = None
    return table
