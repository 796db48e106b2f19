"""Owner-only files and folders: the permissions every file holding personal data is created
with, and the one way to create folders with them (the API's outputs and the store's new
databases both use it)."""

from __future__ import annotations

from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private_dir(path: Path) -> list[Path]:
    """Create ``path`` and any missing parents owner-only (0700, whatever the umask); folders
    that already exist keep their permissions. Returns the folders created."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        folder.chmod(PRIVATE_DIR)
    return list(reversed(missing))
