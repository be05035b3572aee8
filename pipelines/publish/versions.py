"""Versions under $SIIE_HOME/published/ and the atomic switch of `current`.

    published/v0007/siie.duckdb      a publication, never modified once renamed into place
    published/v0007/parquet/*.parquet
    published/current         → v0007               (THE switch: swapped with os.replace)
    published/current.duckdb  → current/siie.duckdb (fixed: made once, never swapped)

A new version is written under a hidden staging folder and renamed into place whole; then a
temporary symbolic link is renamed over `current`. That one rename(2) switches every reader at
once — SQL users through `current.duckdb`, Parquet and dictionary users through `current/` —
and is atomic on POSIX, so nobody sees a half-written version or two versions at a time; one
already connected keeps the old file open (an open file survives the link's change and even its
deletion by pruning).

A publication killed half-way leaves at most a staging folder or a version no history line
lists (removed by `clear_unfinished`), or a switched version whose history line is missing
(written then from its manifest.json: pipelines/publish/recovery.py).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE_FILE = "siie.duckdb"
CURRENT_FILE = "current.duckdb"
CURRENT_DIR = "current"
VERSION_RE = re.compile(r"^v(\d{4,})$")
DEFAULT_KEEP = 5


def version_name(version: int) -> str:
    return f"v{version:04d}"


def versions(published_dir: Path) -> list[int]:
    if not published_dir.exists():
        return []
    found = (VERSION_RE.match(p.name) for p in published_dir.iterdir() if p.is_dir())
    return sorted(int(m.group(1)) for m in found if m)


def current_version(published_dir: Path) -> int | None:
    link = published_dir / CURRENT_DIR
    if not link.is_symlink():
        return None
    match = VERSION_RE.match(Path(os.readlink(link)).name)
    return int(match.group(1)) if match else None


def next_version(published_dir: Path, known: int = 0) -> int:
    """One more than any version on disk or recorded (`known`), so numbers are never reused."""
    return max([known, *versions(published_dir)], default=0) + 1


def staging_dir(published_dir: Path, version: int) -> Path:
    stage = published_dir / f".{version_name(version)}.{os.getpid()}.tmp"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    return stage


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def install_version(stage: Path, published_dir: Path, version: int) -> Path:
    """Flush the staged files to disk and rename the folder into place as v<version>."""
    for path in stage.rglob("*"):
        _fsync(path)
    _fsync(stage)
    target = published_dir / version_name(version)
    os.rename(stage, target)
    _fsync(published_dir)
    return target


def _swap_link(published_dir: Path, name: str, target: str) -> None:
    temporary = published_dir / f".{name}.{os.getpid()}.tmp"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, published_dir / name)


FIXED_LINK = f"{CURRENT_DIR}/{DATABASE_FILE}"  # what current.duckdb always points at


def switch_current(published_dir: Path, version: int) -> Path:
    """Point `current` (and so current.duckdb) at `version` atomically; return the database
    path."""
    if _link_target(published_dir / CURRENT_FILE) != FIXED_LINK:
        # made once (or moved from the old layout, where it pointed at vN/siie.duckdb), while
        # `current` still points at the version current.duckdb shows: no reader sees a change
        _swap_link(published_dir, CURRENT_FILE, FIXED_LINK)
    _swap_link(published_dir, CURRENT_DIR, version_name(version))
    _fsync(published_dir)
    return published_dir / CURRENT_FILE


def _link_target(link: Path) -> str | None:
    return os.readlink(link) if link.is_symlink() else None


def prune(published_dir: Path, keep: int = DEFAULT_KEEP) -> list[int]:
    """Delete all but the newest `keep` versions, never the current one; return those deleted."""
    current = current_version(published_dir)
    doomed = [v for v in versions(published_dir)[:-keep] if v != current] if keep > 0 else []
    for version in doomed:
        shutil.rmtree(published_dir / version_name(version))
    return doomed


def clear_unfinished(published_dir: Path, listed: set[int]) -> list[str]:
    """Remove what killed publications left: staging folders and temporary links of processes
    that are gone, and a version renamed into place but never switched in (newer than every
    version the history lists, `listed`, and than the current one). Return what was removed."""
    removed = []
    for stale in published_dir.glob(".*.tmp") if published_dir.is_dir() else []:
        if not _owned_by_live_process(stale):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale)
            else:
                stale.unlink()
            removed.append(stale.name)
    newest = max([*listed, current_version(published_dir) or 0])
    for version in versions(published_dir):
        if version > newest:
            shutil.rmtree(published_dir / version_name(version))
            removed.append(version_name(version))
    return removed


@contextmanager
def publication_lock(published_dir: Path) -> Iterator[None]:
    """One publication (or clean-up of one) at a time on a published folder."""
    published_dir.mkdir(parents=True, exist_ok=True)
    with (published_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _owned_by_live_process(stage: Path) -> bool:
    """A staging folder .v0007.<pid>.tmp or link .current.<pid>.tmp left by a crash (its process
    is gone) may be removed."""
    try:
        pid = int(stage.name.split(".")[-2])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
