"""Settings that would pass a naive check and do harm — NaN, infinities, a memory limit DuckDB
cannot work in, cells of the report that do not exist, empty entries, folders that are files or
do not exist — stop every command at start: a Spanish message naming the variable and its value,
exit status 2, no traceback."""

from __future__ import annotations

import subprocess

import pytest

from tests.processes import run_siie

pytestmark = pytest.mark.unit


def _siie(*arguments: str, **env: str) -> subprocess.CompletedProcess:
    return run_siie(*arguments, env=env, timeout=120)


def _refused(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "configuración no válida" in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SIIE_MAX_REJECT_SHARE", "nan"),
        ("SIIE_MAX_REJECT_SHARE", "NaN"),
        ("SIIE_MAX_REJECT_SHARE", "inf"),
        ("SIIE_ESPERA_ALMACEN", "nan"),
        ("SIIE_ESPERA_ALMACEN", "inf"),
        ("SIIE_ESPERA_ALMACEN", "-1"),
        ("SIIE_PUBLISHED_KEEP", "nan"),
        ("SIIE_DUCKDB_MEMORY_LIMIT", "0GB"),
        ("SIIE_DUCKDB_MEMORY_LIMIT", "1KB"),
        ("SIIE_DUCKDB_MEMORY_LIMIT", "100MB"),
        ("SIIE_INFORME_EXPLICAR", ",,,"),
        ("SIIE_INFORME_EXPLICAR", "MATRICULA_TOTAL:IPN,,DOCENTES:IPN"),
    ],
)
def test_a_value_that_would_do_harm_is_refused_by_every_command(tmp_path, variable, value):
    done = _siie("status", **{variable: value, "SIIE_HOME": str(tmp_path)})
    _refused(done, f"{variable}={value!r} no es válido")


def test_a_sensible_memory_limit_and_an_empty_list_of_cells_are_accepted(tmp_path):
    done = _siie(
        "status",
        SIIE_DUCKDB_MEMORY_LIMIT="512MB",
        SIIE_INFORME_EXPLICAR="",
        SIIE_HOME=str(tmp_path),
    )
    assert "configuración no válida" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("cells", "named"),
    [
        ("NO_EXISTE:IPN", "NO_EXISTE:IPN (indicador desconocido)"),
        ("MATRICULA_TOTAL:IPN,DOCENTES:PROGRAMA", "DOCENTES:PROGRAMA (se publica por IPN, NIVEL"),
    ],
)
def test_the_report_cells_must_exist_in_the_catalog(tmp_path, cells, named):
    for command in ("run", "report"):
        done = _siie(
            command,
            SIIE_INFORME_EXPLICAR=cells,
            SIIE_HOME=str(tmp_path),
            DAGSTER_HOME=str(tmp_path),
        )
        _refused(done, "SIIE_INFORME_EXPLICAR no es válido", named)


def test_folders_that_are_files_or_do_not_exist(tmp_path):
    a_file = tmp_path / "archivo"
    a_file.write_text("no soy una carpeta")
    _refused(_siie("status", SIIE_HOME=str(a_file)), "SIIE_HOME=", "es un archivo")
    _refused(_siie("status", DAGSTER_HOME=str(a_file)), "DAGSTER_HOME=", "es un archivo")
    _refused(
        _siie("run", SIIE_HOME=str(tmp_path / "h"), SIIE_LANDING_DIR=str(a_file)),
        "SIIE_LANDING_DIR=",
        "es un archivo",
    )
    missing = _siie(
        "run",
        SIIE_HOME=str(tmp_path / "h"),
        SIIE_LANDING_DIR="/nonexistent",
        DAGSTER_HOME=str(tmp_path / "d"),
    )
    _refused(missing, "SIIE_LANDING_DIR='/nonexistent' no es válido", "no existe")
    assert not (tmp_path / "h" / "warehouse.duckdb").exists()
