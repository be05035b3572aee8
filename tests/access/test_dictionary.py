"""The data dictionary: every published column described in Spanish; every indicator listed."""

from __future__ import annotations

import pytest

from pipelines.specs.indicator_catalog import load_catalog

pytestmark = pytest.mark.integration


def test_every_published_column_has_a_description(published):
    columns = published.published(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
    )
    described = {
        (t, c): d
        for t, c, d in published.published("SELECT tabla, columna, descripcion FROM diccionario")
    }
    missing = [f"{t}.{c}" for t, c in columns if not described.get((t, c))]
    assert missing == []
    [(comment,)] = published.published(
        "SELECT comment FROM duckdb_columns() WHERE "
        "table_name = 'fct_matricula' AND column_name = 'suprimido'"
    )
    assert "1 a 4 alumnos" in comment


def test_the_dictionary_file_lists_tables_indicators_and_extracts(published):
    text = (published.settings.published_dir / "current" / "diccionario.md").read_text(
        encoding="utf-8"
    )
    for (table,) in published.published("SELECT table_name FROM duckdb_tables()"):
        assert f"### `{table}`" in text
    for indicator in load_catalog().indicadores:
        assert f"| `{indicator.clave}` | {indicator.nombre} |" in text
    assert "### Extracto `matricula`" in text and "seudónimo `id_alumno` (no se publica)" in text


def test_every_example_question_runs_on_the_publication_and_answers_something(published):
    from pipelines.publish.examples import EXAMPLES

    for example in EXAMPLES:
        rows = published.published(example.sql)
        assert rows, example.pregunta
    text = (published.settings.published_dir / "current" / "diccionario.md").read_text(
        encoding="utf-8"
    )
    assert all(example.sql in text for example in EXAMPLES)
