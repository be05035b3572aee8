"""Load the landing folder of a test and look into the resulting warehouse file."""

from __future__ import annotations

import duckdb

from pipelines.core.config import Settings
from pipelines.ingest import load_landing


def load(settings: Settings, *kinds: str):
    from pipelines.core.config import EXTRACT_KINDS

    return load_landing(settings, kinds or EXTRACT_KINDS)


def query(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def scalar(settings: Settings, sql: str, params: list | None = None):
    return query(settings, sql, params)[0][0]
