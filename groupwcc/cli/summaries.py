"""What ``groupwcc --help`` lists for each command and group.

Each is the first paragraph of the command's help, written by tools/gen_cli_docs.py; do not
edit by hand. Kept here so that ``groupwcc --help`` imports no command module
(tests/cli/test_help.py checks that it is current).
"""

SUMMARIES: dict[str, str] = {
    'init': 'Start a program: write a commented groupwcc.yaml and an empty roster template.',
    'plan': 'Run the whole job: import the roster, form cohorts, schedule, export everything.',
    'agenda': "Show one session's agenda: timeline, activities, and (staff only) what is due per infant.",
    'audit': 'Show the audit log: who ran which writing command, when, with counts and outputs.',
    'followup': 'List families to call: those who missed their most recent session (two in a row first).',
    'report': 'Write the report: attendance, retention, on-time visits, HEDIS W30, screenings, referrals and immunization status at 24 months, by cohort, site, visit and language.',
    'capacity': 'Forecast group sessions needed per site and month against what the slots can host.',
    'roster': 'Check an enrolment roster.',
    'cohorts': 'Place infants who are not yet in a cohort and show every cohort and who is waiting.',
    'sessions': 'List, move, cancel and restore group sessions.',
    'curriculum': 'Check and list curricula.',
    'export': 'Write calendars, attendance sheets and facilitator guides.',
    'calendar': 'Tell groupwcc which calendars you have imported into Outlook.',
    'attendance': 'Record who came.',
    'vaccines': 'Record the vaccines given, evaluate records and forecast the next doses.',
    'screenings': 'Record screening results (EPDS, ASQ-3, M-CHAT-R/F, social needs, hearing, lead, hemoglobin); a positive result opens a follow-up item and, where it calls for one, a suggested referral.',
    'referrals': 'Referrals to early intervention, developmental-behavioral pediatrics, audiology, lactation, recovery services, WIC, home visiting and family planning, with their status.',
    'db': 'Upgrade the database schema and show its revision.',
}
