"""What a publication killed half-way left behind, put right before the next one starts.

The switch of `current` (versions.py) is the moment a version is published; the history line
is written just after it. A kill before the switch leaves a staging folder or a version renamed
into place but never switched in: both are removed. A kill between the switch and the history
line leaves the current version unlisted: its line is written from its own manifest.json, so the
history, the next version's manifest table and the report all know it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.publish.history import PUBLISHED, Attempt, append_attempt, read_history
from pipelines.publish.versions import (
    clear_unfinished,
    current_version,
    publication_lock,
    version_name,
)


@dataclass
class Recovery:
    removed: list[str] = field(default_factory=list)  # staging folders, links, versions
    recorded: Attempt | None = None  # the current version's history line, written now


def recover_publications(published_dir: Path) -> Recovery:
    """Put right what killed publications left (under the publication lock)."""
    if not published_dir.is_dir():
        return Recovery()
    with publication_lock(published_dir):
        return put_right(published_dir)


def put_right(published_dir: Path) -> Recovery:
    """As recover_publications, for a caller that holds the publication lock."""
    listed = {a.version for a in read_history(published_dir) if a.publicada and a.version}
    recorded = _record_current(published_dir, listed)
    if recorded is not None and recorded.version:
        listed.add(recorded.version)
    return Recovery(clear_unfinished(published_dir, listed), recorded)


def _record_current(published_dir: Path, listed: set[int]) -> Attempt | None:
    current = current_version(published_dir)
    if current is None or current in listed:
        return None
    try:
        manifest = json.loads(
            (published_dir / version_name(current) / "manifest.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return None
    attempt = Attempt(
        manifest["run_id"],
        manifest["publicado_en"],
        True,
        current,
        current,
        [],
        manifest,
        estado=PUBLISHED,
    )
    append_attempt(published_dir, attempt)
    return attempt
