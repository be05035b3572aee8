"""`siie generar --periodos 1` writes the school period after the sample's, and a real incremental
`siie ejecutar` loads only its files and publishes its figures: the continuing students keep
their identity (their dropout rate is computed across the two periods), and the sample's own
files are left byte for byte."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

import duckdb
import pytest

from sample_extracts.reference_samples import copy_reference_samples
from tests.conftest import TEST_KEY
from tests.processes import run_siie
from tests.quality.built import copy_of_published

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALE = "0.003"


def _siie(env: dict, *arguments: str) -> subprocess.CompletedProcess:
    return run_siie(*arguments, env=env, timeout=1800)


def _digests(landing) -> dict[str, str]:
    return {
        str(path.relative_to(landing)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in landing.rglob("*")
        if path.is_file()
    }


def _one(path, sql: str):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


RATE_25_2 = (
    "SELECT count(*) FROM indicadores WHERE clave_indicador = 'TASA_ABANDONO' "
    "AND ambito = 'IPN' AND periodo = '25/2'"
)  # leaving after 25/2 is known once 26/1's enrollment is


def test_the_next_period_loads_incrementally_and_is_published(publication, tmp_path):
    """From a copy of the session's publication (the sample loaded, built and published as version
    1, its landing beside it with the reference files `siie generar` adds), the new period: loaded
    alone, and the earlier periods it changes solved and audited again."""
    published = copy_of_published(publication, tmp_path)
    landing, home = tmp_path / "landing", published.settings.home
    shutil.copytree(publication.settings.landing_dir, landing)
    copy_reference_samples(landing)
    env = {
        **os.environ,
        "SIIE_HOME": str(home),
        "SIIE_LANDING_DIR": str(landing),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
        "DAGSTER_HOME": str(tmp_path / "dagster"),
    }
    (tmp_path / "dagster").mkdir()
    warehouse, published = home / "warehouse.duckdb", home / "published" / "current.duckdb"
    assert _one(published, RATE_25_2) == [(0,)]
    loads_before = {carga for (carga,) in _one(warehouse, "SELECT carga_id FROM raw.cargas")}
    before = _digests(landing)

    generated = _siie(env, "generar", "--escala", SCALE, "--periodos", "1")
    assert generated.returncode == 0, generated.stderr
    assert "periodo siguiente 26/1" in generated.stdout
    after = _digests(landing)
    assert {name: after[name] for name in before} == before  # the sample's files unchanged
    new = sorted(set(after) - set(before))
    assert [name.split("/")[0] for name in new] == ["matricula", "plantilla", "trayectoria"]

    second = _siie(env, "ejecutar", "--periodo", "26/1")  # the new period only, as documented
    assert second.returncode == 0, second.stdout + second.stderr
    loads = _one(warehouse, "SELECT carga_id, archivo, estado, filas_rechazadas FROM raw.cargas")
    loaded = [(archivo, estado, rechazadas) for carga, archivo, estado, rechazadas in loads
              if carga not in loads_before]  # fmt: skip
    assert sorted(archivo for archivo, _, _ in loaded) == new  # only the new files loaded
    assert all(estado == "CARGADO" and rechazadas == 0 for _, estado, rechazadas in loaded)
    [(continuing,)] = _one(
        warehouse,
        "SELECT count(*) FROM raw.matricula AS n JOIN raw.matricula AS p USING (id_alumno) "
        "WHERE n.periodo = '26/1' AND p.periodo = '25/2'",
    )
    [(enrolled,)] = _one(warehouse, "SELECT count(*) FROM raw.matricula WHERE periodo = '26/1'")
    assert 0 < continuing < enrolled  # the same students, one semester on, and a new intake

    [(matricula,)] = _one(
        published,
        "SELECT valor FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL' "
        "AND ambito = 'IPN' AND periodo = '26/1'",
    )
    assert matricula == enrolled
    assert _one(published, RATE_25_2) == [(1,)]
    assert "Publicada la versión 2" in second.stdout
