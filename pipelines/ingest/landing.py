"""Load every file waiting in the landing folder, kind by kind, file by file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.core.config import SOURCE_KINDS, Settings
from pipelines.core.progress import counter
from pipelines.core.wording import count
from pipelines.ingest.anuies.load import KIND as ANUIES
from pipelines.ingest.anuies.load import load_yearbook_file
from pipelines.ingest.key_guard import guard_key
from pipelines.ingest.landing_hashes import LandingHashes
from pipelines.ingest.load_record import LoadRecord
from pipelines.ingest.loader import LoadContext, load_file
from pipelines.ingest.pseudonyms import pseudonym_key
from pipelines.ingest.warehouse import ensure_raw_schema
from pipelines.specs.catalogs import read_catalogs
from pipelines.specs.contracts import load_contract

IGNORED_PREFIXES = (".", "~$")  # hidden files and the lock files spreadsheets leave behind


def landed_files(folder: Path) -> list[Path]:
    """Every entry of a kind's folder but hidden ones: files, and also links, folders or pipes,
    which the loader logs as errors with their reason (file_identity.py) instead of skipping."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith(IGNORED_PREFIXES))


def load_kind(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    settings: Settings,
    files: list[Path] | None = None,
    partitions: frozenset[str] | None = None,
) -> list[LoadRecord]:
    """Load `files` (by default every file in the kind's landing folder) into raw.*; with
    `partitions`, only the files whose period falls in one of them."""
    key = pseudonym_key(settings)
    guard_key(con, settings, key)  # before anything else is written
    ensure_raw_schema(con)
    ctx = LoadContext(
        con=con,
        settings=settings,
        catalogs=read_catalogs(),
        key=key,
        partitions=partitions,
        hashes=LandingHashes.open(settings),
    )
    paths = landed_files(settings.landing_for(kind)) if files is None else files
    if kind == ANUIES:
        return [
            _shown(load_yearbook_file(path, ctx), n, len(paths)) for n, path in enumerate(paths, 1)
        ]
    contract = load_contract(kind)
    return [
        _shown(load_file(path, contract, ctx), n, len(paths)) for n, path in enumerate(paths, 1)
    ]


def _shown(result: LoadRecord, n: int, total: int) -> LoadRecord:
    """A progress line per file read (one already loaded, unchanged, is not read again)."""
    if result.estado not in ("OTRA_PARTICION", "OMITIDO"):
        counter(
            f"archivo {n} de {total}: {result.archivo} ({result.estado.lower()}, "
            f"{count(result.filas_leidas, 'fila')})"
        )
    return result


def load_landing(settings: Settings, kinds: tuple[str, ...] = SOURCE_KINDS) -> list[LoadRecord]:
    settings.home.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.warehouse_path)) as con:
        return [result for kind in kinds for result in load_kind(con, kind, settings)]
