"""A read-only connection to a publication, for analysts.

The file behind published/current.duckdb (or a kept version) is opened read-only, with access
to other files switched off and the configuration locked: no statement can change the
publication, attach another database or read or write files. Exports go through `--salida`.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipelines.core.config import Settings
from pipelines.publish.versions import CURRENT_FILE, DATABASE_FILE, version_name

ANALYST_CONFIG: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False}


class NoPublication(RuntimeError):
    pass


def publication_path(settings: Settings, version: int | None = None) -> Path:
    """The real file of the current publication, or of a kept `version`."""
    link = settings.published_dir / CURRENT_FILE
    path = settings.published_dir / version_name(version) / DATABASE_FILE if version else link
    if not path.exists():
        what = f"la versión {version}" if version else "una publicación vigente"
        raise NoPublication(
            f"No hay {what} en {settings.published_dir}; ejecute `siie ejecutar` (o `make run`)."
        )
    return Path(os.path.realpath(path))


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=True, config=ANALYST_CONFIG)
    # DuckDB's progress bar on a terminal stops Ctrl-C from reaching the query; it is a
    # per-connection setting, so it is turned off before the configuration is locked.
    con.execute("SET enable_progress_bar = false")
    con.execute("SET lock_configuration = true")
    return con
