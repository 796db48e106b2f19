"""Writing output files: staged in a private folder inside ``--out``, moved into place only
after the database committed, and readable by the owner only unless shareable.

Commands render everything into an ``OutputSet`` first. ``Staging`` then writes every file into
``OUT/.groupwcc-staging-PID/`` and flushes it; the command commits its transaction; only then
does ``Staging.publish`` rename each file into place. A failure (or Ctrl-C) before the commit
removes the staging folder and replaces nothing; a run killed outright leaves its staging folder,
which the next run that writes into the same ``--out`` removes. Every folder that receives a
private (personal-data) file also receives ``NOTICE.txt`` with the 42 CFR Part 2 notice.

Every path is built from safe names (:func:`safe_name`), checked by :func:`check_relative`, and
proven to resolve inside ``--out`` before anything is written. Only folders the tool creates
are made owner-only; an existing ``--out`` keeps its permissions.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from groupwcc.core.filenames import is_safe_part, safe_name
from groupwcc.errors import UserError
from groupwcc.filesystem import PRIVATE_DIR, PRIVATE_FILE, make_private_dir

__all__ = ["OutputSet", "Staging", "check_relative", "safe_name",
           "write_atomic", "write_outputs"]

SHAREABLE_FILE = 0o644
NOTICE_NAME = "NOTICE.txt"
STAGING_PREFIX = ".groupwcc-staging-"


def check_relative(relative: str) -> str:
    """``relative`` if every part of it is a safe name (so it names a file inside the output
    folder); ValueError otherwise — a bug: every name built from data goes through
    :func:`safe_name`."""
    parts = relative.split("/")
    if not all(is_safe_part(p) for p in parts):
        raise ValueError("an output path built from data was not made safe with safe_name")
    return relative


@dataclass
class OutputSet:
    """Files to write, by path relative to the output folder, each marked private or not."""

    files: dict[str, bytes] = field(default_factory=dict)
    shareable: set[str] = field(default_factory=set)
    # Files an earlier run wrote that no longer apply (a cancelled session's guide): removed
    # when the new files are published, so nobody prints them by mistake.
    withdrawn: set[str] = field(default_factory=set)

    def add(self, relative: str, content: bytes | str, *, shareable: bool = False) -> None:
        """Add (or replace) one file; ``shareable`` files are world-readable, others 0600."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[check_relative(relative)] = data
        if shareable:
            self.shareable.add(relative)

    def withdraw(self, relative: str) -> None:
        """Remove ``relative`` from the output folder when publishing, if it is there."""
        self.withdrawn.add(check_relative(relative))

    def merge(self, other: OutputSet) -> None:
        """Add every file of ``other`` (same privacy marks)."""
        for relative in other.files:
            check_relative(relative)
        self.files.update(other.files)
        self.shareable.update(other.shareable)
        self.withdrawn.update(other.withdrawn)

    def private_folders(self) -> set[str]:
        """Relative folders ("" for the top) that hold at least one private file."""
        return {relative.rpartition("/")[0] for relative in self.files
                if relative not in self.shareable}

    def with_notices(self) -> OutputSet:
        """A copy with ``NOTICE.txt`` (the Part 2 notice) in every folder of a private file."""
        from groupwcc.exporters.labels import part2_notice

        notice = part2_notice("en") + "\n"
        result = OutputSet(dict(self.files), set(self.shareable), set(self.withdrawn))
        for folder in self.private_folders():
            result.add(f"{folder}/{NOTICE_NAME}" if folder else NOTICE_NAME, notice)
        return result

    def __len__(self) -> int:
        return len(self.files)


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old file or none, never a torn one."""
    make_private_dir(path.parent)
    tmp = _temp_beside(path, data, mode)
    try:
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temp_beside(path: Path, data: bytes, mode: int) -> Path:
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


def _stage(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to ``path`` inside the staging folder, created with ``mode``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    path.chmod(mode)
    return path


class Staging:
    """The staging folder of one run inside ``out_dir`` (see the module docstring).

    ``with Staging(out) as staging:`` → ``staging.stage(outputs)`` inside the transaction →
    commit → ``staging.publish()``. Leaving the block removes the staging folder.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
        self._staged: list[tuple[Path, Path, str]] = []
        self._shareable: set[str] = set()
        self._withdrawn: list[Path] = []
        self.removed: list[Path] = []  # withdrawn files that publish() found and removed

    def __enter__(self) -> Staging:
        self.root, self._created = _prepare_out(self.out_dir)
        remove_stale_staging(self.out_dir)
        self.folder.mkdir(mode=PRIVATE_DIR)
        self.folder.chmod(PRIVATE_DIR)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if error is not None:  # a failed first run leaves no empty --out folder behind
            for folder in reversed(self._created):
                try:
                    folder.rmdir()  # only if empty
                except OSError:
                    break

    def stage(self, outputs: OutputSet) -> list[Path]:
        """Write every file of ``outputs`` (plus notices) into the staging folder and flush
        them to disk; returns the paths they will have once published."""
        outputs = outputs.with_notices()
        try:
            for relative, data in sorted(outputs.files.items()):
                target = self.out_dir / check_relative(relative)
                _check_inside(target.parent, self.root)
                _check_target(target, self.out_dir)
                staged = self.folder / relative
                staged.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
                mode = SHAREABLE_FILE if relative in outputs.shareable else PRIVATE_FILE
                self._staged.append((_stage(staged, data, mode), target, relative))
        except OSError as error:  # a full disk or a quota: nothing was replaced
            raise UserError(f"cannot write the output files in {self.out_dir}: "
                            f"{error.strerror or type(error).__name__}",
                            hint="free some space (or choose another --out) and run the "
                                 "command again; nothing was changed") from None
        os.sync()  # one flush for all (one fsync per file cost 2 s for 1,500 files)
        self._withdrawn += [self.out_dir / relative for relative in sorted(outputs.withdrawn)
                            if relative not in outputs.files]
        return [target for _, target, _ in self._staged]

    def publish(self) -> list[Path]:
        """Move every staged file into place (call only after the database committed)."""
        try:
            for staged, target, _ in self._staged:
                make_private_dir(target.parent)
                _check_inside(target.parent, self.root)
                os.replace(staged, target)
            for target in self._withdrawn:
                if target.is_file() and not target.is_symlink():
                    _check_inside(target.parent, self.root)
                    target.unlink()
                    self.removed.append(target)
        except OSError as error:
            raise UserError(f"the database was saved, but moving the new files into "
                            f"{self.out_dir} failed: {error.strerror or type(error).__name__}",
                            hint="fix the folder and run the command again: it writes every "
                                 "file again") from None
        return [target for _, target, _ in self._staged]


def write_outputs(out_dir: Path, outputs: OutputSet) -> list[Path]:
    """Stage and publish ``outputs`` at once (for commands whose database writes, if any, are
    only the audit entry). A failure while staging replaces nothing."""
    with Staging(out_dir) as staging:
        staging.stage(outputs)
        return staging.publish()


def remove_stale_staging(out_dir: Path) -> None:
    """Remove staging folders of runs that were killed (their process no longer exists)."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX)
        if folder.is_dir() and not folder.is_symlink() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False  # our own leftover (a pid reused after a kill): stale too
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _prepare_out(out_dir: Path) -> tuple[Path, list[Path]]:
    """Create ``out_dir`` if needed (owner-only); refuse a file or a folder we cannot write.
    Returns the folder, resolved, and the folders this created."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"--out {out_dir} is a file, not a folder",
                        hint="pass a folder (it is created if missing)")
    try:
        created = make_private_dir(out_dir)
    except OSError as error:
        raise UserError(f"cannot create the output folder {out_dir}: {error.strerror}",
                        hint="choose a folder you may write to with --out") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UserError(f"cannot write to the output folder {out_dir}",
                        hint="choose a folder you may write to with --out")
    return out_dir.resolve(strict=True), created


def _check_target(target: Path, out_dir: Path) -> None:
    """Refuse, before anything is saved, a target that is a folder or lies below a file."""
    if target.is_dir():
        raise UserError(f"{target} is a folder; groupwcc writes a file there",
                        hint="move the folder away or choose another --out")
    for folder in target.relative_to(out_dir).parents:
        if (out_dir / folder).exists() and not (out_dir / folder).is_dir():
            raise UserError(f"{out_dir / folder} is a file; groupwcc writes a folder there",
                            hint="move the file away or choose another --out")


def _check_inside(folder: Path, root: Path) -> None:
    """Refuse ``folder`` unless it resolves inside ``root`` (a symlinked sub-folder could
    lead elsewhere)."""
    if not folder.resolve().is_relative_to(root):
        raise UserError(f"{folder} leads outside the output folder {root}",
                        hint="remove the link or choose another --out")
