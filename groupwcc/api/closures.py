"""Days each site is closed: configured closures plus public holidays (observed dates kept)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from groupwcc.models import ProgramConfig, Site


def site_holidays(site: Site, years: Iterable[int]) -> dict[date, str]:
    """Public holidays of a site's calendar (``holidays`` package), with their names."""
    if site.holidays is None:
        return {}
    import holidays

    try:
        calendar = holidays.country_holidays(
            site.holidays.country, subdiv=site.holidays.subdivision, years=list(years),
            categories=site.holidays.categories, observed=True)
    except NotImplementedError:
        from groupwcc.errors import ConfigError

        raise ConfigError(
            f"site {site.id}: unknown holiday calendar {site.holidays.country}"
            f"/{site.holidays.subdivision}",
            hint="use an ISO country code (US) and a state code (PA)") from None
    except ValueError:  # the holidays package refuses an unknown category
        from groupwcc.errors import ConfigError

        raise ConfigError(
            f"site {site.id}: holidays.categories has a category the "
            f"{site.holidays.country} calendar does not know",
            hint="leave it out (public holidays) or use e.g. [public, government]") from None
    return dict(calendar.items())


def closed_days_by_site(config: ProgramConfig, first: date,
                        last: date) -> dict[str, frozenset[date]]:
    """site id → every closed day between ``first`` and ``last`` (years widened by one)."""
    years = range(first.year - 1, last.year + 2)
    shared = config.closure_days()
    return {site.id: frozenset(shared | set(site_holidays(site, years))) for site in config.sites}
