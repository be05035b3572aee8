"""Build the portal of one published version into `<version folder>/portal/`.

The site is written into a sibling folder first and renamed into place, so a reader never sees
half a portal. The publication builds it in the staged version, after the open-data package and
before `current` is switched: `current/portal` is always complete. Its files are read-only, like
the rest of a version.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pipelines.portal.chart_library import chart_script
from pipelines.portal.data import read_portal_data
from pipelines.portal.open_data import read_open_data
from pipelines.portal.site import SiteWriter

PORTAL_DIR = "portal"
HOME_PAGE = "index.html"
READ_ONLY = 0o444


@dataclass(frozen=True)
class BuiltPortal:
    carpeta: Path
    paginas: int
    bytes: int
    segundos: float

    @property
    def inicio(self) -> Path:
        return self.carpeta / HOME_PAGE


def _remove(folder: Path) -> None:
    if folder.exists():
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                path.chmod(0o644)
        shutil.rmtree(folder)


def build_portal(
    version_dir: Path, database: Path, version: int, cache_dir: Path | None = None
) -> BuiltPortal:
    """`cache_dir` keeps the charts' JavaScript between builds (chart_library.py); without it the
    script is bundled again."""
    started = time.perf_counter()
    target = version_dir / PORTAL_DIR
    fresh, old = version_dir / f".{PORTAL_DIR}_nuevo", version_dir / f".{PORTAL_DIR}_anterior"
    _remove(fresh)
    _remove(old)
    fresh.mkdir()
    try:
        data, open_data = read_portal_data(database, version), read_open_data(version_dir)
        SiteWriter(fresh, data, open_data, chart_script(cache_dir)).write()
        files = [p for p in fresh.rglob("*") if p.is_file()]
        for path in files:
            path.chmod(READ_ONLY)
        pages = sum(1 for p in files if p.suffix == ".html")
        size = sum(p.stat().st_size for p in files)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
    except BaseException:
        _remove(fresh)
        raise
    finally:
        _remove(old)
    return BuiltPortal(target, pages, size, round(time.perf_counter() - started, 2))
