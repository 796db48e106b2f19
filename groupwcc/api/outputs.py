"""Writing output files: atomically (temp file in the same folder, then rename) and, for files
that hold personal data, readable by the owner only.

Commands render everything into an ``OutputSet`` first and write it only once every file
rendered, so a failure leaves the previous outputs in place. Every folder that receives a
private (personal-data) file also receives ``NOTICE.txt`` with the 42 CFR Part 2 notice: the
CSV files themselves are data only (a header row, then records).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PRIVATE_FILE = 0o600
SHAREABLE_FILE = 0o644
PRIVATE_DIR = 0o700
NOTICE_NAME = "NOTICE.txt"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(identifier: str) -> str:
    """``identifier`` (a family, cohort, site or session id from a roster or config) as a file
    name that cannot leave its folder: only letters, digits, ``.``, ``_`` and ``-``, no leading
    dot, at most 80 characters; a changed name gets a short hash so two ids never collide."""
    cleaned = _UNSAFE.sub("_", identifier).lstrip(".")[:80] or "_"
    if cleaned == identifier:
        return cleaned
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned[:71]}-{digest}"


def check_relative(relative: str) -> str:
    """``relative`` if it names a file inside the output folder; ValueError otherwise (a bug:
    every name built from data goes through :func:`safe_name`)."""
    parts = relative.split("/")
    if relative.startswith("/") or "\\" in relative or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"output path {relative!r} would leave the output folder")
    return relative


@dataclass
class OutputSet:
    """Files to write, by path relative to the output folder, each marked private or not."""

    files: dict[str, bytes] = field(default_factory=dict)
    shareable: set[str] = field(default_factory=set)

    def add(self, relative: str, content: bytes | str, *, shareable: bool = False) -> None:
        """Add (or replace) one file; ``shareable`` files are world-readable, others 0600."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[check_relative(relative)] = data
        if shareable:
            self.shareable.add(relative)

    def merge(self, other: OutputSet) -> None:
        """Add every file of ``other`` (same privacy marks)."""
        self.files.update(other.files)
        self.shareable.update(other.shareable)

    def private_folders(self) -> set[str]:
        """Relative folders ("" for the top) that hold at least one private file."""
        return {relative.rpartition("/")[0] for relative in self.files
                if relative not in self.shareable}

    def with_notices(self) -> OutputSet:
        """A copy with ``NOTICE.txt`` (the Part 2 notice) in every folder of a private file."""
        from groupwcc.exporters.labels import part2_notice

        notice = part2_notice("en") + "\n"
        result = OutputSet(dict(self.files), set(self.shareable))
        for folder in self.private_folders():
            result.add(f"{folder}/{NOTICE_NAME}" if folder else NOTICE_NAME, notice)
        return result

    def __len__(self) -> int:
        return len(self.files)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with owner-only permissions."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    path.chmod(PRIVATE_DIR)


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old file or none, never a torn one."""
    make_private_dir(path.parent)
    tmp = _stage(path, data, mode)
    try:
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _stage(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a hidden temporary file beside ``path`` (same file system)."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.chmod(mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_outputs(out_dir: Path, outputs: OutputSet) -> list[Path]:
    """Write every file of ``outputs`` (plus its ``NOTICE.txt`` files) under ``out_dir``.

    All files are staged as temporary files first and flushed to disk with one ``os.sync``
    (one fsync per file cost 2 s for the 1,500 files of a 5,000-infant plan); only then is each
    renamed over its target. A failure while staging replaces nothing. Returns the paths
    written, notices included.
    """
    make_private_dir(out_dir)
    outputs = outputs.with_notices()
    for folder in sorted({(out_dir / r).parent for r in outputs.files}):
        make_private_dir(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for relative, data in sorted(outputs.files.items()):
            mode = SHAREABLE_FILE if relative in outputs.shareable else PRIVATE_FILE
            path = out_dir / relative
            staged.append((_stage(path, data, mode), path))
        os.sync()
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [path for _, path in staged]
