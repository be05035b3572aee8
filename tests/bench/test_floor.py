"""The benchmark's floor (bench/floor: plain DuckDB SQL, no Dagster, dbt or GX) computes the same
indicators as SIIE: `python -m bench.floor` on the landing folder of the suite's shared test
warehouse, compared row by row with that warehouse's marts.indicadores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.compare import compare_indicators
from tests.processes import run_module

pytestmark = pytest.mark.integration


def test_the_floor_computes_siies_indicators(base, tmp_path) -> None:
    landing, out = str(base.landing_dir), str(tmp_path / "piso")
    done = run_module("bench.floor", "--landing", landing, "--out", out, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    floor = json.loads(done.stdout.strip().splitlines()[-1])
    assert floor["archivos_no_cargados"] == [], floor["archivos_no_cargados"]

    equal = compare_indicators(base.warehouse_path, Path(floor["base"]))

    assert equal["iguales"], equal
    assert equal["filas_siie"] > 0 and floor["filas_indicadores"] == equal["filas_piso"]
