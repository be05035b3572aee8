"""Every command of the README run as a person runs it, on a built and published sample: the
Spanish names and the English ones kept for scripts, every documented option, what `siie estado`
and `siie rechazos` show, exports a person opens in Excel, DuckDB's errors in Spanish, a pipe
closed early, and an unfinished statement at the end of the input."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import duckdb
import pytest
from openpyxl import load_workbook

from pipelines.cli import build_parser
from pipelines.cli import main as siie
from pipelines.core.config import PROJECT_ROOT
from tests.conftest import TEST_KEY
from tests.processes import home_env, run_siie

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# Identifier forms written here, apart from the contracts, to check the exports independently.
CURP = re.compile(r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[0-9A-Z]\d")
RFC = re.compile(r"\b[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}\b")
BOLETA = re.compile(r"\b20\d{8}\b")
# OWASP, CSV injection: a cell starting with one of these is run by a spreadsheet as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COMMANDS = {
    "generar": "generate",
    "ejecutar": "run",
    "estado": "status",
    "rechazos": "rejections",
    "explicar": "explain",
    "informe": "report",
}


def _siie(home, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`siie` in its own process, as typed in a shell."""
    return run_siie(*arguments, env=home_env(home.settings) | {"COLUMNS": "200"}, stdin=stdin)


def test_every_command_has_a_spanish_name_and_keeps_its_english_one():
    parser = build_parser()
    helped = parser.format_help()
    for spanish, english in COMMANDS.items():
        assert f"{spanish} ({english})" in helped
    pairs = [
        (["generar", "--escala", "0.5", "--semilla", "7", "--si-vacio"],
         ["generate", "--scale", "0.5", "--seed", "7", "--if-empty"]),
        (["ejecutar", "--periodo", "24/1", "--forzar"], ["run", "--periodo", "24/1", "--force"]),
        (["estado", "--limite", "3"], ["status", "--limit", "3"]),
        (["sql", "--formato", "tabla", "SELECT 1"], ["sql", "--format", "table", "SELECT 1"]),
        (["sql", "--salida", "a.csv", "SELECT 1"], ["sql", "--output", "a.csv", "SELECT 1"]),
        (["explicar", "X", "24/1", "IPN", "--formato", "texto"],
         ["explain", "X", "24/1", "IPN", "--format", "text"]),
        (["informe", "--ejecucion", "r1"], ["report", "--run", "r1"]),
        (["rechazos", "--salida", "r.xlsx"], ["rejections", "--output", "r.xlsx"]),
    ]  # fmt: skip
    for spanish, english in pairs:
        ours, theirs = vars(parser.parse_args(spanish)), vars(parser.parse_args(english))
        ours.pop("command"), theirs.pop("command")
        assert ours == theirs, (spanish, english)


def test_estado_lists_the_latest_loads_of_the_load_log(user, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: each load on one line
    expected = user.query("SELECT archivo, estado FROM raw.cargas ORDER BY iniciado_en DESC")
    for arguments in (["estado", "--limite", "3"], ["status", "--limit", "3"]):
        assert siie(arguments) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert "3 renglones" in out
        for archivo, estado in expected[:3]:
            assert any(archivo in line and estado in line for line in lines), (archivo, out)
        assert not any(archivo in out for archivo, _ in expected[3:] if len(expected) > 3)


def _rejected(home, where: str = "true") -> list[tuple]:
    return home.query(
        "SELECT r.archivo, r.fila, r.columna, r.motivo FROM raw.rechazos AS r "
        f"JOIN raw.cargas AS c USING (carga_id) WHERE c.estado <> 'REEMPLAZADO' AND {where} "
        "ORDER BY r.archivo, r.fila, r.columna"
    )


def _no_identifier(cells) -> None:
    for cell in cells:
        text = "" if cell is None else str(cell)
        for form in (CURP, RFC, BOLETA):
            assert not form.search(text), (form.pattern, text)


def test_rechazos_of_a_period_by_reason_and_to_excel(user, tmp_path, capsys):
    [(periodo,)] = user.query(
        "SELECT c.periodo FROM raw.rechazos JOIN raw.cargas AS c USING (carga_id) "
        "WHERE c.tipo = 'matricula' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )
    expected = _rejected(user, f"c.periodo = '{periodo}'")
    assert expected  # the sample plants bad rows in every period

    assert siie(["rechazos", "--periodo", periodo]) == 0
    out = capsys.readouterr().out
    assert "por motivo" in out
    reasons: dict[tuple[str, str], int] = {}
    for archivo, _, _, motivo in expected:
        reasons[archivo, motivo] = reasons.get((archivo, motivo), 0) + 1
    assert f"{len(expected)} renglones" in out or f"{len(expected)} renglón" in out

    path = tmp_path / "rechazos.xlsx"
    assert siie(["rechazos", "--periodo", periodo, "--salida", str(path)]) == 0
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("archivo", "fila", "columna", "motivo", "valor", "otros_motivos", "registro")
    got = sorted((a, f, c, m) for a, f, c, m, *_ in rows[1:])
    assert got == sorted(expected)
    _no_identifier(cell for row in rows[1:] for cell in row)


def test_rechazos_of_one_file_or_one_load_as_csv_and_an_unknown_file(user, tmp_path, capsys):
    [(carga_id, archivo)] = user.query(
        "SELECT carga_id, archivo FROM raw.rechazos GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
    )
    expected = _rejected(user, f"c.carga_id = '{carga_id}'")
    name = archivo.rsplit("/", 1)[-1]
    for option, value, output in (
        ("--archivo", name, tmp_path / "por_archivo.csv"),
        ("--carga", carga_id, tmp_path / "por_carga.csv"),
    ):
        assert siie(["rejections", option, value, "--output", str(output)]) == 0
        raw = output.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert sorted((a, int(f), c, m) for a, f, c, m, *_ in rows[1:]) == sorted(expected)
        _no_identifier(cell for row in rows[1:] for cell in row)
    capsys.readouterr()
    assert siie(["rechazos", "--archivo", "no_existe.csv"]) == 2
    assert "No hay cargas con el archivo no_existe.csv" in capsys.readouterr().err


CSV_QUERY = (
    "SELECT * FROM (VALUES ('=HYPERLINK(\"http://x\")', '+1', '-2', '@SUM(A1)', "
    "chr(9) || 'x', 'Matrícula Ñandú', -5, 3822.0000::DECIMAL(38,4), 1.25::DECIMAL(10,2))) "
    "AS t(a, b, c, d, e, texto, negativo, conteo, razon)"
)


def test_a_csv_export_opens_in_excel_with_accents_whole_counts_and_no_formula(user, tmp_path):
    path = tmp_path / "resultado.csv"
    assert siie(["sql", "--salida", str(path), CSV_QUERY]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    [header, row] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = dict(zip(header, row, strict=True))
    for name in "abcde":
        assert not cells[name].startswith(FORMULA_STARTS), cells[name]
        assert cells[name].startswith("'")
    assert cells["texto"] == "Matrícula Ñandú"
    assert cells["negativo"] == "-5"  # a number stays a number
    assert cells["conteo"] == "3822" and cells["razon"] == "1.25"
    with duckdb.connect() as con:  # a second reader finds the same numbers, typed
        typed = con.execute(
            f"SELECT negativo, conteo FROM read_csv('{path}', header = true)"
        ).fetchone()
    assert typed == (-5, 3822)


def test_published_counts_export_as_integers_in_csv_and_xlsx(user, tmp_path):
    query = (
        "SELECT periodo, valor, numerador, denominador FROM indicadores "
        "WHERE clave_indicador = 'MATRICULA_TOTAL' AND ambito = 'IPN' ORDER BY periodo"
    )
    expected = user.published(query)
    assert siie(["sql", "--salida", str(tmp_path / "m.csv"), query]) == 0
    text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert ".0000" not in text
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [(p, int(v)) for p, v, *_ in rows] == [(p, int(v)) for p, v, *_ in expected]

    mixed = (
        "SELECT 3822.0000::DECIMAL(38,4) AS alumnos, 12.3456::DECIMAL(38,4) AS tasa, "
        "1234.5::DECIMAL(18,2) AS monto, 7 AS entero, 0.5::DOUBLE AS flotante"
    )
    assert siie(["sql", "--salida", str(tmp_path / "m.xlsx"), query]) == 0
    sheet = load_workbook(tmp_path / "m.xlsx").active
    valor = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.number_format == "#,##0" and isinstance(cell.value, int) for cell in valor)
    assert siie(["sql", "--salida", str(tmp_path / "tipos.xlsx"), mixed]) == 0
    header, row = list(load_workbook(tmp_path / "tipos.xlsx").active.iter_rows())
    formats = {h.value: c.number_format for h, c in zip(header, row, strict=True)}
    assert formats["alumnos"] == "#,##0" and formats["entero"] == "#,##0"
    assert formats["tasa"] == "#,##0.0000" and formats["monto"] == "#,##0.00"


def test_sql_options_version_format_and_overwrite(user, tmp_path, capsys):
    query = "SELECT count(*) AS tablas FROM duckdb_tables()"
    assert siie(["sql", "--version", "1", "--formato", "csv", query]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "tablas"
    target = tmp_path / "t.parquet"
    assert siie(["sql", "--salida", str(target), "--formato", "parquet", query]) == 0
    assert siie(["sql", "--salida", str(target), query]) == 2
    assert "--sobrescribir" in capsys.readouterr().err
    assert siie(["sql", "--salida", str(target), "--sobrescribir", query]) == 0
    assert siie(["sql", "--salida", str(tmp_path / "t.csv"), "--formato", "tabla", query]) == 2
    assert "--formato tabla es sólo para la pantalla" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("statement", "spanish", "kept"),
    [
        ("SELEC 1", "Error de sintaxis cerca de «SELEC»", "LINE 1: SELEC 1"),
        (
            "SELECT periodo\nFROM indicadores WHERE valor = = 1",
            "Error de sintaxis cerca de «=»",
            "LINE 2: FROM indicadores WHERE valor = = 1",
        ),
        ("SELECT * FROM indicador", "No hay una tabla llamada indicador", "Catalog Error"),
        ("SELECT valr FROM indicadores", "No existe la columna valr", "Binder Error"),
        ("SELECT 'abc'::INTEGER", "No se puede convertir el texto 'abc'", "Conversion Error"),
    ],
)
def test_duckdb_errors_are_explained_in_spanish_keeping_line_and_position(
    user, capsys, statement, spanish, kept
):
    assert siie(["sql", statement]) == 1
    err = capsys.readouterr().err
    assert spanish in err and kept in err
    if kept.startswith("LINE"):
        caret = err.splitlines()[err.splitlines().index(kept) + 1]
        assert caret.strip().startswith("^")


def test_a_statement_left_unfinished_at_the_end_of_input_is_named(user):
    done = _siie(user, "sql", stdin="SELECT 40 + 2 AS respuesta\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Sentencia sin terminar, no se ejecutó: SELECT 40 + 2 AS respuesta" in done.stderr


def test_explicar_takes_a_lowercase_key_and_a_pipe_closed_early(user):
    [(periodo,)] = user.published(
        "SELECT max(periodo) FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL' "
        "AND ambito = 'UNIDAD' AND clave_ambito = 'ESCOM'"
    )
    lower = _siie(user, "explicar", "matricula_total", periodo, "unidad", "escom")
    assert lower.returncode == 0, lower.stderr
    upper = _siie(user, "explain", "MATRICULA_TOTAL", periodo, "UNIDAD", "ESCOM")
    assert lower.stdout == upper.stdout
    # The reader of the pipe is gone before siie writes (`true` reads nothing).
    env = {**os.environ, "SIIE_HOME": str(user.settings.home), "SIIE_PSEUDONYM_KEY": TEST_KEY}
    for fmt in ("texto", "json"):
        piped = subprocess.run(
            f"{sys.executable} -m pipelines.cli explicar MATRICULA_TOTAL {periodo} UNIDAD ESCOM "
            f"--formato {fmt} | true",
            shell=True,
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            env=env,
            check=False,
        )
        assert "Traceback" not in piped.stderr and "BrokenPipeError" not in piped.stderr


def test_informe_writes_the_latest_report_or_the_one_asked_for(user, capsys):
    assert siie(["informe"]) == 0
    written = capsys.readouterr().out
    assert "Informe para auditoría" in written
    report = re.search(r"informe_(\S+)\.html", written)
    assert report is not None
    assert siie(["informe", "--ejecucion", report.group(1)]) == 0
    assert report.group(0) in capsys.readouterr().out


def test_the_data_dictionary_says_each_range_in_words(user):
    dictionary = (user.settings.published_dir / "current" / "diccionario.md").read_text()
    assert "None" not in dictionary
    assert "1 o más" in dictionary


def test_generar_writes_a_sample_and_with_si_vacio_only_into_an_empty_landing(tmp_path):
    env = {
        **os.environ,
        "SIIE_HOME": str(tmp_path / "home"),
        "SIIE_LANDING_DIR": str(tmp_path / "landing"),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
    }

    def generar(*options: str) -> subprocess.CompletedProcess:
        return run_siie("generar", *options, env=env)

    written = generar("--escala", "0.003", "--semilla", "7", "--si-vacio")
    assert written.returncode == 0 and "escala 0.003, semilla 7" in written.stdout
    files = sorted((tmp_path / "landing").rglob("*.csv"))
    assert files
    again = generar("--escala", "0.003", "--semilla", "8", "--si-vacio")
    assert again.returncode == 0 and "landing ya tiene extractos" in again.stdout
    assert sorted((tmp_path / "landing").rglob("*.csv")) == files
    refused = generar("--periodos", "-1")
    assert refused.returncode == 2 and "0 o más" in refused.stderr
