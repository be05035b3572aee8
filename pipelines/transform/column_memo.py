"""Each dbt model's column schema and column lineage, remembered per version of the dbt project.

Both depend on the project (the models' SQL, the contracts behind its sources) and on the code
that traces them, not on the rows. Tracing them after every build (the columns of each model and
of its parents read through the adapter, then sqlglot over the compiled SQL) was about a third of
the dbt stage of a load of one new period (bench/RESULTS.md, issue 32). They are traced when the
project changes and then remembered: the memo's file is named by a fingerprint of the project's
files, dagster-dbt's version and the modules that trace them, and lives under the warehouse's
home (the columns read are that warehouse's).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from dagster import MetadataValue, deserialize_value, serialize_value
from dagster_dbt.version import __version__ as DAGSTER_DBT_VERSION

from pipelines.core.cache_file import read_cache, write_cache
from pipelines.transform.project_files import PROJECT_INPUTS

FORMAT = 1
FOLDER = Path("cache") / "columnas_dbt"  # under SIIE_HOME
# The modules whose change changes what is remembered (how lineage is traced and re-pointed).
TRACERS = ("column_metadata.py", "translator.py", "column_memo.py")

ModelMetadata = Mapping[str, MetadataValue]


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over the dbt project's files (path within the project, and bytes), dagster-dbt's
    version and the modules that trace the columns."""
    digest = hashlib.sha256(f"{FORMAT} {DAGSTER_DBT_VERSION}".encode())
    here = Path(__file__).resolve().parent
    named = [(name, here / name) for name in TRACERS]
    for name in PROJECT_INPUTS:
        path = project_dir / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        named += [(str(p.relative_to(project_dir)), p) for p in files if p.is_file()]
    for name, path in named:
        digest.update(name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class ColumnMemo:
    """The remembered metadata of one warehouse's models under one version of the project."""

    def __init__(self, siie_home: Path, fingerprint: str) -> None:
        self.folder = Path(siie_home) / FOLDER
        self.path = self.folder / f"{fingerprint}.json"

    def recall(self) -> dict[str, ModelMetadata]:
        """unique_id → its metadata entries; none if the project changed since they were traced."""
        try:
            return {
                unique_id: {key: _value(text) for key, text in kept.items()}
                for unique_id, kept in read_cache(self.path, FORMAT).items()
            }
        except Exception:  # an unreadable memo only means tracing again
            return {}

    def remember(self, entries: Mapping[str, ModelMetadata]) -> None:
        """Keep `entries` as the memo of this version; memos of other versions are removed."""
        kept = {
            unique_id: {key: serialize_value(value) for key, value in metadata.items()}
            for unique_id, metadata in entries.items()
        }
        text = json.dumps({"formato": FORMAT, "archivos": kept}, ensure_ascii=False)
        write_cache(self.path, text, prefix=".columnas_")
        for other in self.folder.glob("*.json"):
            if other != self.path:
                other.unlink(missing_ok=True)


def _value(text: str) -> MetadataValue:
    return deserialize_value(text, MetadataValue)
