"""``groupwcc report``: attendance, retention, on-time visits and HEDIS W30 for a period."""

from __future__ import annotations

from pathlib import Path

from groupwcc.cli.common import (
    ConfigOpt,
    DbOpt,
    FromOpt,
    OutOpt,
    TodayOpt,
    ToOpt,
    console,
    now_for,
    parse_day,
    program,
    resolve_today,
)


def report(
    config: ConfigOpt = None,
    db: DbOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    today: TodayOpt = None,
    out: OutOpt = Path("out"),
) -> None:
    """Write the report: attendance, retention, on-time visits, HEDIS W30, screenings, referrals
    and immunization status at 24 months, by cohort, site, visit and language.

    The period defaults to the calendar year of today. Writes OUT/report/report.html with its
    figures (PNG) in OUT/report/figures/, and the same report as OUT/report/report.pdf; the
    funder tables as OUT/report/funder-tables.xlsx and funder-*.csv (cells with fewer than
    report.min_cell_size infants suppressed). The report ends with the capacity outlook.

    Example: groupwcc report --from 2027-01-01 --to 2027-12-31 --config examples/groupwcc.yaml --out out
    """
    from groupwcc.api.report import default_period, write_report
    from groupwcc.exporters.report import percent

    day = resolve_today(today)
    start, end = default_period(day)
    data, written = write_report(
        program(config, db), out, first=parse_day(first, option="--from", default=start),
        last=parse_day(last, option="--to", default=end), today=day, now=now_for(today))
    rates = data.w30_rates
    console().print(
        f"Attendance {percent(data.overall.rate if data.overall else None)} · "
        f"W30 rate 1 {percent(rates.rate1)} ({rates.rate1_numerator}/{rates.rate1_denominator})"
        f" · rate 2 {percent(rates.rate2)} ({rates.rate2_numerator}/{rates.rate2_denominator})")
    console().print(f"Wrote {len(written)} files to {out / 'report'}/ — open report.html.")
