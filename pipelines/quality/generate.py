"""Write the GX file context of expectations/ (config and suites) from the registry.

    python -m pipelines.quality.generate

Run after changing a contract, a catalog rule or pipelines/quality/*_suites.py, and commit the
result; tests/quality/test_suite_files.py fails while a committed file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.quality.suite_files import generated_files


def write_generated_files() -> list[Path]:
    written = []
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    for path in write_generated_files():
        print(f"escrito {path}")


if __name__ == "__main__":
    main()
