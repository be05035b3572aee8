"""Write every generated file of the project, and say which ones changed:

    python -m pipelines.generated        (`make generate`)

the dbt files and docs/INDICATORS.md's tables (pipelines.transform.generate: dbt sources, docs
blocks, macros, dim_indicador) and the GX file context (pipelines.quality.generate:
expectations/great_expectations.yml and the suites). Each file is written only when its text
changes; commit what it wrote (tests/transform/test_generated_files.py and
tests/quality/test_suite_files.py fail while a committed file is out of date). docs/HOWTO.md
lists every generated file.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.config import PROJECT_ROOT
from pipelines.core.generated_files import report_written
from pipelines.quality.generate import write_generated_files as write_suite_files
from pipelines.transform.generate import write_generated_files as write_dbt_files


def write_generated_files() -> list[Path]:
    return [*write_dbt_files(), *write_suite_files()]


def main() -> None:
    written = write_generated_files()
    report_written(written)
    if not written:
        print(f"archivos generados al día en {PROJECT_ROOT}")


if __name__ == "__main__":
    main()
