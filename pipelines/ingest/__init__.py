"""Ingestion: extract files in the landing folder → raw.* in the working DuckDB file."""

from pipelines.ingest.errors import ExtractError
from pipelines.ingest.landing import load_kind, load_landing
from pipelines.ingest.loader import LoadResult

__all__ = ["ExtractError", "LoadResult", "load_kind", "load_landing"]
