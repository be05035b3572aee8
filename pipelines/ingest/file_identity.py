"""What a landed file is before anyone reads it: its bytes' sha256, or why it cannot be read.

A symbolic link that leads out of the landing folder is not followed (landing is where the office
drops extracts, not a way to read any file the service can see); a file the service may not read
has no sha256. Both are reported as that file's error by the loader.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def why_unreadable(path: Path, landing: Path) -> str | None:
    """None when the file may be read; otherwise what is wrong, for the load log."""
    target = path.resolve()
    if not target.is_relative_to(landing.resolve()):
        return (
            "es un enlace simbólico que sale de la carpeta de llegada; no se lee (copie el archivo)"
        )
    try:
        with path.open("rb"):
            return None
    except OSError as error:
        return f"no se puede abrir el archivo ({error.strerror}); revise sus permisos"
