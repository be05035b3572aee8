"""The publication history: one JSON line per attempt, published or not, in
published/historial.jsonl.

It outlives pruned versions: the manifest table of each new publication lists every version
ever published from it, and the auditors' report shows the attempts that did not publish and why.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipelines.publish.manifest import Manifest, manifest_from_dict

HISTORY_FILE = "historial.jsonl"

# An attempt's `estado`: it published, it found nothing new to publish (the current version already
# holds the same rows), or it was refused (its `motivos` say why).
PUBLISHED, NOTHING_NEW, REFUSED = "publicada", "sin_cambios", "rechazada"

# Lines written before `estado` existed told "nothing new" only by their first reason's words.
_OLD_NOTHING_NEW_REASON = "sin cambios"


@dataclass
class Attempt:
    run_id: str
    fecha: str
    publicada: bool
    version: int | None
    version_vigente: int | None
    motivos: list[str] = field(default_factory=list)
    manifest: dict | None = None
    estado: str = ""

    def __post_init__(self) -> None:
        if not self.estado:
            self.estado = _status_of_old_line(self)

    @property
    def nothing_new(self) -> bool:
        return self.estado == NOTHING_NEW


def _status_of_old_line(attempt: Attempt) -> str:
    if attempt.publicada:
        return PUBLISHED
    if attempt.motivos and attempt.motivos[0].startswith(_OLD_NOTHING_NEW_REASON):
        return NOTHING_NEW
    return REFUSED


def history_path(published_dir: Path) -> Path:
    return published_dir / HISTORY_FILE


def read_history(published_dir: Path) -> list[Attempt]:
    path = history_path(published_dir)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Attempt(**json.loads(line)) for line in lines if line.strip()]


def append_attempt(published_dir: Path, attempt: Attempt) -> None:
    published_dir.mkdir(parents=True, exist_ok=True)
    with history_path(published_dir).open("a", encoding="utf-8") as log:
        log.write(json.dumps(asdict(attempt), ensure_ascii=False, default=str) + "\n")
        log.flush()
        os.fsync(log.fileno())


def published_manifests(published_dir: Path) -> list[Manifest]:
    return [
        manifest_from_dict(a.manifest)
        for a in read_history(published_dir)
        if a.publicada and a.manifest
    ]


def last_version_recorded(published_dir: Path) -> int:
    return max((a.version or 0 for a in read_history(published_dir)), default=0)
