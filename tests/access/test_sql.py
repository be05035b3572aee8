"""`siie sql`: analysts query the current publication, read-only, and export what they get."""

from __future__ import annotations

import io
import re
import sys

import duckdb
import polars as pl
import pytest
from openpyxl import load_workbook

from pipelines.access.sql import EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE, standalone

pytestmark = pytest.mark.integration

MATRICULA_IPN = (
    "SELECT periodo, valor FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL' "
    "AND ambito = 'IPN' ORDER BY periodo"
)


@pytest.fixture
def analyst(published, monkeypatch):
    monkeypatch.setenv("SIIE_HOME", str(published.settings.home))
    return published


def test_a_query_prints_a_table(analyst, capsys):
    assert standalone([MATRICULA_IPN]) == EXIT_OK
    out = capsys.readouterr().out
    periods = analyst.published(MATRICULA_IPN)
    assert f"{len(periods)} renglones" in out
    lines = out.splitlines()
    for periodo, valor in periods:  # a count: right-aligned, thousands separators, no decimals
        assert any(
            re.fullmatch(rf"{re.escape(periodo)}\s+{int(valor):,}", line) for line in lines
        ), (periodo, out)


def test_results_export_to_csv_parquet_and_excel(analyst, tmp_path, capsys):
    expected = analyst.published(MATRICULA_IPN)
    assert standalone(["--format", "csv", MATRICULA_IPN]) == EXIT_OK
    csv = pl.read_csv(io.StringIO(capsys.readouterr().out))
    assert csv.height == len(expected) and csv.columns == ["periodo", "valor"]

    assert (
        standalone(["--format", "parquet", "--output", str(tmp_path / "m.parquet"), MATRICULA_IPN])
        == EXIT_OK
    )
    with duckdb.connect() as con:
        assert (
            con.execute(f"SELECT * FROM read_parquet('{tmp_path / 'm.parquet'}')").fetchall()
            == expected
        )

    assert (
        standalone(["--format", "xlsx", "--output", str(tmp_path / "m.xlsx"), MATRICULA_IPN])
        == EXIT_OK
    )
    sheet = load_workbook(tmp_path / "m.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("periodo", "valor")
    assert [(p, float(v)) for p, v in rows[1:]] == [(p, float(v)) for p, v in expected]


def test_binary_formats_need_an_output_file(analyst, capsys):
    assert standalone(["--format", "xlsx", MATRICULA_IPN]) == EXIT_USAGE
    assert "--formato xlsx necesita --salida" in capsys.readouterr().err


def test_an_export_never_writes_over_the_published_database_or_an_existing_file(
    analyst, tmp_path, capsys
):
    settings = analyst.settings
    current = settings.published_dir / "current.duckdb"
    before = current.resolve().read_bytes()
    for target in (current, current.resolve(), settings.warehouse_path, tmp_path / "enlace.duckdb"):
        if target.name == "enlace.duckdb":
            target.symlink_to(current)
        assert (
            standalone(
                ["--format", "csv", "--output", str(target), "--sobrescribir", MATRICULA_IPN]
            )
            == EXIT_USAGE
        )
        assert "parte del almacén o de las publicaciones" in capsys.readouterr().err
    assert current.resolve().read_bytes() == before

    existing = tmp_path / "m.csv"
    existing.write_text("no tocar\n")
    assert standalone(["--format", "csv", "--output", str(existing), MATRICULA_IPN]) == EXIT_USAGE
    assert "--sobrescribir" in capsys.readouterr().err and existing.read_text() == "no tocar\n"
    assert (
        standalone(["--format", "csv", "--output", str(existing), "--sobrescribir", MATRICULA_IPN])
        == EXIT_OK
    )
    assert existing.read_text(encoding="utf-8-sig").startswith("periodo,valor")  # after its BOM


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM indicadores",
        "UPDATE indicadores SET valor = 0",
        "CREATE TABLE copia AS SELECT * FROM indicadores",
        "DROP TABLE indicadores",
    ],
)
def test_a_write_fails_with_a_clear_message_and_changes_nothing(analyst, capsys, statement):
    before = analyst.published("SELECT count(*), sum(valor) FROM indicadores")
    assert standalone([statement]) == EXIT_QUERY_FAILED
    assert "La publicación es de sólo lectura" in capsys.readouterr().err
    assert analyst.published("SELECT count(*), sum(valor) FROM indicadores") == before


def test_files_and_other_databases_are_out_of_reach(analyst, tmp_path, capsys):
    assert standalone([f"COPY indicadores TO '{tmp_path / 'fuga.csv'}'"]) == EXIT_QUERY_FAILED
    assert (
        standalone([f"ATTACH '{analyst.settings.warehouse_path}' AS almacen"]) == EXIT_QUERY_FAILED
    )
    assert "siie sql no lee ni escribe archivos" in capsys.readouterr().err
    assert not (tmp_path / "fuga.csv").exists()


def test_the_interactive_mode_reads_statements_until_it_is_told_to_stop(
    analyst, monkeypatch, capsys
):
    session = (
        ".tablas\nSELECT count(*) AS n\n  FROM dim_indicador;\n"
        ".columnas manifest\nDELETE FROM manifest;\n.salir\n"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(session))
    assert standalone([]) == EXIT_QUERY_FAILED  # the DELETE failed; the rest ran
    captured = capsys.readouterr()
    [(indicators,)] = analyst.published("SELECT count(*) FROM dim_indicador")
    assert "fct_matricula" in captured.out
    assert re.search(rf"(?m)^\s*{indicators}$", captured.out), "the count(*) of the last statement"
    assert "dbt_invocation_id" in captured.out
    assert "La publicación es de sólo lectura" in captured.err


def test_without_a_publication_the_analyst_is_told_what_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SIIE_HOME", str(tmp_path / "vacio"))
    assert standalone([MATRICULA_IPN]) == EXIT_USAGE
    assert "siie ejecutar" in capsys.readouterr().err


def test_an_older_kept_version_can_be_queried(analyst, capsys):
    assert standalone(["--version", "1", "SELECT max(version) FROM manifest"]) == EXIT_OK
    assert re.search(r"(?m)^\s+1$", capsys.readouterr().out)


LONG = (
    "SELECT clave_indicador, periodo, ambito, clave_ambito, "
    "valor FROM indicadores ORDER BY ALL LIMIT 400"
)


def test_an_export_takes_its_format_from_the_extension_and_is_never_cut(analyst, tmp_path, capsys):
    expected = analyst.published(LONG)
    assert len(expected) > 50  # more than a screen shows
    for name in ("r.csv", "r.parquet", "r.xlsx"):
        assert standalone(["--output", str(tmp_path / name), LONG]) == EXIT_OK, (
            capsys.readouterr().err
        )
    csv_rows = pl.read_csv(tmp_path / "r.csv", infer_schema=False)
    assert csv_rows.height == len(expected) and csv_rows.columns[0] == "clave_indicador"
    assert pq_rows(tmp_path / "r.parquet") == len(expected)
    sheet = list(load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True))
    assert len(sheet) == len(expected) + 1 and sheet[0][0] == "clave_indicador"


def pq_rows(path) -> int:
    import pyarrow.parquet as pq

    return pq.read_metadata(path).num_rows


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--output", "r.txt"], "use la extensión .csv, .parquet o .xlsx"),
        (["--format", "table", "--output", "r.csv"], "--formato tabla es sólo para la pantalla"),
        (["--format", "csv", "--output", "r.xlsx"], "no coincide con la extensión"),
    ],
)
def test_an_export_that_would_be_wrong_is_refused_before_anything_is_written(
    analyst, tmp_path, capsys, arguments, message
):
    arguments = [str(tmp_path / a) if a.startswith("r.") else a for a in arguments]
    assert standalone([*arguments, LONG]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_dot_commands_explain_a_wrong_table_or_command(analyst, monkeypatch, capsys):
    session = ".columnas indicadore\n.tables\n.columnas\n.nada\n.salir\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(session))
    assert standalone([]) == EXIT_OK
    out = capsys.readouterr().out
    assert "No hay una tabla publicada llamada 'indicadore'. ¿Quiso decir indicadores?" in out
    assert "fct_matricula" in out  # .tables is .tablas
    assert "Indique la tabla: .columnas TABLA" in out and "Comando desconocido .nada" in out
