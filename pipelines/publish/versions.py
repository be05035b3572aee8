"""Versions under $SIIE_HOME/published/ and the atomic switch of `current`.

    published/v0007/siie.duckdb      a publication, never modified once renamed into place
    published/v0007/parquet/*.parquet
    published/current.duckdb  → v0007/siie.duckdb   (symbolic link, swapped with os.replace)
    published/current         → v0007

A new version is written under a hidden staging folder and renamed into place whole; then a
temporary symbolic link is renamed over `current.duckdb`. rename(2) is atomic on POSIX, so an
analyst who opens `current.duckdb` gets the old or the new file, never a half-written one; one
already connected keeps the old file open (an open file survives the link's change and even
its deletion by pruning).
"""

from __future__ import annotations

import os
import re
import shutil
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
    link = published_dir / CURRENT_FILE
    if not link.is_symlink():
        return None
    match = VERSION_RE.match(Path(os.readlink(link)).parts[0])
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


def switch_current(published_dir: Path, version: int) -> Path:
    """Point current.duckdb (and current/) at `version` atomically; return the database path."""
    name = version_name(version)
    _swap_link(published_dir, CURRENT_FILE, f"{name}/{DATABASE_FILE}")
    _swap_link(published_dir, CURRENT_DIR, name)
    _fsync(published_dir)
    return published_dir / CURRENT_FILE


def prune(published_dir: Path, keep: int = DEFAULT_KEEP) -> list[int]:
    """Delete all but the newest `keep` versions, never the current one; return those deleted."""
    current = current_version(published_dir)
    doomed = [v for v in versions(published_dir)[:-keep] if v != current] if keep > 0 else []
    for version in doomed:
        shutil.rmtree(published_dir / version_name(version))
    for stale in published_dir.glob(".v*.tmp"):
        if stale.is_dir() and not _owned_by_live_process(stale):
            shutil.rmtree(stale)
    return doomed


def _owned_by_live_process(stage: Path) -> bool:
    """A staging folder .v0007.<pid>.tmp left by a crash (its process is gone) may be removed."""
    try:
        pid = int(stage.name.split(".")[2])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
