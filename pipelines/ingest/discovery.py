"""What is waiting in the landing folder: each file's sha256 and the partition it belongs to.

The sensor and `siie run` ask this before a run, to know which partitions to run. Only the period
columns are read; a file whose period cannot be told (unreadable, two periods) has no partition
and is logged as an error by the next ingestion run of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.config import Settings
from pipelines.contracts import load_contract
from pipelines.ingest.casting import cast_column
from pipelines.ingest.errors import ExtractError
from pipelines.ingest.landing import landed_files
from pipelines.ingest.loader import file_sha256
from pipelines.ingest.partition_keys import MONTHLY_KINDS, SCHOOL_PERIOD_KINDS, partition_key
from pipelines.ingest.reading import read_extract

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
        extract = read_extract(path, contract)
    except ExtractError:
        return None
    columns = [contract.column(name) for name in contract.period_columns]
    periods = (extract.rows.select(cast_column(c, extract.format == "xlsx") for c in columns)
               .drop_nulls().unique())
    if periods.height != 1:
        return None
    return partition_key(kind, periods.row(0, named=True))


def discover(settings: Settings, kind: str, known_sha256: set[str] = frozenset()) -> list[LandedFile]:
    """Files of `kind` in landing whose bytes are not among `known_sha256`, with their partition."""
    found = []
    for path in landed_files(settings.landing_for(kind)):
        sha256 = file_sha256(path)
        if sha256 not in known_sha256:
            partition = file_partition(path, kind) if kind in PARTITIONED_KINDS else None
            found.append(LandedFile(kind, path, sha256, partition))
    return found
