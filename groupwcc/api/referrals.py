"""Use cases ``referrals``: open one by hand, change its status, list them.

Each command is one transaction; the audit log gets counts only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.errors import NotFoundError, UserError
from groupwcc.models.screening import REFERRAL_STATUSES, SERVICES, Referral
from groupwcc.readers.echo import echo_code

if TYPE_CHECKING:
    import sqlalchemy as sa


class ReferralError(UserError):
    """A referral command was given something it cannot record."""


def add(program: Program, infant_id: str, service: str, *, status: str, reason: str,
        today: date, now: datetime, day: date | None = None) -> str:
    """Open a referral for ``infant_id`` to ``service``; returns its id."""
    from groupwcc.api.state import load_state
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.store.referrals import add_referral

    _check(service=service, status=status)
    due_days = load_screening_cutoffs().referral_due_days
    with program.store.transaction(lock=True) as conn:
        if infant_id not in load_state(conn, program.config.timezone).infants:
            raise NotFoundError(f"no infant{echo_code(infant_id)}",
                                hint="check the id in your roster")
        referral_id = add_referral(conn, infant_id=infant_id, service=service, status=status,
                                   reason=reason, opened_on=today,
                                   due_by=today + timedelta(days=due_days), now=now, day=day)
        _audit(conn, "referrals add", now)
    return referral_id


def update(program: Program, referral_id: str, *, status: str, day: date,
           now: datetime) -> str:
    """Set the status of a referral (and the date it reached it); returns the old status."""
    from groupwcc.store.referrals import update_referral

    _check(status=status)
    with program.store.transaction(lock=True) as conn:
        old = update_referral(conn, referral_id.strip().upper(), status=status, day=day,
                              now=now)
        if old is None:
            raise NotFoundError(f"no referral{echo_code(referral_id)}",
                                hint="'groupwcc referrals list' shows the ids")
        _audit(conn, "referrals update", now)
    return old


def list_referrals(program: Program, *, open_only: bool = False) -> list[Referral]:
    """Every referral (only suggested, made or scheduled ones with ``open_only``)."""
    from groupwcc.core.screening_results import OPEN_REFERRAL
    from groupwcc.store.referrals import load_referrals

    with program.store.transaction() as conn:
        found = load_referrals(conn)
    return [r for r in found if not open_only or r.status in OPEN_REFERRAL]


def _check(*, status: str, service: str | None = None) -> None:
    if service is not None and service not in SERVICES:
        raise ReferralError(f"unknown service{echo_code(service)}",
                            hint="use one of " + ", ".join(SERVICES))
    if status not in REFERRAL_STATUSES:
        raise ReferralError(f"unknown status{echo_code(status)}",
                            hint="use one of " + ", ".join(REFERRAL_STATUSES))


def _audit(conn: sa.Connection, command: str, now: datetime) -> None:
    from groupwcc.store.audit import record_audit

    record_audit(conn, command, at=now, counts={"referrals": 1})
