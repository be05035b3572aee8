"""What a new user reads: Spanish from the command line (argparse's own words too), settings
checked at start with a message that names the variable, counts with the right plural, the
Dagster instance without its first-visit pop-up, and progress on a terminal only."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys

import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.core.progress import counter, logged_to, note, shown_on, stage
from pipelines.core.wording import count, number
from pipelines.instance import prepare_environment
from tests.processes import run_siie

pytestmark = pytest.mark.unit


def _siie(*arguments: str, **env: str) -> subprocess.CompletedProcess:
    return run_siie(*arguments, env=env)


def test_help_and_usage_errors_are_in_spanish():
    helped = _siie("--help")
    assert helped.returncode == 0 and "uso: siie" in helped.stdout and "opciones:" in helped.stdout
    wrong = _siie("genera")
    assert wrong.returncode == 2 and "opción no válida: 'genera'" in wrong.stderr
    bad_number = _siie("generate", "--scale", "mucho")
    assert "valor no válido" in bad_number.stderr
    for english in ("usage:", "options:", "invalid choice", "show this help"):
        assert english not in helped.stdout + wrong.stderr + bad_number.stderr


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("SIIE_MAX_REJECT_SHARE", "5%", "una proporción entre 0 y 1"),
        ("SIIE_PUBLISHED_KEEP", "0", "1 o más"),
        ("SIIE_ESPERA_ALMACEN", "diez", "segundos"),
        ("SIIE_DUCKDB_MEMORY_LIMIT", "2 gigas", "p. ej. 2GB"),
        ("SIIE_INFORME_EXPLICAR", "MATRICULA_TOTAL@IPN", "CLAVE:AMBITO[:CLAVE_AMBITO]"),
        ("SIIE_ZONA_HORARIA", "Hora/del_Centro", "una zona horaria IANA"),
    ],
)
def test_a_wrong_setting_is_named_with_its_value_and_what_is_allowed(
    tmp_path, variable, value, allowed
):
    done = _siie("status", **{variable: value, "SIIE_HOME": str(tmp_path)})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{variable}={value!r} no es válido" in done.stderr and allowed in done.stderr


def test_counts_and_numbers_read_as_spanish():
    assert count(1, "aviso") == "1 aviso" and count(2, "aviso") == "2 avisos"
    assert (
        count(1, "renglón", "renglones") == "1 renglón"
        and count(1451, "renglón", "renglones") == "1,451 renglones"
    )
    assert (
        number(1451.0) == "1,451"
        and number(0.45670) == "0.4567"
        and number(1234567.5) == "1,234,567.5"
    )


def test_siie_turns_the_ui_pop_up_off_and_adds_it_to_a_config_it_wrote_before(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    (tmp_path / "dagster.yaml").write_text(
        "# Written by SIIE on first use\ntelemetry:\n  enabled: false\n"
    )
    prepare_environment()
    from dagster import DagsterInstance

    with DagsterInstance.get() as instance:
        assert instance.get_settings("nux") == {"enabled": False}
        assert instance.run_monitoring_enabled
    text = (tmp_path / "dagster.yaml").read_text()
    assert text.count("telemetry:") == 1


def test_a_dagster_yaml_someone_else_wrote_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    prepare_environment()
    assert (tmp_path / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"


def _stages() -> None:
    with stage("Ingesta de matrícula"):
        counter("archivo 1 de 2")
        counter("archivo 2 de 2")
        note("2 archivos nuevos")


def test_progress_shows_on_a_terminal_with_counters_overwritten():
    master, slave = pty.openpty()
    with os.fdopen(slave, "w") as terminal, shown_on(terminal):
        _stages()
    shown = ""
    while select.select([master], [], [], 0.5)[0]:
        try:
            shown += os.read(master, 65536).decode()
        except OSError:  # the terminal's other end is closed: everything has been read
            break
    os.close(master)
    assert "▶ Ingesta de matrícula" in shown and "✓ Ingesta de matrícula (" in shown
    assert "archivo 2 de 2\r\033[K" in shown.replace("\r\n", "\n")  # the counter line is replaced
    assert "2 archivos nuevos" in shown


def test_progress_is_silent_when_not_a_terminal():
    quiet = io.StringIO()
    with shown_on(quiet):
        _stages()
    assert quiet.getvalue() == ""


def test_loading_the_definitions_prints_no_warning():
    """What `dagster dev` imports first: no deprecation or beta notice that SIIE could avoid."""
    loaded = subprocess.run(
        [sys.executable, "-W", "default", "-c", "import pipelines.definitions"],
        check=False,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert "Warning" not in loaded.stderr, loaded.stderr


def test_the_run_log_gets_the_stage_lines_a_rejected_load_warns_and_an_empty_one_is_silent():
    log = io.StringIO()
    with logged_to(log):
        with stage("Ingesta de plantilla (26/1)", quiet=True) as end:
            end.skip()  # no file of that period: no line at all
        with stage("Ingesta de trayectoria (26/1)", quiet=True) as end:
            counter("archivo 1 de 1")
            note("1 archivo nuevo (1 con error)")
            end.warn("1 archivo rechazado o con error, 0 cargados")
        _stages()
    lines = log.getvalue().splitlines()
    assert not any("plantilla" in line for line in lines)
    assert lines[0] == "▶ Ingesta de trayectoria (26/1)" and "archivo 1 de 1" not in log.getvalue()
    assert lines[2].startswith("⚠ Ingesta de trayectoria (26/1): 1 archivo rechazado")
    assert not any(line.startswith("✓ Ingesta de trayectoria") for line in lines)
    assert lines[-1].startswith("✓ Ingesta de matrícula (")
