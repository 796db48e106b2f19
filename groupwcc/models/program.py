"""The program configuration (``groupwcc.yaml``) as models."""

from __future__ import annotations

from datetime import date, time
from typing import Literal

from pydantic import Field, field_validator, model_validator

from groupwcc.models.base import Model

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
DEFAULT_VISITS: tuple[str, ...] = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24")
# Bounds on configured numbers (docs/reference/config.md). Numbers are strict: YAML's `true`
# is not 1, and "4" in quotes is not 4.
MAX_COHORT_SIZE = 30
MAX_SESSION_MINUTES = 480  # a working day; group visits run 90-120 minutes
MIN_SESSION_MINUTES = 15
MAX_REMINDER_MINUTES = 20160  # two weeks, Outlook's longest reminder
MAX_CLOSURE_DAYS = 366


class HolidayCalendar(Model):
    """Public holidays a site closes on, from the ``holidays`` package (observed dates kept)."""

    country: str = "US"
    subdivision: str | None = None
    categories: tuple[str, ...] = ("public",)


class Site(Model):
    """A clinic site. ``address`` is what calendars show as location; keep it neutral."""

    id: str
    name: str
    rooms: tuple[str, ...] = ()
    holidays: HolidayCalendar | None = HolidayCalendar()
    address: str | None = None

    @field_validator("id")
    @classmethod
    def _id_is_code(cls, value: str) -> str:
        if not value or not all(c.isalnum() or c in "-_" for c in value):
            raise ValueError("use letters, digits, '-' or '_' only (it becomes part of cohort ids)")
        return value


class Slot(Model):
    """A weekly time a site can host a group: weekday, start, end, and a room or a link."""

    site: str
    weekday: Weekday
    start: time
    end: time
    room: str | None = None
    virtual_link: str | None = None
    facilitators: tuple[str, ...] = ()
    # Who examines babies in the exam rotation; with none named the guide plans one clinician.
    clinicians: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _end_after_start(self) -> Slot:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    @property
    def slot_id(self) -> str:
        """Stable, readable key: ``main-tue-1000-Group Room A``."""
        where = self.room or "virtual"
        return f"{self.site}-{self.weekday[:3]}-{self.start:%H%M}-{where}"

    @property
    def weekday_index(self) -> int:
        """Monday is 0, as in :meth:`datetime.date.weekday`."""
        return WEEKDAYS.index(self.weekday)

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class ClosureRange(Model):
    """Days the program is closed, inclusive. A single date has ``start == end``."""

    start: date = Field(alias="from")
    end: date = Field(alias="to")
    reason: str | None = None

    model_config = Model.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _ordered(self) -> ClosureRange:
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        if (self.end - self.start).days >= MAX_CLOSURE_DAYS:
            raise ValueError(f"a closure may last at most {MAX_CLOSURE_DAYS} days; check the "
                             "years")
        return self

    def days(self) -> list[date]:
        from datetime import timedelta

        return [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]


class CohortPolicy(Model):
    """How cohorts are formed."""

    min_size: int = Field(4, ge=1, le=MAX_COHORT_SIZE, strict=True)
    max_size: int = Field(8, ge=1, le=MAX_COHORT_SIZE, strict=True)
    max_spread_days: int = Field(31, ge=0, le=62, strict=True)
    join_cutoff_visit: str = "m2"
    assign_slots: bool = Field(True, strict=True)

    @model_validator(mode="after")
    def _sizes(self) -> CohortPolicy:
        if self.min_size > self.max_size:
            raise ValueError("min_size is larger than max_size")
        return self


class CalendarPolicy(Model):
    """What calendar events say. Templates may use {cohort}, {visit_label}, {site}, {program}."""

    reminder_minutes: int | None = Field(60, ge=0, le=MAX_REMINDER_MINUTES, strict=True)
    title_template: str = "Baby group · {cohort} · {visit_label} visit"
    description_template: str = "Group visit for {cohort}. Please arrive 10 minutes early."
    calendar_name_template: str = "{program} – baby groups"
    include_closures: bool = Field(False, strict=True)
    revealing_words: tuple[str, ...] = ()
    # Calendar UIDs end in @uid_domain. Default: a hash of a key made once per database, so
    # two programs never share UIDs and renaming the program changes nothing.
    uid_domain: str | None = Field(None, pattern=r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,61}[A-Za-z0-9])?$")


class VisitWindowOverride(Model):
    """Replace a visit's acceptable age window, as age expressions (``5m``, ``7m15d``)."""

    start: str
    end: str


MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)


class MonthSpan(Model):
    """A season as whole calendar months, inclusive; ``start`` after ``end`` wraps the new year
    (September–March). Months are written as names (``september``) or numbers (9)."""

    start: int = Field(ge=1, le=12)
    end: int = Field(ge=1, le=12)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _month_name(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in MONTHS:
            return MONTHS.index(value.strip().lower()) + 1
        return value

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the season."""
        if self.start <= self.end:
            return self.start <= day.month <= self.end
        return day.month >= self.start or day.month <= self.end

    def opening(self, day: date) -> date:
        """First day of the season that contains ``day``, or of the last one before it."""
        year = day.year if day.month >= self.start else day.year - 1
        return date(year, self.start, 1)


class ImmunizationPolicy(Model):
    """A program's choices for seasonal and optional vaccines (immunizations.yaml holds the
    clinical rules themselves)."""

    flu_season: MonthSpan = MonthSpan(start=9, end=3)
    rsv_season: MonthSpan = MonthSpan(start=10, end=3)
    optional_vaccines: tuple[str, ...] = ()  # keys of immunizations.yaml optional_doses


class ScreeningPolicy(Model):
    """A program's screening choices. ``caregiver_mood: every_visit`` screens the caregiver for
    depression at every visit (as SOFAR does) instead of at the Bright Futures ages."""

    caregiver_mood: Literal["bright_futures", "every_visit"] = "bright_futures"


class CrisisNumbers(Model):
    """Numbers printed on the staff-only safety and escalation page. ``local`` is the program's
    own crisis line (county mobile crisis team, on-call clinician); the others are national."""

    local: str | None = None
    local_name: str | None = None  # "County mobile crisis team"
    lifeline: str = "988"  # 988 Suicide & Crisis Lifeline (call or text)
    poison_help: str = "1-800-222-1222"  # Poison Help (HRSA), every US poison center


class ReportPolicy(Model):
    """What the funder-ready report exports show. ``min_cell_size``: a table cell whose
    denominator counts fewer infants than this is suppressed (a common small-cell default;
    a program or its funder may set another)."""

    min_cell_size: int = Field(5, ge=1, le=100, strict=True)


class PrintingPolicy(Model):
    """What printed material shows. ``sign_in_staff_columns``: add the shaded staff-only columns
    (screenings and vaccines due) to sign-in sheets. Off by default: families sign the sheet
    and see each other's lines, and a sign-in sheet must show names and tick boxes only
    (clinical-facts.md §7.2, HHS FAQ 199); the due lists are on the guide's staff page."""

    sign_in_staff_columns: bool = Field(False, strict=True)


class ProgramConfig(Model):
    """Everything a program configures. Unknown keys are errors."""

    program: str
    timezone: str = "America/New_York"
    sites: tuple[Site, ...]
    slots: tuple[Slot, ...] = ()
    closures: tuple[ClosureRange, ...] = ()
    cohorts: CohortPolicy = CohortPolicy()
    visits: tuple[str, ...] = Field(DEFAULT_VISITS, min_length=1)
    visit_windows: dict[str, VisitWindowOverride] = {}
    languages: tuple[str, ...] = ("en", "es")
    max_enrol_age_months: int = Field(24, ge=1, le=36, strict=True)
    session_minutes: int | None = Field(None, ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES,
                                        strict=True)
    curriculum: str | None = None
    templates: str | None = None
    database: str | None = None
    calendar: CalendarPolicy = CalendarPolicy()
    immunization: ImmunizationPolicy = ImmunizationPolicy()
    screening: ScreeningPolicy = ScreeningPolicy()
    crisis: CrisisNumbers = CrisisNumbers()
    report: ReportPolicy = ReportPolicy()
    printing: PrintingPolicy = PrintingPolicy()

    @field_validator("closures", mode="before")
    @classmethod
    def _single_dates(cls, value: object) -> object:
        # A bare date in YAML (`- 2026-12-24`) is a one-day closure.
        if isinstance(value, list):
            return [{"from": v, "to": v} if isinstance(v, date | str) else v for v in value]
        return value

    def site(self, site_id: str) -> Site:
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    def slots_for(self, site_id: str) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.site == site_id)

    def slot_of(self, site: str, start: time, weekday: int, room: str | None) -> Slot | None:
        """The configured slot a session at ``site``/``start``/``weekday``/``room`` came from."""
        for slot in self.slots:
            if (slot.site, slot.start, slot.weekday_index, slot.room) == (site, start, weekday,
                                                                           room):
                return slot
        return None

    def closure_days(self) -> frozenset[date]:
        return frozenset(d for c in self.closures for d in c.days())
