"""The empty roster ``groupwcc init`` writes: the header row only, for Excel."""

from __future__ import annotations

from groupwcc.models.roster import ROSTER_COLUMNS


def render_roster_template() -> bytes:
    """A header-only roster: CSV UTF-8 with a BOM (so Excel reads accents), CRLF line end."""
    return ("\ufeff" + ",".join(ROSTER_COLUMNS) + "\r\n").encode("utf-8")
