"""The landing sensor: a new, settled file asks for one run of its partition, and only once."""

from __future__ import annotations

import pytest
from dagster import build_sensor_context, instance_for_test
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from pipelines.core.resources import SiieResource
from pipelines.ingest import discovery
from pipelines.ingest.landing import load_landing
from pipelines.ingest.partitions import school_periods
from pipelines.ingest.planning import IngestionRequest, WatchState, plan_ingestion, watch_landing
from pipelines.run import requests_for
from pipelines.sensors import new_files_sensor
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = pytest.mark.integration


@pytest.fixture
def instance():
    with instance_for_test() as instance:
        yield instance


def _tick(settings, instance, cursor):
    resource = SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))
    context = build_sensor_context(instance=instance, cursor=cursor, resources={"siie": resource})
    result = new_files_sensor(context)
    for request in result.dynamic_partitions_requests:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result


def test_a_new_file_requests_one_run_for_its_partition_once(settings, instance):
    write_extract(
        settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30, periodo="25/2")
    )

    # sees the file for the first time: waits for it to settle
    first = _tick(settings, instance, None)
    second = _tick(settings, instance, first.cursor)
    third = _tick(settings, instance, second.cursor)

    assert first.run_requests == []
    [request] = second.run_requests
    assert (request.job_name, request.partition_key) == ("ingesta_escolar", "25/2")
    assert instance.get_dynamic_partitions(school_periods.name) == ["25/2"]
    assert third.run_requests == []


def test_the_same_bytes_under_another_name_do_not_trigger_again(settings, instance):
    rows = valid_rows("matricula", 30)
    write_extract(settings.landing_for("matricula") / "a.csv", rows)
    cursor = _tick(settings, instance, _tick(settings, instance, None).cursor).cursor
    write_extract(settings.landing_for("matricula") / "copia.csv", rows)
    assert _tick(settings, instance, _tick(settings, instance, cursor).cursor).run_requests == []


def test_a_file_still_growing_waits(settings, instance):
    path = write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 10))
    cursor = _tick(settings, instance, None).cursor
    write_extract(path, valid_rows("matricula", 30))  # the copy goes on between two ticks
    growing = _tick(settings, instance, cursor)
    settled = _tick(settings, instance, growing.cursor)
    assert growing.run_requests == [] and len(settled.run_requests) == 1


def test_the_cursor_is_all_a_restarted_sensor_needs(settings, instance):
    write_extract(settings.landing_for("presupuesto") / "p.csv", valid_rows("presupuesto", 30))
    cursor = _tick(settings, instance, _tick(settings, instance, None).cursor).cursor
    with instance_for_test() as restarted:  # a new daemon process: only the stored cursor survives
        assert _tick(settings, restarted, cursor).run_requests == []


def test_files_already_in_the_warehouse_do_not_trigger(settings, instance):
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    load_landing(settings, ("matricula",))
    assert _tick(settings, instance, _tick(settings, instance, None).cursor).run_requests == []


def test_while_a_run_holds_the_warehouse_the_sensor_waits(settings, instance):
    import duckdb
    from dagster import SkipReason

    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    load_landing(settings, ("matricula",))
    write_extract(
        settings.landing_for("matricula") / "nuevo.csv", valid_rows("matricula", 30, periodo="25/2")
    )
    cursor = _tick(settings, instance, None).cursor
    with duckdb.connect(str(settings.warehouse_path)):  # a writer holds the file
        resource = SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))
        waiting = new_files_sensor(
            build_sensor_context(instance=instance, cursor=cursor, resources={"siie": resource})
        )
    assert isinstance(waiting, SkipReason)
    [request] = _tick(
        settings, instance, cursor
    ).run_requests  # the next look, with the cursor kept
    assert request.partition_key == "25/2"


def test_the_sensor_and_siie_run_plan_the_same_files_and_runs_reading_each_once(
    settings, instance, monkeypatch
):
    folder = settings.landing_for("matricula")
    write_extract(folder / "m_24-2.csv", valid_rows("matricula", 30, periodo="24/2"))
    write_extract(folder / "m_25-1.csv", valid_rows("matricula", 30))
    two = valid_rows("matricula", 5) + valid_rows("matricula", 5, periodo="25/2")
    write_extract(folder / "dos_periodos.csv", two)
    trayectoria = valid_rows("trayectoria", 20, periodo="24/2")
    write_extract(settings.landing_for("trayectoria") / "t.csv", trayectoria)
    write_extract(settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 20))
    write_extract(settings.landing_for("presupuesto") / "b.csv", valid_rows("presupuesto", 20))
    reads, real = [], discovery.read_extract

    def read_extract(path, *args):  # the real reader, counted
        reads.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(discovery, "read_extract", read_extract)

    plan = plan_ingestion(settings)  # `siie run`: reads each file once
    assert len(reads) == 6
    with instance_for_test() as run_instance:
        by_run = requests_for(run_instance, plan)
    state, _ = watch_landing(settings, WatchState(), set())  # the sensor's first look
    _, watched = watch_landing(settings, state, set())
    sensor = _tick(settings, instance, _tick(settings, instance, None).cursor)

    assert len(reads) == 6, "the sensor found every period remembered"
    assert _assignment(watched) == _assignment(plan)
    assert [_as_request(r) for r in sensor.run_requests] == by_run
    assert by_run == [
        IngestionRequest("ingesta_escolar", "24/2", "25/1"),
        IngestionRequest("ingesta_presupuesto", "2024-03", "2024-03"),
    ]


def _assignment(plan) -> list[tuple]:
    files = sorted((f.kind, f.path.name, f.sha256, f.partition, f.why) for f in plan.files)
    return [*files, (sorted(plan.school_periods), sorted(plan.budget_months), plan.yearbook)]


def _as_request(request) -> IngestionRequest:
    first = request.partition_key or request.tags.get(ASSET_PARTITION_RANGE_START_TAG)
    last = request.partition_key or request.tags.get(ASSET_PARTITION_RANGE_END_TAG)
    return IngestionRequest(request.job_name, first, last)
