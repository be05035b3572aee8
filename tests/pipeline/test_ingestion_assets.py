"""The ingestion assets, materialised by Dagster per partition on a private warehouse file."""

from __future__ import annotations

import pytest
from dagster import DagsterInstance, materialize

from pipelines.core.resources import SiieResource
from pipelines.ingest.assets import ingestion_assets
from pipelines.ingest.partitions import school_periods
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import query

pytestmark = pytest.mark.integration

SCHOOL_ASSETS = [a for a in ingestion_assets if a.partitions_def == school_periods]


@pytest.fixture
def instance():
    with DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(school_periods.name, ["25/1", "25/2"])
        yield instance


def _materialise(settings, instance, partition_key, assets=SCHOOL_ASSETS):
    resource = SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))
    return materialize(
        assets, resources={"siie": resource}, instance=instance, partition_key=partition_key
    )


def _loaded(result) -> dict[str, int]:
    return {
        e.asset_key.path[0]: e.materialization.metadata["filas_cargadas"].value
        for e in result.get_asset_materialization_events()
    }


def test_a_partition_loads_only_its_period(settings, instance):
    for periodo, count in (("25/1", 30), ("25/2", 20)):
        write_extract(
            settings.landing_for("matricula") / f"m_{periodo.replace('/', '-')}.csv",
            valid_rows("matricula", count, periodo=periodo),
        )
    write_extract(settings.landing_for("trayectoria") / "t_25-1.csv", valid_rows("trayectoria", 30))
    titulos = valid_rows(
        "trayectoria",
        20,
        periodo="25/2",
        fecha_evento="2025-03-01",
        tipo_evento="TITULACION",
        opcion_titulacion="TESIS",
        promedio="",
    )
    write_extract(settings.landing_for("trayectoria") / "t_25-2.csv", titulos)
    # 2024-10-15 → 25/1
    write_extract(settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 25))

    first = _materialise(settings, instance, "25/1")

    assert _loaded(first) == {"raw_matricula": 30, "raw_trayectoria": 30, "raw_plantilla": 25}
    assert query(settings, "SELECT DISTINCT periodo FROM raw.matricula") == [("25/1",)]
    before = query(settings, "SELECT * FROM raw.matricula ORDER BY ALL")

    second = _materialise(settings, instance, "25/2")

    assert _loaded(second) == {"raw_matricula": 20, "raw_trayectoria": 20, "raw_plantilla": 0}
    assert (
        query(settings, "SELECT * FROM raw.matricula WHERE periodo = '25/1' ORDER BY ALL") == before
    )
    assert query(settings, "SELECT count(*) FROM raw.cargas WHERE tipo = 'matricula'") == [(2,)]


def test_a_file_whose_period_cannot_be_read_is_logged_by_any_run(settings, instance):
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    (settings.landing_for("matricula") / "vacio.csv").write_bytes(b"")

    result = _materialise(settings, instance, "25/2")

    checks = {(e.asset_key.path[0], e.passed) for e in result.get_asset_check_evaluations()}
    assert ("raw_matricula", False) in checks
    assert query(settings, "SELECT archivo, estado FROM raw.cargas") == [
        ("matricula/vacio.csv", "ERROR")
    ]


def test_the_yearbook_asset_has_no_partitions(settings):
    [yearbook] = [a for a in ingestion_assets if a.key.path[0] == "raw_anuies"]
    assert yearbook.partitions_def is None
