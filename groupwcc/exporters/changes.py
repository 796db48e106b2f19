"""``CHANGES.md``: every calendar change since the coordinator last confirmed an import, newest
export first, and how to update Outlook.

Classic Outlook for Windows does not update events when a file is imported again: it adds a
second copy of every event (outlook-exports-peers.md §1.1). So the report tells the coordinator
to delete the imported calendar and import the new file, and lists the changes so they can be
made by hand instead. Nothing unconfirmed is ever dropped: the list is rebuilt from the change
ledger at every export until ``groupwcc calendar imported`` is run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo

from groupwcc.core.calendar_changes import Change, ExportChanges
from groupwcc.models.ledger import LedgerEntry

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
When you have imported the new files (or made the changes), run
`groupwcc calendar imported` so this list starts again from there.
Step-by-step instructions: docs/how-to/outlook.md in the groupwcc documentation.
"""

_TITLES = {"added": "Added", "moved": "Moved", "cancelled": "Cancelled",
           "reinstated": "Back on the calendar", "removed": "Removed from the plan"}


def render_changes(history: Sequence[ExportChanges], *, visit_labels: Mapping[str, str],
                   timezone: str, exported_at: datetime, first_export: bool,
                   confirmed_at: datetime | None) -> str:
    """Markdown of ``history`` (newest export first) for the coordinator."""
    from groupwcc.core.times import zone

    tz = zone(timezone)
    lines = ["# Calendar changes", "",
             f"Exported {exported_at.astimezone(tz):%Y-%m-%d %H:%M} ({timezone}).", ""]
    if first_export:
        return "\n".join([*lines, "This is the first calendar export: import the files as new "
                          "calendars, then run `groupwcc calendar imported`.", ""])
    if confirmed_at is not None:
        lines += [f"Changes since you confirmed importing the calendars on "
                  f"{confirmed_at.astimezone(tz):%Y-%m-%d %H:%M}.", ""]
        shown = list(history)
    else:
        # Never confirmed: the oldest export in the history is the very first one, which added
        # every session; list what changed after it.
        first = history[-1] if history else None
        when = f" on {first.exported_at.astimezone(tz):%Y-%m-%d %H:%M}" if first else ""
        lines += ["You have not confirmed importing any calendars yet: these are all the "
                  f"changes since the first export{when}.", ""]
        shown = list(history[:-1])
    if not shown:
        return "\n".join([*lines, "Nothing changed since then. There is no need to import the "
                          "calendars again.", ""])
    for export in shown:
        lines += _export_lines(export, visit_labels, tz)
    return "\n".join(lines) + "\n" + OUTLOOK_STEPS


def _export_lines(export: ExportChanges, visit_labels: Mapping[str, str],
                  tz: tzinfo) -> list[str]:
    lines = [f"## Export of {export.exported_at.astimezone(tz):%Y-%m-%d %H:%M}", ""]
    for kind, title in _TITLES.items():
        changes = sorted(export.of_kind(kind), key=lambda c: (c.after.start, c.after.session_id))
        if changes:
            lines += [f"### {title} ({len(changes)})", "",
                      *(_line(c, visit_labels, tz) for c in changes), ""]
    return lines


def _line(change: Change, visit_labels: Mapping[str, str], tz: tzinfo) -> str:
    now = _when(change.after, tz)
    was = f"{_when(change.before, tz)}" if change.before is not None else ""
    text = {"added": now, "cancelled": f"was {was}", "reinstated": now,
            "moved": f"{was} → {now}", "removed": f"was {was}"}[change.kind]
    return f"- {_name(change.after, visit_labels)}: {text}"


def _name(entry: LedgerEntry, visit_labels: Mapping[str, str]) -> str:
    visit = entry.session_id.rsplit("-", 1)[-1].lower()
    label = visit_labels.get(visit)
    return f"{entry.session_id} ({label})" if label else entry.session_id


def _when(entry: LedgerEntry, tz: tzinfo) -> str:
    start, end = entry.start.astimezone(tz), entry.end.astimezone(tz)
    where = f", {entry.location}" if entry.location else ""
    return f"{start:%a %d %b %Y %H:%M}–{end:%H:%M}{where}"
