"""Write every dbt file generated from the contracts and the indicator catalog.

    python -m pipelines.transform.generate

Run after changing models/contracts/*.yml, models/indicadores.yml, models/anuies.yml or
pipelines/ingest/anuies_tables.py, and commit the result;
tests/transform/test_generated_files.py fails while a committed file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.generated_files import report_written, write_if_changed
from pipelines.transform.anuies_docs import generated_anuies_docs
from pipelines.transform.dbt_docs import generated_docs
from pipelines.transform.dbt_macros import generated_macros
from pipelines.transform.dbt_sources import SOURCES_PATH, render_sources


def generated_files() -> dict[Path, str]:
    return {
        SOURCES_PATH: render_sources(),
        **generated_docs(),
        **generated_anuies_docs(),
        **generated_macros(),
    }


def write_generated_files() -> list[Path]:
    return write_if_changed(generated_files())


def main() -> None:
    report_written(write_generated_files())


if __name__ == "__main__":
    main()
