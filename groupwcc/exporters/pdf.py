"""Typst → PDF: printed material typeset from ``.typ`` templates with data as JSON.

Each template learns which document it is from ``sys.inputs.kind`` and reads its data from
the JSON file ``/groupwcc-data.json`` in its folder, written for each document (readable by
the owner only, in a private temporary folder, and removed after each batch). Data in a file
rather than in ``sys.inputs`` lets Typst reuse the layout of everything that did not change
since the previous document, which is most of a facilitator guide; documents are therefore
rendered grouped by ``family`` (guides for one visit in one language). A program's templates folder overrides the built-in ``templates/`` file by file, so
the two are merged into one folder (a cached copy) that is the compile root. The fonts are the
ones shipped in ``groupwcc/fonts``, with system fonts ignored, so a PDF is the same on every
machine; the document date is fixed by the caller, so identical input gives identical bytes.
Every PDF is tagged PDF/UA-1 (the templates set the title and language screen readers need).
"""

from __future__ import annotations

import atexit
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from groupwcc.errors import UserError

PDF_STANDARDS = ["ua-1"]
_LOCATION = re.compile(r"┌─ (?P<file>[^\s:]+):(?P<line>\d+):(?P<column>\d+)")
# A package import ("@preview/…") would fetch code from the internet while printing.
_REMOTE = re.compile(r"\b(?:import|include)\s+\"@")


@dataclass(frozen=True)
class PdfJob:
    """One document: template file (``sheet.typ``), its ``kind``, JSON-able data, date.

    Documents of one ``family`` share most of their content (the guides of one visit in one
    language); rendered one after the other they are typeset much faster.
    """

    template: str
    kind: str
    data: dict[str, Any]
    when: datetime
    family: str = ""


def render_pdf(job: PdfJob, templates_dir: Path | None = None) -> bytes:
    """The PDF of one job; a template error is a :class:`UserError` naming file and line."""
    return render_pdfs([job], templates_dir)[0]


def render_pdfs(jobs: Sequence[PdfJob], templates_dir: Path | None = None, *,
                processes: int | None = None) -> list[bytes]:
    """PDFs of many jobs, in order, with one reused compiler per process.

    A document takes some 5–50 ms, so a few hundred are worth spreading over the CPUs
    (``processes=None``: all of them); fewer than ``PARALLEL_FROM`` stay in this process.
    """
    import os

    workers = min(processes or os.cpu_count() or 1, len(jobs) // PARALLEL_FROM)
    # Heaviest kinds first (the last chunks are then short ones, so parallel workers finish
    # together), and within a kind by family, so similar documents follow each other.
    order = sorted(range(len(jobs)), key=lambda i: (-_weight(jobs[i]), jobs[i].template,
                                                    jobs[i].family, i))
    ordered = [jobs[i] for i in order]
    if workers <= 1:
        pdfs = _render_here(ordered, templates_dir)
    else:
        pdfs = _render_parallel(ordered, templates_dir, workers)
    found: list[bytes] = [b""] * len(jobs)
    for index, pdf in zip(order, pdfs, strict=True):
        found[index] = pdf
    return found


PARALLEL_FROM = 32  # documents per worker process below which starting it costs more


def _render_here(jobs: list[PdfJob], templates_dir: Path | None) -> list[bytes]:
    if not jobs:
        return []
    root = template_root(templates_dir)
    compiler = _compiler(str(root.folder))
    try:
        return [_compile(compiler, root, job) for job in jobs]
    finally:
        (root.folder / DATA_FILE).unlink(missing_ok=True)  # personal data: gone after the batch


def _render_parallel(jobs: list[PdfJob], templates_dir: Path | None,
                     workers: int) -> list[bytes]:
    from concurrent.futures.process import BrokenProcessPool

    template_root(templates_dir)  # a broken override fails here, before workers start
    # Consecutive chunks: each worker gets runs of similar documents (in the order given);
    # small enough that the workers finish together.
    size = max(4, min(32, len(jobs) // (workers * 8)))
    chunks = [jobs[start:start + size] for start in range(0, len(jobs), size)]
    pool = _pool(workers)
    try:
        parts = list(pool.map(_render_here, chunks, [templates_dir] * len(chunks)))
    except BrokenProcessPool:
        shutdown_workers()  # a worker died: start afresh next time
        raise
    return [pdf for part in parts for pdf in part]


def _weight(job: PdfJob) -> int:
    """A document kind's rough typesetting cost: a guide is about twice a sheet."""
    return 2 if job.kind == "guide" else 1


_POOL: dict[int, Any] = {}  # workers → the process pool kept for this process's later batches


def _pool(workers: int) -> Any:
    """One pool of spawned workers per process, reused by every batch (a plan renders sheets,
    then guides): each worker keeps its compiler, fonts and template caches warm."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if workers not in _POOL:
        shutdown_workers()
        # "spawn": the compiler holds native threads and caches that must not be forked.
        context = multiprocessing.get_context("spawn")
        _POOL[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return _POOL[workers]


def shutdown_workers() -> None:
    """Stop the worker processes kept by :func:`render_pdfs` (also done at exit)."""
    while _POOL:
        _, pool = _POOL.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_workers)


@dataclass(frozen=True)
class TemplateRoot:
    """The merged template folder and, per file name, where that file really lives."""

    folder: Path
    sources: dict[str, Path]


def template_root(templates_dir: Path | None) -> TemplateRoot:
    """The merged folder for ``templates_dir`` (None: built-ins only), rebuilt on change."""
    from groupwcc.resources import templates_dir as builtin_templates

    sources = {p.name: p for p in sorted(builtin_templates().glob("*.typ"))}
    if templates_dir is not None and Path(templates_dir).is_dir():
        sources.update({p.name: p for p in sorted(Path(templates_dir).glob("*.typ"))})
    stamp = tuple((name, str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for name, p in sorted(sources.items()))
    return TemplateRoot(_merged_folder(stamp), sources)


def check_no_remote_imports(path: Path) -> None:
    """Refuse a template that imports a package from the internet (``@preview/…``)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _REMOTE.search(line):
            raise UserError(f"template error in {path}:{number}: remote package imports are "
                            "not allowed", hint="copy what you need into a .typ file in the "
                            "templates folder and import it by file name")


@lru_cache(maxsize=8)
def _merged_folder(stamp: tuple[tuple[str, str, int, int], ...]) -> Path:
    import atexit
    import shutil
    import tempfile

    for _, source, _, _ in stamp:
        check_no_remote_imports(Path(source))
    folder = Path(tempfile.mkdtemp(prefix="groupwcc-typst-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name, source, _, _ in stamp:
        shutil.copyfile(source, folder / name)
    return folder


@lru_cache(maxsize=8)
def _compiler(root: str) -> Any:
    import typst

    from groupwcc.resources import fonts_dir

    return typst.Compiler(root=root, font_paths=[str(fonts_dir())], ignore_system_fonts=True)


DATA_FILE = "groupwcc-data.json"  # beside the templates; read by common.typ's inputs-for


def _compile(compiler: Any, root: TemplateRoot, job: PdfJob) -> bytes:
    import os

    import typst

    data = json.dumps(job.data, ensure_ascii=False).encode("utf-8")
    descriptor = os.open(root.folder / DATA_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    try:
        pdf = compiler.compile(input=str(root.folder / job.template),
                               sys_inputs={"kind": job.kind},
                               pdf_standards=PDF_STANDARDS, timestamp=int(job.when.timestamp()))
    except typst.TypstError as exc:
        raise template_error(exc, root, job.template) from exc
    return bytes(pdf)


def template_error(exc: Exception, root: TemplateRoot, template: str) -> UserError:
    """A :class:`UserError` that names the template file and line Typst complained about."""
    message = str(getattr(exc, "message", "") or exc).strip()
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    found = _LOCATION.search(diagnostic)
    if found is None:
        where = str(root.sources.get(template, template))
    else:
        name = Path(found["file"]).name
        where = f"{root.sources.get(name, name)}:{found['line']}:{found['column']}"
    hints = [str(h) for h in getattr(exc, "hints", None) or []]
    return UserError(f"template error in {where}: {message}",
                     hint="; ".join(hints) or "fix the template, or remove the program's copy "
                     "of it to use the built-in one")
