"""Writing output files: atomically (temp file in the same folder, then rename) and, for files
that hold personal data, readable by the owner only."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PRIVATE_FILE = 0o600
SHAREABLE_FILE = 0o644
PRIVATE_DIR = 0o700


@dataclass
class OutputSet:
    """Files to write, by path relative to the output folder, each marked private or not."""

    files: dict[str, bytes] = field(default_factory=dict)
    shareable: set[str] = field(default_factory=set)

    def add(self, relative: str, content: bytes | str, *, shareable: bool = False) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[relative] = data
        if shareable:
            self.shareable.add(relative)

    def __len__(self) -> int:
        return len(self.files)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with owner-only permissions."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    path.chmod(PRIVATE_DIR)


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old file or none, never a torn one."""
    make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(out_dir: Path, outputs: OutputSet) -> list[Path]:
    """Write every file of ``outputs`` under ``out_dir``; return the paths written."""
    make_private_dir(out_dir)
    written = []
    for relative, data in sorted(outputs.files.items()):
        path = out_dir / relative
        mode = SHAREABLE_FILE if relative in outputs.shareable else PRIVATE_FILE
        write_atomic(path, data, mode=mode)
        written.append(path)
    return written


def write_text_files(out_dir: Path, files: Mapping[str, str]) -> list[Path]:
    outputs = OutputSet()
    for name, text in files.items():
        outputs.add(name, text)
    return write_outputs(out_dir, outputs)
