"""Exporters turn models into file contents (``str``/``bytes``); they never write files.

The API layer writes what they return atomically and records calendar exports in the ledger.
Heavy libraries (icalendar, jinja2, typst, xlsxwriter) are imported inside the functions
that use them, so importing this package stays cheap.

- :mod:`~groupwcc.exporters.ics`: Outlook-profile calendars; :mod:`.changes`: ``CHANGES.md``.
- :mod:`~groupwcc.exporters.sheets`: printable sign-in sheets; :mod:`.workbook`: XLSX/CSV.
- :mod:`~groupwcc.exporters.guides`: facilitator guides; :mod:`.pdf`: Typst → PDF;
  :mod:`~groupwcc.exporters.pack`: the weekly print pack.
- :mod:`~groupwcc.exporters.privacy`: what may appear in shareable output.
"""
