"""Each landed file's partition, remembered by its bytes, so that the planner reads a file's
content once: the next `siie run` or sensor tick hashes an unchanged file and finds its partition
here instead of reading and checking every row again.

`$SIIE_HOME/cache/plan_de_carga.json`, written whole and atomically (a new file renamed over the
old one). An entry is found by the file's kind, format (its extension: the same bytes named .csv
or .xlsx are read differently) and sha256 — never by its name — and is used only if it was written
under the same fingerprint: what decides a file's period (its contract, the catalogs, and the
source of the ingest, specs and core packages that read and check it). A change of any of them
makes every entry stale; stale entries and those of files the warehouse already holds are dropped
when the cache is written.

It holds no value from any row: per entry the partition key (`25/1`, `2024-03`, or none) and, when
there is none, why (a fixed code). A file whose reading failed for a reason that is not its content
(the disk, memory) is not remembered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.core.cache_file import read_cache, write_cache
from pipelines.core.config import Settings
from pipelines.specs.catalogs import Catalogs
from pipelines.specs.contracts import Contract

FORMAT = 1
FILE_NAME = "plan_de_carga.json"
PACKAGE = Path(__file__).resolve().parents[1]
DECIDING_PACKAGES = ("core", "specs", "ingest")  # the code that reads, checks and dates a file


@dataclass(frozen=True)
class Planned:
    partition: str | None
    why: str | None  # a code (discovery.NO_PERIOD, discovery.NOT_READABLE) when partition is None


@cache
def _code_fingerprint() -> str:
    """The source of the code that decides a period, as this process imported it (once)."""
    digest = hashlib.sha256()
    for package in DECIDING_PACKAGES:
        for source in sorted((PACKAGE / package).rglob("*.py")):
            digest.update(str(source.relative_to(PACKAGE)).encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(contract: Contract, catalogs: Catalogs) -> str:
    """What decides the period of a file of this contract, as this process uses it."""
    digest = hashlib.sha256(f"{FORMAT}\0{_code_fingerprint()}\0{contract!r}\0".encode())
    for name in sorted(catalogs.tables):
        digest.update(f"{name}\0{catalogs.tables[name].write_csv()}\0".encode())
    return digest.hexdigest()[:32]


def _entry_key(kind: str, path: Path, sha256: str) -> str:
    return f"{kind}:{path.suffix.lower().lstrip('.')}:{sha256}"


class PlanCache:
    """Read once when a plan starts, written once when it ends (if anything was learnt)."""

    def __init__(self, path: Path, entries: dict[str, dict]):
        self.path = path
        self._entries = entries
        self.changed = False

    @classmethod
    def open(cls, settings: Settings) -> PlanCache:
        path = settings.home / "cache" / FILE_NAME
        entries = read_cache(path, FORMAT)
        return cls(path, entries)

    def get(self, kind: str, path: Path, sha256: str, fingerprint: str) -> Planned | None:
        entry = self._entries.get(_entry_key(kind, path, sha256))
        if not isinstance(entry, dict) or entry.get("huella") != fingerprint:
            return None
        partition, why = entry.get("particion"), entry.get("motivo")
        if not all(v is None or isinstance(v, str) for v in (partition, why)):
            return None
        return Planned(partition, why)

    def put(self, kind: str, path: Path, sha256: str, fingerprint: str, planned: Planned) -> None:
        self._entries[_entry_key(kind, path, sha256)] = {
            "huella": fingerprint,
            "particion": planned.partition,
            "motivo": planned.why,
        }
        self.changed = True

    def save(self, current: dict[str, str], known: Container[str]) -> None:
        """Write what was learnt. `current`: the fingerprint of each kind now (entries under
        another are dropped); `known`: sha256 of files the warehouse holds (never planned again)."""
        if not self.changed:
            return
        kept = {
            key: entry
            for key, entry in self._entries.items()
            if isinstance(entry, dict)
            and entry.get("huella") == current.get(key.split(":", 1)[0])
            and key.rsplit(":", 1)[-1] not in known
        }
        text = json.dumps({"formato": FORMAT, "archivos": kept}, indent=0, sort_keys=True)
        write_cache(self.path, text, prefix=".plan_")
        self.changed = False
