"""Independent readers of a version's open data package for the tests: the published file
through DuckDB, the CSVs through the csv module, SDMX through sdmx1 (not pysdmx, the writer)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import sdmx

PACKAGE = "datos_abiertos"


def package_dir(home, version: str = "current") -> Path:
    return home.settings.published_dir / version / PACKAGE


def database(home, version: str = "current") -> Path:
    return home.settings.published_dir / version / "siie.duckdb"


def rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(text)


def sdmx_structure(folder: Path):
    return sdmx.read_sdmx(folder / "sdmx" / "estructura.xml")


def sdmx_observations(folder: Path, table: str, structure) -> list:
    flow = structure.dataflow[f"DF_{table.upper()}"]
    message = sdmx.read_sdmx(folder / "sdmx" / f"{table}.csv", structure=flow)
    return [obs for dataset in message.data for obs in dataset.obs]
