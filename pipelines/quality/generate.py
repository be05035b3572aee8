"""Write the GX file context of expectations/ (config and suites) from the registry.

    python -m pipelines.quality.generate

Run after changing a contract, a catalog rule or pipelines/quality/*_suites.py, and commit the
result; tests/quality/test_suite_files.py fails while a committed file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.generated_files import report_written, write_if_changed
from pipelines.quality.suite_files import generated_files


def write_generated_files() -> list[Path]:
    return write_if_changed(generated_files())


def main() -> None:
    report_written(write_generated_files())


if __name__ == "__main__":
    main()
