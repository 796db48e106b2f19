"""Top-level commands: init, plan, agenda, followup, report, audit."""

from __future__ import annotations

from groupwcc.cli import app  # noqa: F401
