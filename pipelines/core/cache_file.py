"""Cache files: written whole or not at all, read as empty when unusable; never a reason to fail
a run."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path


def write_cache(path: Path, text: str, prefix: str) -> None:
    """Replace `path` with `text` in one step (a reader sees the old file or the new one); a cache
    that cannot be written only makes the next look slower, so an OSError is swallowed."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def read_cache(path: Path, format_: int | str) -> dict:
    """The entries (`archivos`) of a cache file written in `format_`; none when it is missing,
    from another format or unreadable: it is only a cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["archivos"] if data.get("formato") == format_ else {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return entries if isinstance(entries, dict) else {}
