"""Files generated from the contracts and catalogs (dbt YAML, GX suites): written only when their
text changes, so that a test can tell a committed file that is out of date."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(files: dict[Path, str]) -> list[Path]:
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def report_written(paths: list[Path]) -> None:
    for path in paths:
        print(f"escrito {path}")
