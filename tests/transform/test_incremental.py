"""The incremental facts: a new period (or a corrected file) recomputes only its partition, and
the result equals a full refresh."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.ingest import load_kind
from tests.transform.conftest import private_settings
from tests.transform.dbt_runner import run_dbt

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FACTS = {
    "fct_matricula": "periodo",
    "fct_plantilla": "fecha_corte",
    "fct_presupuesto": "ejercicio, mes",
}
LATER = {"25/1", "25/2", "2025-03-15", "2024-10", "2024-11", "2024-12"}


def _load(settings, files) -> None:
    settings.home.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.warehouse_path)) as con:
        for kind in ("matricula", "trayectoria", "plantilla", "presupuesto"):
            load_kind(con, kind, settings, files=[p for k, p in files if k == kind])


def _facts(settings) -> dict[str, list[tuple]]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return {
            fact: con.execute(f"select * from marts.{fact} order by all").fetchall()
            for fact in FACTS
        }


# A mark on one old, unchanged partition of each fact: an incremental run must leave it alone.
MARKS = {
    "fct_matricula": ("alumnos", "periodo = '22/1'"),
    "fct_plantilla": ("plazas", "fecha_corte = date '2021-10-15'"),
    "fct_presupuesto": ("aprobado", "ejercicio = 2023 and mes = 1"),
}


def _mark(settings, sign: int) -> None:
    with duckdb.connect(str(settings.warehouse_path)) as con:
        for fact, (column, where) in MARKS.items():
            con.execute(
                f"update marts.{fact} set {column} = {column} + {sign} * 1000 where {where}"
            )


def _marked(settings) -> dict[str, int]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return {
            fact: con.execute(
                f"select count(*) from marts.{fact} where {where} and {column} >= 1000"
            ).fetchone()[0]
            for fact, (column, where) in MARKS.items()
        }


def _correct(path, drop: int):
    """A corrected file of the same period: the same file without its last `drop` rows."""
    lines = path.read_bytes().splitlines(keepends=True)  # any encoding the generator chose
    corrected = path.with_name(path.stem + "_corregido" + path.suffix)
    corrected.write_bytes(b"".join(lines[:-drop]))
    return corrected


@pytest.fixture(scope="module")
def stages(tmp_path_factory):
    from sample_extracts import build_sample, write_sample

    root = tmp_path_factory.mktemp("incremental")
    settings = private_settings(root)
    sample = build_sample(scale=0.002)
    paths = write_sample(sample, settings.landing_dir)
    files = [(f.kind, f.periodo, p) for f, p in zip(sample.all_files, paths, strict=True)]
    assert {periodo for _, periodo, _ in files} >= LATER

    _load(settings, [(k, p) for k, periodo, p in files if periodo not in LATER])
    run_dbt(settings.home, root / "first", command="build")
    first = _facts(settings)

    [old_matricula] = [p for k, periodo, p in files if k == "matricula" and periodo == "23/1"]
    _load(
        settings,
        [(k, p) for k, periodo, p in files if periodo in LATER]
        + [("matricula", _correct(old_matricula, drop=5))],
    )
    _mark(settings, +1)
    run_dbt(settings.home, root / "second", command="run", select=["marts"])
    marks_kept = _marked(settings)
    _mark(settings, -1)
    after_incremental = _facts(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        corrected = con.execute(
            "select count(*) from raw.matricula where periodo = '23/1'"
        ).fetchone()[0]
    run_dbt(settings.home, root / "third", command="run", select=["marts"], full_refresh=True)
    return {
        "first": first,
        "marks_kept": marks_kept,
        "incremental": after_incremental,
        "full": _facts(settings),
        "corrected_23_1": corrected,
    }


def test_an_incremental_run_equals_a_full_refresh(stages):
    for fact in FACTS:
        assert stages["incremental"][fact] == stages["full"][fact], fact
        assert stages["incremental"][fact] != stages["first"][fact], fact  # new partitions arrived


def test_an_incremental_run_leaves_unchanged_partitions_alone(stages):
    assert all(count > 0 for count in stages["marks_kept"].values()), stages["marks_kept"]


def test_a_corrected_file_recomputes_its_period(stages):
    def enrolled(rows):
        return sum(r[6] for r in rows if r[0] == "23/1")

    assert enrolled(stages["incremental"]["fct_matricula"]) == stages["corrected_23_1"]
    assert enrolled(stages["first"]["fct_matricula"]) > stages["corrected_23_1"]
