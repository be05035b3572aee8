"""What a landed entry is before anyone reads it: its bytes' sha256, or why it cannot be read.

Every entry of a kind's landing folder is one of these: a file that can be read; a symbolic link
that leads out of the landing folder (not followed: landing is where the office drops extracts,
not a way to read any file the service can see); a broken link, a loop of links, a folder, a pipe
or device; a file the service may not read. All but the first are reported by the loader as that
entry's error, with the reason given here.
"""

from __future__ import annotations

import errno
import hashlib
import stat
from datetime import datetime
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def last_change(path: Path) -> datetime:
    """When the entry itself last changed (made, linked, renamed, its permissions changed)."""
    try:
        return datetime.fromtimestamp(path.lstat().st_ctime)
    except OSError:
        return datetime.now()


LOOP = (
    "es un enlace simbólico que forma un ciclo (lleva, directa o indirectamente, a sí mismo); "
    "no lleva a ningún archivo: bórrelo o reemplácelo por el archivo"
)


def why_unreadable(path: Path, landing: Path) -> str | None:
    """None when the file may be read; otherwise what is wrong, for the load log."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop of links so
        return LOOP
    except OSError as error:
        return _unresolved(path, error)
    if not target.is_relative_to(landing.resolve()):
        return (
            "es un enlace simbólico que sale de la carpeta de llegada; no se lee (copie el archivo)"
        )
    try:
        mode = target.stat().st_mode
    except OSError as error:
        return _unresolved(path, error)
    if stat.S_ISDIR(mode):
        return (
            "es una carpeta, no un archivo; SIIE no lee subcarpetas de landing "
            "(mueva sus archivos a la carpeta del tipo de extracto o saque la carpeta de landing)"
        )
    if not stat.S_ISREG(mode):
        return "no es un archivo regular (es una tubería, un dispositivo o un socket); no se lee"
    try:
        with path.open("rb"):
            return None
    except OSError as error:
        return f"no se puede abrir el archivo ({error.strerror}); revise sus permisos"


def _unresolved(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return LOOP
    if error.errno == errno.ENOENT and path.is_symlink():
        return "es un enlace simbólico roto: el archivo al que apunta no existe"
    if error.errno == errno.ENOENT:
        return "desapareció de la carpeta de llegada mientras se revisaba"
    return f"no se puede revisar ({error.strerror}); revise sus permisos"
