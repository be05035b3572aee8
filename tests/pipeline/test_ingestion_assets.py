"""The ingestion assets, materialised by Dagster on a private warehouse file."""

from __future__ import annotations

from dagster import materialize

from pipelines.ingest.assets import ingestion_assets
from pipelines.resources import SiieResource
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import query


def _resource(settings) -> SiieResource:
    return SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))


def test_materialising_the_ingestion_assets_loads_every_kind(settings, monkeypatch):
    monkeypatch.setenv("SIIE_PSEUDONYM_KEY", "clave-de-prueba")
    for kind in ("matricula", "trayectoria", "plantilla", "presupuesto"):
        rows = valid_rows(kind, 40)
        write_extract(settings.landing_for(kind) / f"{kind}.csv", rows)
    (settings.landing_for("matricula") / "vacio.csv").write_bytes(b"")

    result = materialize(ingestion_assets, resources={"siie": _resource(settings)})

    assert result.success
    counts = {
        event.asset_key.path[0]: event.materialization.metadata["filas_cargadas"].value
        for event in result.get_asset_materialization_events()
    }
    assert counts == {"raw_matricula": 40, "raw_trayectoria": 40, "raw_plantilla": 40, "raw_presupuesto": 40,
                      "raw_anuies": 0}
    checks = {(e.asset_key.path[0], e.passed) for e in result.get_asset_check_evaluations()}
    assert ("raw_matricula", False) in checks and ("raw_plantilla", True) in checks
    assert query(settings, "SELECT tipo, estado FROM raw.cargas ORDER BY tipo, estado") == [
        ("matricula", "CARGADO"), ("matricula", "ERROR"), ("plantilla", "CARGADO"),
        ("presupuesto", "CARGADO"), ("trayectoria", "CARGADO"),
    ]


def test_a_second_materialisation_with_nothing_new_changes_nothing(settings):
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 40))
    resources = {"siie": _resource(settings)}
    materialize(ingestion_assets, resources=resources)
    before = query(settings, "SELECT * FROM raw.matricula ORDER BY ALL")

    result = materialize(ingestion_assets, resources=resources)

    [matricula] = [e for e in result.get_asset_materialization_events() if e.asset_key.path[0] == "raw_matricula"]
    assert matricula.materialization.metadata["filas_cargadas"].value == 0
    assert query(settings, "SELECT * FROM raw.matricula ORDER BY ALL") == before
    assert query(settings, "SELECT count(*) FROM raw.cargas") == [(1,)]
