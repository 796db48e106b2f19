"""``CHANGES.md``: what changed in the calendars since the previous export, and how to update
Outlook.

Classic Outlook for Windows does not update events when a file is imported again: it adds a
second copy of every event (outlook-exports-peers.md §1.1). So the report tells the coordinator
to delete the imported calendar and import the new file, and lists the changes so they can be
made by hand instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo

from groupwcc.models import Session

OUTLOOK_STEPS = """\
## How to update Outlook

Importing a new file does **not** update the events you imported before: classic Outlook
for Windows adds a second copy of every session. Replace the calendar instead:

- **Classic Outlook for Windows:** in the Calendar view, right-click the groupwcc calendar
  in the folder list, choose *Delete Calendar*, then *File › Open & Export ›
  Import/Export › Import an iCalendar (.ics)* and pick the new file (choose *Open as New*).
- **New Outlook for Windows and Outlook on the web:** remove the calendar (*⋯ › Remove*),
  then *Add calendar › Upload from file* into a new, empty calendar.
- **Outlook for Mac:** delete the calendar (right-click › *Delete*), create a new empty
  one, and drag the new file onto it.

If you would rather not replace the calendar, make the changes above by hand.
Step-by-step instructions: docs/how-to/outlook.md in the groupwcc documentation.
"""


def render_changes(previous: Mapping[str, Mapping[str, object]], current: Sequence[Session], *,
                   visit_labels: Mapping[str, str], timezone: str,
                   exported_at: datetime | None,
                   locations: Mapping[str, str] | None = None) -> str:
    """Markdown listing sessions added, moved, cancelled or removed since ``previous``.

    ``previous`` maps session_id → ``{"start", "end", "location", "status", "revision"}`` from
    the export ledger (ISO strings). ``locations`` is what each current session's LOCATION says
    (``ics.session_location``); without it, locations are not compared.
    """
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(timezone)
    sections = _sections(previous, current, visit_labels, tz, locations)
    lines = ["# Calendar changes", ""]
    if exported_at is not None:
        lines += [f"Exported {exported_at.astimezone(tz):%Y-%m-%d %H:%M} ({timezone}).", ""]
    if not previous:
        lines += ["This is the first calendar export: import the files as new calendars.", ""]
    if not any(items for _, items in sections):
        lines += ["Nothing changed since the previous export. "
                  "There is no need to import the calendars again.", ""]
        return "\n".join(lines)
    for title, items in sections:
        if items:
            lines += [f"## {title} ({len(items)})", "", *items, ""]
    return "\n".join(lines) + "\n" + OUTLOOK_STEPS


def _sections(previous: Mapping[str, Mapping[str, object]], current: Sequence[Session],
              visit_labels: Mapping[str, str], tz: tzinfo,
              locations: Mapping[str, str] | None) -> list[tuple[str, list[str]]]:
    found: dict[str, list[str]] = {title: [] for title in _TITLES.values()}
    for s in sorted(current, key=lambda s: (s.start, s.session_id)):
        where = (locations or {}).get(s.session_id, "")
        before = previous.get(s.session_id)
        kind = _classify(before, s, where if locations is not None else None)
        if kind is None:
            continue
        now = f"{_when(s.start, s.end, tz)}{_at(where)}"
        was = "" if before is None else (
            f"{_when_iso(before, tz)}{_at(str(before.get('location') or ''))}")
        line = {"added": now, "cancelled": f"was {was}", "reinstated": now,
                "moved": f"{was} → {now}"}[kind]
        found[_TITLES[kind]].append(f"- {_name(s, visit_labels)}: {line}")
    current_ids = {s.session_id for s in current}
    found[_TITLES["removed"]] = [
        f"- {sid}: was {_when_iso(before, tz)}" for sid, before in sorted(previous.items())
        if sid not in current_ids and before.get("status") != "cancelled"]
    return list(found.items())


_TITLES = {"added": "Added", "moved": "Moved", "cancelled": "Cancelled",
           "reinstated": "Back on the calendar", "removed": "Removed from the plan"}


def _classify(before: Mapping[str, object] | None, session: Session,
              where: str | None) -> str | None:
    """Which section a session belongs in, or None when it did not change."""
    was_cancelled = before is not None and before.get("status") == "cancelled"
    if before is None:
        return None if session.status == "cancelled" else "added"
    if session.status == "cancelled":
        return None if was_cancelled else "cancelled"
    if was_cancelled:
        return "reinstated"
    return "moved" if _moved(before, session, where) else None


def _moved(before: Mapping[str, object], session: Session, where: str | None) -> bool:
    if _parse(before["start"]) != session.start or _parse(before["end"]) != session.end:
        return True
    return where is not None and str(before.get("location") or "") != where


def _name(session: Session, visit_labels: Mapping[str, str]) -> str:
    return f"{session.session_id} ({visit_labels.get(session.visit, session.visit)})"


def _when(start: datetime, end: datetime, tz: tzinfo) -> str:
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    return f"{local_start:%a %d %b %Y %H:%M}–{local_end:%H:%M}"


def _when_iso(before: Mapping[str, object], tz: tzinfo) -> str:
    return _when(_parse(before["start"]), _parse(before["end"]), tz)


def _parse(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _at(location: str) -> str:
    return f", {location}" if location else ""
