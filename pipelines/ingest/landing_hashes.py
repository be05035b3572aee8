"""Each landed file's sha256, remembered by what the file system says about it, so that a plan of
an unchanged landing reads no byte: `siie run` with nothing new costs the same at any scale.

`$SIIE_HOME/cache/huellas_landing.json`, written whole and atomically. An entry is found by the
file's path (stored hashed: a file name may carry an identifier) and used only while the file's
size, modification time, change time (`st_ctime`), inode and device are all what they were when
its bytes were hashed; anything else and the file is read and hashed again — that read is the
confirmation by sha256 of what changed.

The change time is the guard against a cache that hides an edit: a program can write a file and
put its modification time back (`touch -d`, `os.utime`, `cp -p`, an unzip), but the kernel sets
`st_ctime` to now on every write and on every change of the modification time itself, and no
system call sets it back. What still escapes is what goes around the kernel's bookkeeping (a
disk edited offline, the system clock turned back to the same nanosecond, a file system without
change times); `siie ejecutar --forzar` hashes every file again for those. An entry is written
only if the file looked the same before and after its bytes were read (a file still being
copied is hashed again next time).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipelines.core.cache_file import read_cache, write_cache
from pipelines.core.config import Settings
from pipelines.ingest.file_names import name_bytes

FORMAT = 1
FILE_NAME = "huellas_landing.json"


def signature(stat: os.stat_result) -> list[int]:
    """What must not change for a remembered sha256 to still be the file's."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]


def _path_key(path: Path) -> str:
    return hashlib.sha256(name_bytes(path.absolute())).hexdigest()


class LandingHashes:
    """Read when a look at landing starts, written when it ends (if anything changed)."""

    def __init__(self, path: Path, entries: dict[str, dict], trusted: bool = True):
        self.path = path
        self._entries = entries
        self._seen: set[str] = set()
        self._trusted = trusted
        self.changed = False
        self.hashed = 0  # files whose bytes were hashed in this look (not found here)

    @classmethod
    def open(cls, settings: Settings, trusted: bool = True) -> LandingHashes:
        """`trusted=False`: every file is hashed again (and the cache rewritten from that)."""
        path = settings.home / "cache" / FILE_NAME
        entries = read_cache(path, FORMAT)
        return cls(path, entries, trusted)

    def get(self, path: Path, stat: os.stat_result) -> str | None:
        """The remembered sha256 of `path`, if the file is as it was when it was hashed."""
        key = _path_key(path)
        self._seen.add(key)
        entry = self._entries.get(key)
        if not self._trusted or not isinstance(entry, dict):
            return None
        sha256 = entry.get("sha256")
        if entry.get("firma") != signature(stat) or not isinstance(sha256, str):
            return None
        return sha256

    def put(self, path: Path, before: os.stat_result, data_length: int, sha256: str) -> None:
        """Remember the sha256 of bytes read from `path`, if the file did not change meanwhile."""
        self.hashed += 1
        try:
            after = path.stat()
        except OSError:
            return
        if signature(after) != signature(before) or after.st_size != data_length:
            return
        key = _path_key(path)
        self._seen.add(key)
        self._entries[key] = {"firma": signature(after), "sha256": sha256}
        self.changed = True

    def save(self, complete: bool) -> None:
        """Write what changed. `complete`: the look saw every landing folder, so the entries of
        files no longer there are dropped."""
        if complete and set(self._entries) - self._seen:
            self._entries = {k: v for k, v in self._entries.items() if k in self._seen}
            self.changed = True
        if not self.changed:
            return
        text = json.dumps({"formato": FORMAT, "archivos": self._entries}, sort_keys=True)
        write_cache(self.path, text, prefix=".huellas_")
        self.changed = False
