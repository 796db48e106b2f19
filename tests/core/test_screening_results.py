"""Positive screens open follow-up items for the role that acts, with hand-checked due dates;
referrals are suggested once and chased when overdue."""

from __future__ import annotations

from datetime import date

import pytest

from groupwcc.core.screening_results import (
    clinical_follow_ups,
    positive_cutoff,
    screen_follow_ups,
    suggested_referrals,
)
from groupwcc.models.screening import Referral, ScreeningValue
from groupwcc.readers.screening_cutoffs import load_screening_cutoffs

DAY = date(2026, 11, 10)
DATA = load_screening_cutoffs()


def _value(measure: str, value: str, day: date = DAY, infant: str = "I-1") -> ScreeningValue:
    return ScreeningValue(infant_id=infant, screened_on=day, measure=measure, value=value)


def _referral(status: str, service: str = "early-intervention", opened: date = DAY,
              **dates: date) -> Referral:
    return Referral(referral_id="R-0001", infant_id="I-1", service=service, status=status,
                    opened_on=opened, due_by=date(2026, 12, 10), **dates)


@pytest.mark.parametrize(("measure", "value", "positive"), [
    ("epds.total", "9", None), ("epds.total", "10", "EPDS 10 or more"),
    ("epds.item10", "0", None), ("epds.item10", "1", "EPDS item 10 positive"),
    ("mchat.score", "2", None), ("mchat.score", "3", "M-CHAT-R medium risk (3-7)"),
    ("mchat.score", "8", "M-CHAT-R high risk (8 or more)"),
    ("asq3.fine_motor", "monitoring", None),
    ("asq3.fine_motor", "below", "ASQ-3 fine motor below cut-off"),
    ("hemoglobin.level", "11", None), ("hemoglobin.level", "10.9", "Hemoglobin below 11 g/dL"),
    ("lead.level", "3.4", None), ("lead.level", "3.5", "Blood lead at or above 3.5 ug/dL"),
    ("hearing.result", "pass", None), ("hearing.result", "refer", "Hearing refer"),
])
def test_cut_offs(measure, value, positive):
    found = positive_cutoff(_value(measure, value), DATA)
    assert (found.name if found else None) == positive


def test_due_times_and_roles():
    items = screen_follow_ups([_value("epds.item10", "2"), _value("epds.total", "14"),
                               _value("asq3.communication", "below")], [], DATA,
                              today=date(2026, 11, 12))
    by_what = {i.what.split(":")[0]: (i.role, i.due, i.overdue) for i in items}
    assert by_what["EPDS item 10 positive"] == ("clinician", DAY, True)  # same day
    assert by_what["EPDS 10 or more"] == ("social worker", date(2026, 11, 17), False)  # a week
    assert by_what["ASQ-3 communication below cut-off"][0] == "clinician"


def test_a_negative_rescreen_closes_the_item():
    values = [_value("epds.total", "12"), _value("epds.total", "5", date(2026, 11, 20))]
    assert screen_follow_ups(values, [], DATA, today=date(2026, 12, 1)) == []
    assert len(screen_follow_ups(values[:1], [], DATA, today=date(2026, 12, 1))) == 1


def test_referral_suggested_once_and_item_closed_when_made():
    values = [_value("asq3.gross_motor", "below"), _value("asq3.fine_motor", "below")]
    suggested = suggested_referrals(values, [], DATA)
    assert [(s.service, s.due_by) for s in suggested] == [("early-intervention",
                                                           date(2026, 12, 10))]
    assert suggested_referrals(values, [_referral("suggested")], DATA) == []
    assert screen_follow_ups(values, [_referral("made", made_on=DAY)], DATA, today=DAY) == []


def test_overdue_referrals_go_to_the_role_that_chases_the_service():
    made = _referral("made", service="recovery-services", made_on=DAY)
    assert clinical_follow_ups([], [made], DATA, today=date(2026, 12, 10)) == []
    late = clinical_follow_ups([], [made], DATA, today=date(2026, 12, 11))
    assert [(i.role, i.overdue) for i in late] == [("peer recovery coach", True)]
    kept = _referral("scheduled", scheduled_for=date(2026, 12, 1))
    assert "confirm the appointment" in clinical_follow_ups(
        [], [kept], DATA, today=date(2026, 12, 2))[0].what
    assert clinical_follow_ups([], [_referral("seen")], DATA, today=date(2027, 6, 1)) == []
