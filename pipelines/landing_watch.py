"""Watching the landing folder: which files are new, and which have stopped changing.

A file is ready when its size and modification time are the same as at the previous look (a file
still being copied waits for the next one). A ready file is new when its bytes (sha256) were never
requested before, so the same file dropped twice, under any name, is loaded once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from pipelines.core.config import SOURCE_KINDS, Settings
from pipelines.ingest.discovery import PARTITIONED_KINDS, LandedFile, file_partition
from pipelines.ingest.file_identity import readable_sha256
from pipelines.ingest.landing import landed_files


@dataclass
class WatchState:
    """The sensor's cursor: what each path looked like last time, and every sha256 already
    requested."""

    observed: dict[str, list[int]] = field(
        default_factory=dict
    )  # short hash of the path → [size, mtime_ns]
    requested: set[str] = field(default_factory=set)

    def to_cursor(self) -> str:
        return json.dumps(
            {"observed": self.observed, "requested": sorted(self.requested)}, separators=(",", ":")
        )

    @classmethod
    def from_cursor(cls, cursor: str | None) -> WatchState:
        if not cursor:
            return cls()
        data = json.loads(cursor)
        return cls(observed=data["observed"], requested=set(data["requested"]))


def look(
    settings: Settings, state: WatchState, known: set[str]
) -> tuple[WatchState, list[LandedFile]]:
    """The next state and the files that are ready and new (not requested, not in the warehouse)."""
    observed, ready = {}, []
    requested = set(state.requested)
    for kind in SOURCE_KINDS:
        for path in landed_files(settings.landing_for(kind)):
            stat = path.stat()
            signature = [stat.st_size, stat.st_mtime_ns]
            key = _short_hash(str(path))
            observed[key] = signature
            if state.observed.get(key) != signature:
                continue  # new or still changing: look again next time
            sha256 = readable_sha256(path, settings.landing_dir)
            request = sha256 or _short_hash(
                f"{path}@{signature}"
            )  # an unreadable file: once per appearance
            if request in requested or request in known:
                continue
            requested.add(request)
            partition = file_partition(path, kind) if kind in PARTITIONED_KINDS and sha256 else None
            ready.append(LandedFile(kind, path, sha256, partition))
    return WatchState(observed=observed, requested=requested), ready


def _short_hash(text: str) -> str:
    """A path in the cursor, compact: the cursor is stored with every tick of the sensor."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]
