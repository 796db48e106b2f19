"""The capacity forecast as ``capacity.csv`` and a chart (PNG) readable in black and white.

The chart has one panel per site: the sessions needed each month as stacked bars, one grey and
hatching per kind (existing cohorts, forming groups, expectant families, projected
enrolments), and what the slots can host as a black stepped line with square markers. A month
where the bars rise above the line is short. Counts only: no names, no dates of birth.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from groupwcc.core.capacity import KINDS, CapacityRow

CAPACITY_COLUMNS = ("site", "month", "existing_cohorts", "forming_groups", "expectant_families",
                    "projected_enrolments", "needed", "available", "utilisation", "short")
KIND_LABELS = {"cohort": "existing cohorts", "forming": "forming groups",
               "expectant": "expectant families", "projected": "projected enrolments"}
_STYLE = {"cohort": ("#404040", ""), "forming": ("#a0a0a0", "//"),
          "expectant": ("#ffffff", "xx"), "projected": ("#ffffff", "..")}


def number(value: float) -> str:
    """A count as the table shows it: whole when whole, else one decimal."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def render_capacity_csv(rows: Sequence[CapacityRow]) -> bytes:
    """One row per site and month; utilisation in percent (empty without slot days)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv(CAPACITY_COLUMNS, [
        (r.site, f"{r.month:%Y-%m}", *(number(r.needed[k]) for k in KINDS), number(r.total),
         r.available, "" if r.utilisation is None else f"{100 * r.utilisation:.0f}",
         number(r.short)) for r in rows])


def render_capacity_chart(rows: Sequence[CapacityRow]) -> bytes:
    """The chart described in the module docstring, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    sites = list(dict.fromkeys(r.site for r in rows))
    figure = Figure(figsize=(7.5, 2.8 * max(1, len(sites))), dpi=150)
    for n, site in enumerate(sites):
        axes = figure.add_subplot(len(sites), 1, n + 1)
        _panel(axes, site, [r for r in rows if r.site == site], legend=n == 0)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _panel(axes: Any, site: str, rows: Sequence[CapacityRow], *, legend: bool) -> None:
    xs = list(range(len(rows)))
    bottom = [0.0] * len(rows)
    for kind in KINDS:
        heights = [r.needed[kind] for r in rows]
        if any(heights):
            colour, hatch = _STYLE[kind]
            axes.bar(xs, heights, 0.7, bottom=bottom, color=colour, hatch=hatch,
                     edgecolor="black", linewidth=0.6, label=f"needed: {KIND_LABELS[kind]}")
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.step(xs, [r.available for r in rows], where="mid", color="black", linewidth=1.6,
              linestyle="--", marker="s", markersize=4, label="the slots can host")
    axes.set_title(f"{site}: group sessions per month", fontsize=10, loc="left")
    axes.set_xticks(xs, [r.month.strftime("%b\n%Y") for r in rows], fontsize=7)
    axes.set_ylabel("sessions", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
    axes.set_axisbelow(True)
    top = max([r.total for r in rows] + [r.available for r in rows] + [1])
    axes.set_ylim(0, top * (1.45 if legend else 1.1))  # room for the legend above the data
    if legend:
        axes.legend(fontsize=6, loc="upper left", frameon=False, ncols=3)
