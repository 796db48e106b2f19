"""Pure planning logic: no files, no clock, no I/O libraries. "Today" is always a parameter."""
