"""Build datos_abiertos/ inside a staged version, from that version's published file only."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date
from pathlib import Path

import duckdb

from pipelines.publish.open_data import layout
from pipelines.publish.open_data.catalog import catalog_entry, write_catalog
from pipelines.publish.open_data.codelists import codelists
from pipelines.publish.open_data.dataflows import dataflows_of
from pipelines.publish.open_data.datapackage import data_package, write_data_package
from pipelines.publish.open_data.periods import period_bounds
from pipelines.publish.open_data.release_notes import (
    notes_markdown,
    release_changes,
    write_notes_csv,
    write_notes_markdown,
)
from pipelines.publish.open_data.sdmx_csv import observations, write_sdmx_csv
from pipelines.publish.open_data.sdmx_structure import Structure
from pipelines.publish.open_data.source import columns_of, published_file, table_names
from pipelines.publish.open_data.tables_csv import write_table_csv


def _period_dates(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[date, date]]:
    rows = con.execute("SELECT periodo, fecha_inicio, fecha_fin FROM dim_periodo").fetchall()
    return {periodo: (start, end) for periodo, start, end in rows}


def _coverage(con, dates) -> tuple[date, date] | None:
    periods = [p for (p,) in con.execute("SELECT DISTINCT periodo FROM indicadores").fetchall()]
    bounds = [period_bounds(p, dates) for p in periods]
    return (min(b[0] for b in bounds), max(b[1] for b in bounds)) if bounds else None


def _descriptions(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict:
    return {(t, c): comment for t in tables for c, _, comment in columns_of(con, t)}


def _write_sdmx(con, folder: Path, tables: list[str], dates) -> dict[str, str]:
    flows = dataflows_of(tables)
    lists = codelists(con, tables)
    structure = Structure(flows, lists, _descriptions(con, tables))
    (folder / layout.SDMX_DIR).mkdir()
    structure.write(folder / layout.STRUCTURE_FILE)
    titles = {layout.STRUCTURE_FILE: "Estructura SDMX-ML 3.0: listas de códigos, conceptos, "
              "estructuras de datos y flujos de datos"}  # fmt: skip
    for flow in flows:
        plain, labelled = layout.sdmx_csv(flow.table), layout.sdmx_csv(flow.table, True)
        frame = observations(con, flow, dates)
        write_sdmx_csv(frame, flow, structure, lists, folder / plain, folder / labelled)
        titles[plain] = f"{flow.name} en SDMX-CSV 2.0 (códigos)"
        titles[labelled] = f"{flow.name} en SDMX-CSV 2.0 con etiquetas (para hojas de cálculo)"
    return titles


def _write_tables(con, folder: Path, tables: list[str]) -> dict[str, str]:
    (folder / layout.TABLES_DIR).mkdir()
    for table in tables:
        write_table_csv(con, table, folder / layout.table_csv(table))
    return {layout.table_csv(t): f"Tabla publicada {t} en CSV" for t in tables}


def _write_notes(con, folder: Path, version: int, previous: tuple[int, Path] | None) -> dict:
    with ExitStack() as stack:
        old = stack.enter_context(published_file(previous[1])) if previous else None
        changes = release_changes(con, old)
    write_notes_csv(changes, folder / layout.NOTES_CSV)
    text = notes_markdown(changes, version, previous[0] if previous else None)
    write_notes_markdown(text, folder / layout.NOTES_MD)
    return {
        layout.NOTES_MD: "Notas de la versión: qué cambió respecto de la anterior",
        layout.NOTES_CSV: "Notas de la versión, un renglón por cambio",
    }


def build_package(
    database: Path,
    folder: Path,
    version: int,
    published_at: str,
    previous: tuple[int, Path] | None,
) -> Path:
    """Write the package into `folder` (created) from the published `database`; `previous` is
    the version the notes compare with (its number and its siie.duckdb), None for the first."""
    folder.mkdir()
    with published_file(database) as con:
        tables = table_names(con)
        dates = _period_dates(con)
        titles = _write_tables(con, folder, tables)
        titles |= _write_sdmx(con, folder, tables, dates)
        titles |= _write_notes(con, folder, version, previous)
        package = data_package(con, folder, tables, version, published_at)
        write_data_package(package, folder / layout.DATAPACKAGE_FILE)
        titles[layout.DATAPACKAGE_FILE] = "Paquete de datos Frictionless (esquemas de las tablas)"
        entry = catalog_entry(folder, titles, version, published_at, _coverage(con, dates))
    write_catalog(entry, folder / layout.CATALOG_FILE)
    return folder
