"""The gate and the publication as Dagster runs them: dbt, the two gates' asset checks, the
publication asset, and the run summary."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from dagster import (
    AssetKey,
    AssetSelection,
    DagsterInstance,
    Definitions,
    define_asset_job,
    in_process_executor,
)

from pipelines.core.resources import SiieResource
from pipelines.definitions import resources
from pipelines.ingest.assets import ingestion_assets
from pipelines.publish.assets import publication_assets
from pipelines.publish.history import read_history
from pipelines.publish.versions import versions
from pipelines.quality.checks import contract_check_keys, quality_checks
from pipelines.quality.registry import SUITES
from pipelines.summary import format_publication_summary
from pipelines.transform.assets import siie_dbt_assets

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def _run(home):
    """The transformation-and-publication job: everything but ingestion, plus the raw contract
    checks."""
    selection = (AssetSelection.all() - AssetSelection.groups("ingesta")) | AssetSelection.checks(
        *contract_check_keys()
    )
    defs = Definitions(
        assets=[*ingestion_assets, siie_dbt_assets, *publication_assets],
        asset_checks=quality_checks,
        jobs=[define_asset_job("transformacion_y_publicacion", selection)],
        resources=resources(
            SiieResource(home=str(home.settings.home), landing_dir=str(home.settings.landing_dir))
        ),
        executor=in_process_executor,
    )
    with DagsterInstance.ephemeral() as instance:
        return defs.resolve_job_def("transformacion_y_publicacion").execute_in_process(
            instance=instance, run_config=QUIET, raise_on_error=False
        )


def _gate_checks(result) -> dict:
    ours = {(s.asset, s.check) for s in SUITES}
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
        if (e.asset_key.to_user_string(), e.check_name) in ours
    }


def test_a_clean_run_checks_everything_publishes_and_links_the_report(home):
    result = _run(home)

    assert result.success
    checks = _gate_checks(result)
    assert set(checks) == {(s.asset, s.check) for s in SUITES}
    blocking = [k for k, e in checks.items() if not e.passed and e.severity.value == "ERROR"]
    assert blocking == []
    for evaluation in checks.values():
        report = Path(urlparse(evaluation.metadata["informe"].value).path)
        assert report.exists() and "filas_inesperadas" in evaluation.metadata
    [published] = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key == AssetKey("publicacion")
    ]
    assert published.materialization.metadata["version"].value == 1
    summary = format_publication_summary(home.settings, result.run_id)
    assert "Publicada la versión 1" in summary
    assert "Informe para auditoría:" in summary


def test_a_broken_raw_table_stops_the_run_before_dbt_and_nothing_is_published(home):
    home.execute(
        "INSERT INTO raw.matricula SELECT * FROM raw.matricula WHERE rowid = "
        "(SELECT min(rowid) FROM raw.matricula)"
    )
    result = _run(home)

    assert not result.success
    check = _gate_checks(result)[("raw_matricula", "contrato_gx")]
    assert not check.passed and check.metadata["filas_inesperadas"].value == 2
    executed = {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}
    assert "siie_dbt" not in executed and "publicacion" not in executed
    assert versions(home.settings.published_dir) == []
    [attempt] = read_history(home.settings.published_dir)
    assert not attempt.publicada and attempt.motivos[0].startswith("raw_matricula · contrato_gx")
    summary = format_publication_summary(home.settings, result.run_id)
    assert "FALLÓ raw_matricula · contrato_gx" in summary
    assert "No se publicó (aún no hay publicación)" in summary
