"""Typst → PDF: printed material typeset from ``.typ`` templates with data as JSON.

Each document template (``guide.typ``) defines a function named after its kind (``guide``)
that takes the data. groupwcc typesets a small entry of its own that imports the function and
calls it with the data as JSON (see :func:`entry_source`): the data stays in memory, never in a
file, and not in ``sys.inputs`` either, because Typst treats a change there as a change to
everything and would lay out each document afresh. This way Typst reuses the layout of what a
document shares with the one before it (most of a facilitator guide), so documents are rendered
grouped by ``family`` (one visit, language and site).

A program's templates folder overrides the built-in ``templates/`` path by path, so the two
are merged into one folder (a cached copy of templates and the images they use, no data) that
is the compile root. The fonts are
the ones shipped in ``groupwcc/fonts``, with system fonts ignored, so a PDF is the same on every
machine; the document date is fixed by the caller, so identical input gives identical bytes.
Every PDF is tagged PDF/UA-1 with the job's title and the language the template sets.
"""

from __future__ import annotations

import atexit
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from groupwcc.errors import UserError

PDF_STANDARDS = ["ua-1"]
_LOCATION = re.compile(r"┌─ (?P<file>[^\s:]+):(?P<line>\d+):(?P<column>\d+)")
# A package ("@preview/…") would fetch code from the internet while printing: any string that
# starts with "@" is refused (an import can name its package through a variable).
_REMOTE = re.compile(r'"@')
_NAME = re.compile(r"[a-z][a-z0-9-]*")  # a document kind: a Typst function name


@dataclass(frozen=True)
class PdfJob:
    """One document: its ``kind`` (``sheet``: the function of ``sheet.typ`` that typesets it),
    JSON-able data, date and title (the PDF's metadata, what a screen reader announces).

    Documents of one ``family`` share most of their content (the guides of one visit in one
    language); rendered one after the other they are typeset much faster.
    """

    kind: str
    data: dict[str, Any]
    when: datetime
    title: str
    family: str = ""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.kind):  # it is written into Typst source as a name
            raise ValueError(f"not a document kind: {self.kind!r}")

    @property
    def template(self) -> str:
        """The template file that defines the ``kind`` function."""
        return f"{self.kind}.typ"


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
    order = sorted(range(len(jobs)), key=lambda i: (-_weight(jobs[i]), jobs[i].kind,
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
    return [_compile(compiler, root, job) for job in jobs]


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
        _POOL[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                             initializer=_exit_with_parent)
    return _POOL[workers]


def _exit_with_parent() -> None:
    """In a worker: end this process when the process that started it ends, even if that one
    was killed outright (a worker waiting for work would otherwise wait forever)."""
    import multiprocessing
    import os
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="groupwcc-parent-watch", daemon=True).start()


def shutdown_workers() -> None:
    """Stop the worker processes kept by :func:`render_pdfs` (also done at exit)."""
    while _POOL:
        _, pool = _POOL.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_workers)


@dataclass(frozen=True)
class TemplateRoot:
    """The merged template folder and, per path inside it (``guide.typ``, ``img/logo.png``),
    where that file really lives; ``overrides``: the paths a program's folder provides."""

    folder: Path
    sources: dict[str, Path]
    overrides: frozenset[str] = frozenset()


def template_root(templates_dir: Path | None) -> TemplateRoot:
    """The merged folder for ``templates_dir`` (None: built-ins only), rebuilt on change.

    The built-in ``.typ`` files, then every file of the program's folder and its sub-folders
    (its own templates, and the images or helper files they use), which win by path."""
    from groupwcc.resources import templates_dir as builtin_templates

    sources = {p.name: p for p in sorted(builtin_templates().glob("*.typ"))}
    own: dict[str, Path] = {}
    if templates_dir is not None and Path(templates_dir).is_dir():
        base = Path(templates_dir)
        own = {p.relative_to(base).as_posix(): p for p in sorted(base.rglob("*"))
               if p.is_file() and not p.is_symlink()
               and not any(part.startswith(".") for part in p.relative_to(base).parts)}
        sources.update(own)
    stamp = tuple((name, str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for name, p in sorted(sources.items()))
    return TemplateRoot(_merged_folder(stamp), sources, frozenset(own))


def check_no_remote_imports(path: Path) -> None:
    """Refuse a template that names a package from the internet (``"@preview/…"``)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        code = line.split("//", 1)[0]  # a comment may mention one
        if _REMOTE.search(code):
            raise UserError(f"template error in {path}:{number}: remote packages are not "
                            "allowed (a string starting with \"@\" names one)",
                            hint="copy what you need into a .typ file in the templates folder "
                                 "and import it by file name")


@lru_cache(maxsize=8)
def _merged_folder(stamp: tuple[tuple[str, str, int, int], ...]) -> Path:
    import shutil
    import tempfile

    for name, source, _, _ in stamp:
        if name.endswith(".typ"):
            check_no_remote_imports(Path(source))
    folder = Path(tempfile.mkdtemp(prefix="groupwcc-typst-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name, source, _, _ in stamp:
        (folder / name).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(source, folder / name)
    return folder


@lru_cache(maxsize=8)
def _compiler(root: str) -> Any:
    import typst

    from groupwcc.resources import fonts_dir

    return typst.Compiler(root=root, font_paths=[str(fonts_dir())], ignore_system_fonts=True)


def entry_source(job: PdfJob) -> bytes:
    """The Typst source groupwcc compiles for ``job``: import the template's function, call it
    with the data, then set the title. The title comes after the body on purpose: set before
    it, it would be a style of every block, and Typst could reuse no block from the previous
    document."""
    data = json.dumps(job.data, ensure_ascii=False)
    return (f'#import "{job.template}": {job.kind}\n'
            f"#{job.kind}(json(bytes({_string(data)})))\n"
            f"#set document(title: {_string(job.title)}, date: none)\n").encode()


def _string(text: str) -> str:
    """A Typst string literal of ``text``."""
    return '"' + text.translate(_ESCAPES) + '"'


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _compile(compiler: Any, root: TemplateRoot, job: PdfJob) -> bytes:
    import typst

    try:
        pdf = compiler.compile(input=entry_source(job), sys_inputs=None,
                               pdf_standards=PDF_STANDARDS, timestamp=int(job.when.timestamp()))
    except typst.TypstError as exc:
        raise template_error(exc, root, job.template, job.data) from exc
    return bytes(pdf)


def template_error(exc: Exception, root: TemplateRoot, template: str,
                   data: Any = None) -> UserError:
    """A :class:`UserError` that names the template file and line Typst complained about,
    without the people in the document's ``data`` (see :func:`_without_people`)."""
    message = str(getattr(exc, "message", "") or exc).strip()
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    found = _LOCATION.search(diagnostic)
    hints = [str(h) for h in getattr(exc, "hints", None) or []]
    key = None if found is None else _source_key(found["file"], root.folder)
    if found is not None and key in root.sources:
        where = f"{root.sources[key]}:{found['line']}:{found['column']}"
        if key not in root.overrides and root.overrides:
            hints.append("this built-in template uses what the program's own "
                         f"{', '.join(sorted(root.overrides))} may no longer define")
    else:  # no place, or groupwcc's entry: the call of the template's function itself
        where = str(root.sources.get(template, template))
        if found is not None:
            kind = Path(template).stem
            hints.append(f"{template} must define the function `{kind}` that groupwcc calls "
                         f"with the document's data (`#let {kind}(d) = …`)")
    if data is not None:  # a template may print a baby's name in a panic or an assertion
        message, hints = _without_people(message, data), [_without_people(h, data) for h in hints]
    return UserError(f"template error in {where}: {message}",
                     hint="; ".join(hints) or "fix the template, or remove the program's copy "
                     "of it to use the built-in one")


def _source_key(file: str, folder: Path) -> str | None:
    """The path inside the merged ``folder`` of a file a Typst diagnostic names (relative to
    the working directory, or absolute), or None when it is not one of the templates."""
    import os

    try:
        return Path(os.path.realpath(file)).relative_to(os.path.realpath(folder)).as_posix()
    except ValueError:
        return None


# Keys under which the templates' data holds people's names, ids and phone numbers.
PERSONAL_KEYS = frozenset({"name", "infant", "caregiver", "infant_id", "family_id", "phone",
                           "email", "who"})


def _without_people(text: str, data: Any) -> str:
    """``text`` with every personal value of ``data`` (and each word of 3 or more characters
    in one, in any case, also as Typst escapes it when quoting) replaced by "…"."""
    found: set[str] = set()
    for value in _personal(data):
        found.add(value)
        found.update(re.findall(r"\w{3,}", value))
    found |= {value.replace("\\", "\\\\").replace('"', '\\"') for value in found}
    if not found:
        return text
    pattern = "|".join(re.escape(v) for v in sorted(found, key=len, reverse=True))
    return re.sub(pattern, "…", text, flags=re.IGNORECASE)


def _personal(value: Any, personal: bool = False) -> Iterator[str]:
    """The strings of JSON-like ``value`` under a :data:`PERSONAL_KEYS` key."""
    if isinstance(value, str):
        if personal and value.strip():
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _personal(item, personal or key in PERSONAL_KEYS)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _personal(item, personal)
