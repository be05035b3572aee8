"""A folder of remembered answers, one small JSON file per fingerprint, the least recently used
pruned beyond a limit. The suppression's solved patterns and the audit's audited periods are kept
this way (pipelines/publish/disclosure/memo.py, pipelines/audit/memo.py); the folder can be
deleted at any time, and the next publication solves again what it needs.
"""

from __future__ import annotations

import json
from pathlib import Path


class MemoFolder:
    def __init__(self, folder: Path, keep: int):
        self.folder = folder
        self.keep = keep

    def read(self, fingerprint: str) -> dict | None:
        """The entry kept under `fingerprint`, or None; reading it marks it recently used."""
        path = self.folder / f"{fingerprint}.json"
        if not path.exists():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        path.touch()
        return entry

    def write(self, fingerprint: str, entry: dict) -> None:
        """Keep `entry` (whole or not at all: written aside, then renamed), then prune."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{fingerprint}.tmp"
        partial.write_text(json.dumps(entry), encoding="utf-8")
        partial.replace(self.folder / f"{fingerprint}.json")
        entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[self.keep :]:
            stale.unlink(missing_ok=True)
