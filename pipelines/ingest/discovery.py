"""What is waiting in the landing folder: each file's sha256 and the partition it belongs to.

The sensor and `siie run` ask this before a run, to know which partitions to run. Only the period
columns are read; a file whose period cannot be told (unreadable, two periods) has no partition
and is logged as an error by the next ingestion run of its kind.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import Settings
from pipelines.contracts import load_contract
from pipelines.ingest.casting import cast_column
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.landing import landed_files
from pipelines.ingest.loader import file_sha256
from pipelines.ingest.partition_keys import MONTHLY_KINDS, SCHOOL_PERIOD_KINDS, partition_key
from pipelines.ingest.reading import detect_encoding, normalise_header, read_extract

PARTITIONED_KINDS = (*SCHOOL_PERIOD_KINDS, *MONTHLY_KINDS)


@dataclass(frozen=True)
class LandedFile:
    kind: str
    path: Path
    sha256: str
    partition: str | None  # None: the file's period cannot be told


def file_partition(path: Path, kind: str) -> str | None:
    contract = load_contract(kind)
    try:
        periods = _period_values(path, contract)
    except (ExtractError, pl.exceptions.PolarsError):
        return None
    if periods.height != 1:
        return None
    return partition_key(kind, periods.row(0, named=True))


def _period_values(path: Path, contract) -> pl.DataFrame:
    """The distinct values of the file's period columns, typed; a CSV is read for those columns only."""
    columns = [contract.column(name) for name in contract.period_columns]
    if path.suffix.lower() == ".csv" and path.stat().st_size > 0:
        rows, spreadsheet = _csv_period_columns(path, contract), False
    else:
        extract = read_extract(path, contract)
        rows, spreadsheet = extract.rows, extract.format == "xlsx"
    return rows.select(cast_column(c, spreadsheet) for c in columns).drop_nulls().unique()


def _csv_period_columns(path: Path, contract) -> pl.DataFrame:
    with path.open("rb") as handle:
        first_line = handle.readline()
    header = next(csv.reader([first_line.decode(detect_encoding(first_line, path)).lstrip("\ufeff")]))
    wanted = {}
    for name in contract.period_columns:
        column = contract.column(name)
        names = {normalise_header(n) for n in (column.name, *column.aliases)}
        positions = [i for i, h in enumerate(header) if normalise_header(h) in names]
        if len(positions) != 1:
            raise ExtractError(path, f"no se encontró la columna {name}")
        wanted[positions[0]] = name
    frame = pl.read_csv(path, columns=sorted(wanted), infer_schema=False, encoding="utf8-lossy")
    return frame.rename({frame.columns[i]: wanted[p] for i, p in enumerate(sorted(wanted))}).select(
        pl.col(name).str.strip_chars().replace("", None) for name in contract.period_columns
    )


def discover(settings: Settings, kind: str, known_sha256: set[str] = frozenset()) -> list[LandedFile]:
    """Files of `kind` in landing whose bytes are not among `known_sha256`, with their partition."""
    found = []
    for path in landed_files(settings.landing_for(kind)):
        sha256 = file_sha256(path)
        if sha256 not in known_sha256:
            partition = file_partition(path, kind) if kind in PARTITIONED_KINDS else None
            found.append(LandedFile(kind, path, sha256, partition))
    return found
