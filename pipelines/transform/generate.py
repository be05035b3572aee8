"""Write every dbt file generated from the contracts and the indicator catalog.

    python -m pipelines.transform.generate

Run after changing models/contracts/*.yml, models/indicadores.yml, models/anuies.yml or
pipelines/ingest/anuies_tables.py, and commit the result;
tests/transform/test_generated_files.py fails while a committed file is out of date.
"""

from __future__ import annotations

from pathlib import Path

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
