"""Ingestion: extract files in the landing folder → raw.* in the working DuckDB file."""

from pipelines.ingest.errors import ExtractError
from pipelines.ingest.landing import load_kind, load_landing
from pipelines.ingest.load_record import LoadRecord

__all__ = ["ExtractError", "LoadRecord", "load_kind", "load_landing"]
