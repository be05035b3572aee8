"""Write every dbt file generated from the contracts, the indicator catalog and the disclosure
declaration, and the indicator tables of docs/INDICATORS.md.

    python -m pipelines.transform.generate      (or `make generate`: this and the GX suites)

Run after changing models/contracts/*.yml, models/indicadores.yml, models/divulgacion.yml,
models/anuies.yml or pipelines/ingest/anuies/tables.py, and commit the result;
tests/transform/test_generated_files.py fails while a committed file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.generated_files import report_written, write_if_changed
from pipelines.transform.anuies_docs import generated_anuies_docs
from pipelines.transform.dbt_docs import generated_docs
from pipelines.transform.dbt_macros import generated_macros
from pipelines.transform.dbt_sources import SOURCES_PATH, render_sources
from pipelines.transform.indicator_docs import generated_indicator_doc


def generated_files() -> dict[Path, str]:
    return {
        SOURCES_PATH: render_sources(),
        **generated_docs(),
        **generated_anuies_docs(),
        **generated_macros(),
        **generated_indicator_doc(),
    }


def write_generated_files() -> list[Path]:
    return write_if_changed(generated_files())


def main() -> None:
    report_written(write_generated_files())


if __name__ == "__main__":
    main()
