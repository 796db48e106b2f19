"""Pydantic models shared by every layer. All are frozen and forbid unknown fields.

The package is split by noun so that people can work on different nouns at once; import
from ``groupwcc.models`` rather than from the submodules. The file contracts (roster columns,
the attendance workbook layout) are imported from their modules: ``models.roster``,
``models.attendance``.
"""

from groupwcc.models.agenda import (
    Agenda,
    AgendaItem,
    Celebration,
    DueItem,
    InfantDue,
    PullItem,
)
from groupwcc.models.attendance import Mark
from groupwcc.models.base import Model
from groupwcc.models.curriculum import (
    BLOCK_KINDS,
    Activity,
    AgeBand,
    Block,
    BlockKind,
    Curriculum,
    VisitPlan,
)
from groupwcc.models.plan import (
    Cohort,
    CohortPlan,
    Flag,
    SchedulePlan,
    Session,
    SessionStatus,
    UnplacedInfant,
)
from groupwcc.models.program import (
    CalendarPolicy,
    ClosureRange,
    CohortPolicy,
    HolidayCalendar,
    ImmunizationPolicy,
    MonthSpan,
    ProgramConfig,
    ReportPolicy,
    ScreeningPolicy,
    Site,
    Slot,
    VisitWindowOverride,
)
from groupwcc.models.reference import (
    AgeWindow,
    DoseInterval,
    DoseRule,
    ExposureRule,
    FluRule,
    OptionalDose,
    ReferenceData,
    RsvRule,
    ScreeningRule,
    VisitDef,
)
from groupwcc.models.roster import Infant

__all__ = [
    "BLOCK_KINDS",
    "Activity",
    "AgeBand",
    "AgeWindow",
    "Agenda",
    "AgendaItem",
    "Block",
    "BlockKind",
    "CalendarPolicy",
    "Celebration",
    "ClosureRange",
    "Cohort",
    "CohortPlan",
    "CohortPolicy",
    "Curriculum",
    "DoseInterval",
    "DoseRule",
    "DueItem",
    "ExposureRule",
    "Flag",
    "FluRule",
    "HolidayCalendar",
    "ImmunizationPolicy",
    "Infant",
    "InfantDue",
    "PullItem",
    "Mark",
    "Model",
    "MonthSpan",
    "OptionalDose",
    "ProgramConfig",
    "ReferenceData",
    "ReportPolicy",
    "RsvRule",
    "SchedulePlan",
    "ScreeningPolicy",
    "ScreeningRule",
    "Session",
    "SessionStatus",
    "Site",
    "Slot",
    "UnplacedInfant",
    "VisitDef",
    "VisitPlan",
    "VisitWindowOverride",
]
