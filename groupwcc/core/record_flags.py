"""The scheduler's flags and the follow-up's make-up dates, checked against each child's record.

The scheduler and the follow-up list judge a day by visit age (core/windows.py). When the
program keeps immunisation records (core/record_due.VaccineRecords), a child with recorded doses
is also judged by the forecast: a session of a visit whose vaccines the child may not yet have on
that day (a minimum interval after a dose given late elsewhere) is flagged "from record", and a
make-up day must be on or after the forecast's earliest date. A child without a record keeps
the visit-age flags, labelled "no record".

Pure: sessions, members, records and the rules come in; ``today`` is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.core.forecast import forecast_record
from groupwcc.core.record_due import VaccineRecords
from groupwcc.models import Flag, Infant, ReferenceData, Session
from groupwcc.models.forecast import ImmunizationRecord

NO_RECORD = "no record"
# The visit-age rules call the polio vaccine by its product (immunizations.yaml).
_GROUP_OF = {"IPV": "Polio"}


def not_before(infant: Infant, visit: str, day: date, reference: ReferenceData,
               records: VaccineRecords) -> tuple[date, str] | None:
    """The first day the record allows every vaccine of ``visit`` the child still needs, when
    that is after ``day`` (with the vaccines that wait), else None. None without a record.
    A next dose whose earliest day is after the visit's window belongs to a later visit (the
    Hib booster after two PedvaxHIB doses) and does not count."""
    doses = records.doses.get(infant.infant_id)
    if not doses:
        return None
    window_end = add_age(infant.date_of_birth, reference.visit(visit).window.end)
    wanted = {_GROUP_OF.get(r.vaccine, r.vaccine) for r in reference.doses_at(visit)}
    record = ImmunizationRecord(case_id=infant.infant_id, date_of_birth=infant.date_of_birth,
                                assessment_date=day, doses=doses)
    waiting = [(f.earliest_date, f"{f.vaccine_group} dose {f.next_dose}")
               for f in forecast_record(record, records.series)
               if f.vaccine_group in wanted and f.status == "not complete"
               and f.earliest_date is not None and day < f.earliest_date <= window_end]
    if not waiting:
        return None
    last = max(d for d, _ in waiting)
    return last, ", ".join(sorted(w for _, w in waiting))


def record_flags(flags: Sequence[Flag], sessions: Iterable[Session],
                 members: Mapping[str, Sequence[Infant]], reference: ReferenceData,
                 records: VaccineRecords | None, *, today: date) -> list[Flag]:
    """``flags`` with visit-age flags of children without a record labelled "no record", plus
    a "from record" flag for each child with a record who may not yet have a vaccine of an
    upcoming session's visit on its day."""
    if records is None:
        return list(flags)
    out = [f if records.doses.get(f.infant_id) else
           f.model_copy(update={"reason": f"{NO_RECORD}: {f.reason}"}) for f in flags]
    for session in sessions:
        if session.status == "cancelled" or session.day < today:
            continue
        for infant in members.get(session.cohort_id, ()):
            found = not_before(infant, session.visit, session.day, reference, records)
            if found is not None:
                out.append(Flag(infant_id=infant.infant_id, session_id=session.session_id,
                                reason=f"from record: {found[1]} not before "
                                       f"{found[0].isoformat()}",
                                suggest_from=found[0]))
    return out
