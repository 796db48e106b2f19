"""HTML → PDF with WeasyPrint, one document or many in parallel processes."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from groupwcc.errors import UserError

_HINT = ("PDF output needs the Pango library. On Debian/Ubuntu: "
         "'apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0'; on macOS: "
         "'brew install pango'; on Windows see https://doc.courtbouillon.org/weasyprint/stable/"
         "first_steps.html. Or print the .html files from a browser (they are print-ready).")


def html_to_pdf(html: str, *, base_url: Path | None = None) -> bytes:
    """The PDF of ``html``; relative links (images, CSS) resolve against ``base_url``."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(base_url) if base_url else None)
    return document.write_pdf(font_config=_font_config())


def render_pdfs_parallel(jobs: Sequence[tuple[str, Path | None]],
                         processes: int | None = None) -> list[bytes]:
    """PDFs of many ``(html, base_url)`` jobs, in order, across ``processes`` worker processes.

    WeasyPrint is single-threaded and CPU-bound, so separate processes are what scales.
    ``processes=None`` uses every CPU; a handful of jobs are rendered in this process.
    """
    import os

    _weasyprint()  # fail early, with a clear message, before starting workers
    workers = min(processes or os.cpu_count() or 1, len(jobs))
    if workers <= 1 or len(jobs) < 4:
        return [_render_job(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(jobs) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_render_job, jobs, chunksize=chunk))


def _render_job(job: tuple[str, Path | None]) -> bytes:
    html, base_url = job
    return html_to_pdf(html, base_url=base_url)


@lru_cache(maxsize=1)
def _font_config() -> Any:
    """One font configuration per process: building it for every document costs ~10 %."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: "cannot load library 'gobject-2.0-0'"
        raise UserError(f"cannot make PDFs: {exc}", hint=_HINT) from exc
    return weasyprint
