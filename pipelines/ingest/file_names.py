"""A landed file's name as SIIE writes it anywhere — load log, rejections, messages, console.

File names are bytes. A name that is not UTF-8 (a file copied from a Windows share in Latin-1,
b'a\\xf1o.csv') reaches Python with each bad byte as a lone surrogate ('a\\udcf1o.csv'), which no
database, JSON file or terminal accepts. It is written with those bytes escaped as \\xNN
(`a\\xf1o.csv`, the form Python and `ls -b` show); a UTF-8 name is written as it is.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.ingest.identifiers import recorded_name


def printable_text(text: str) -> str:
    """`text` with every byte that was not UTF-8 escaped as \\xNN (any other lone surrogate as
    \\uNNNN): safe to store, print and encode as UTF-8."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def printable_name(path: Path | str) -> str:
    return printable_text(str(path))


def name_bytes(path: Path | str) -> bytes:
    """The name as the file system holds it, to hash or compare."""
    return str(path).encode("utf-8", "surrogateescape")


def readable_landing_name(path: Path, landing: Path) -> str:
    """The name under landing, e.g. `matricula/m.csv` (a link's own name, not its target's),
    printable but not yet masked."""
    try:
        return printable_name(path.absolute().relative_to(landing.absolute()))
    except ValueError:
        return printable_name(path.absolute())


def landing_name(path: Path, landing: Path) -> str:
    """The name as every record and message carries it: printable, and with any identifier form
    in it masked (a clerk may name a file after a student; the file is found by its sha256)."""
    return recorded_name(readable_landing_name(path, landing))
