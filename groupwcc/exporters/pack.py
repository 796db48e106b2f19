"""The weekly print pack: per site and week, one PDF with each session's sign-in sheet and
facilitator guide in session order, so a coordinator sends one print job a week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from groupwcc import i18n
from groupwcc.core.filenames import safe_name
from groupwcc.exporters.pdf import PdfJob, render_pdfs
from groupwcc.models import Session


def pack_name(session: Session, tz: ZoneInfo) -> str:
    """``pack/SITE-2027-W02.pdf``: the pack a session belongs to (ISO week, site's time)."""
    year, week, _ = session.start.astimezone(tz).isocalendar()
    return f"pack/{safe_name(session.site)}-{year}-W{week:02d}.pdf"


def pack_job(name: str, entries: Sequence[tuple[Session, Sequence[PdfJob]]]) -> PdfJob:
    """One pack of ``entries`` (a session and its documents), ordered by session start."""
    ordered = sorted(entries, key=lambda e: (e[0].start, e[0].session_id))
    jobs = [job for _, each in ordered for job in each]
    documents = [{"kind": job.kind, "data": job.data} for job in jobs]
    language = _main_language([str(job.data["lang"]) for job in jobs])
    title = f"{i18n.ui(language)['print_pack']} · {Path(name).stem}"
    return PdfJob("pack", {"title": title, "lang": language,
                                       "documents": documents}, ordered[0][0].start, title=title)


def _main_language(languages: Sequence[str]) -> str:
    """The language most of a pack's documents use (the first of them on a tie); a pack of
    English and Spanish sessions is titled in the language of most of them."""
    if not languages:
        return "en"
    counts = Counter(languages)
    return max(counts, key=lambda code: (counts[code], -languages.index(code)))


def render_packs(entries: Sequence[tuple[Session, Sequence[PdfJob]]], *, timezone: str,
                 templates_dir: Path | None = None) -> dict[str, bytes]:
    """Every weekly pack of ``entries``, by file name (``pack/SITE-YEAR-Www.pdf``)."""
    tz = ZoneInfo(timezone)
    groups: dict[str, list[tuple[Session, Sequence[PdfJob]]]] = {}
    for entry in entries:
        groups.setdefault(pack_name(entry[0], tz), []).append(entry)
    names = sorted(groups)
    pdfs = render_pdfs([pack_job(n, groups[n]) for n in names], templates_dir)
    return dict(zip(names, pdfs, strict=True))
