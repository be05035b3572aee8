"""The Dagster UI as a data engineer uses it: `dagster dev` on a free loopback port, the asset
graph through its GraphQL API, a run launched through it, then the server stopped by its id."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.instance import DAGSTER_YAML
from tests.ingest.extracts import valid_rows, write_extract
from tests.pipeline.dagster_server import dagster_server, graphql

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

RUN_SECONDS = 180


@pytest.fixture(scope="module")
def siie_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("siie_home")


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory, siie_home: Path):
    """`dagster dev` (webserver and daemon: sensors and the run queue) on a free loopback port."""
    workdir = tmp_path_factory.mktemp("dagster_dev")
    dagster_home = workdir / "dagster_home"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").write_text(DAGSTER_YAML)  # telemetry off, one run at a time
    env = {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        "SIIE_HOME": str(siie_home),
        "SIIE_PSEUDONYM_KEY": "clave-de-prueba-no-usar-en-produccion",
    }
    env.pop("SIIE_LANDING_DIR", None)
    command = ["dagster", "dev", "-w", "workspace.yaml"]
    with dagster_server(command, env, workdir / "dagster_dev.log", _serves_the_repository) as port:
        yield port


def _serves_the_repository(port: int) -> bool:
    data = graphql(
        port, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } } } }"
    )
    return bool(data["repositoriesOrError"].get("nodes"))


def _repository(port: int) -> dict:
    data = graphql(
        port,
        "{ repositoriesOrError { ... on RepositoryConnection "
        "{ nodes { name location { name } } } } }",
    )
    repository = data["repositoriesOrError"]["nodes"][0]
    return {
        "repositoryLocationName": repository["location"]["name"],
        "repositoryName": repository["name"],
    }


def _launch(port: int, job: str, partition: str | None = None) -> str:
    tags = [{"key": "dagster/partition", "value": partition}] if partition else []
    launched = graphql(
        port,
        """
        mutation($params: ExecutionParams!) { launchRun(executionParams: $params) {
          __typename ... on LaunchRunSuccess { run { runId } }
              ... on PythonError { message } } }""",
        {
            "params": {
                "selector": {**_repository(port), "jobName": job},
                "executionMetadata": {"tags": tags},
            }
        },
    )
    assert launched["launchRun"]["__typename"] == "LaunchRunSuccess", launched
    return launched["launchRun"]["run"]["runId"]


def _wait_for(port: int, run_id: str) -> str:
    deadline, status = time.monotonic() + RUN_SECONDS, None
    while time.monotonic() < deadline and status not in ("SUCCESS", "FAILURE", "CANCELED"):
        time.sleep(2)
        status = graphql(
            port, f'{{ runOrError(runId: "{run_id}") {{ ... on Run {{ status }} }} }}'
        )["runOrError"]["status"]
    return status


def test_the_ui_shows_the_lineage_and_launches_a_run(dagster_dev):
    port = dagster_dev
    graph = graphql(port, "{ assetNodes { assetKey { path } dependencyKeys { path } } }")[
        "assetNodes"
    ]
    keys = {"/".join(node["assetKey"]["path"]) for node in graph}
    assert {"raw_matricula", "raw_presupuesto", "raw_anuies"} <= keys
    assert any(k.endswith("indicadores") for k in keys), keys
    upstream = {"/".join(d["path"]) for node in graph for d in node["dependencyKeys"]}
    assert "raw_matricula" in upstream  # dbt's sources hang from the ingestion assets

    assert _wait_for(port, _launch(port, "ingesta_anuies")) == "SUCCESS"


def _stop_sensors(port: int) -> None:
    """So that no publication run the sensors request writes the warehouse while the test reads
    it."""
    sensors = graphql(
        port,
        """query($r: RepositorySelector!) { sensorsOrError(repositorySelector: $r) {
        ... on Sensors { results { name sensorState { id selectorId status } } } } }""",
        {"r": _repository(port)},
    )
    for sensor in sensors["sensorsOrError"]["results"]:
        state = sensor["sensorState"]
        if state["status"] == "RUNNING":
            stopped = graphql(
                port,
                "mutation($id: String, $s: String) { stopSensor(id: $id, jobSelectorId: $s) "
                "{ __typename } }",
                {"id": state["id"], "s": state["selectorId"]},
            )
            assert stopped["stopSensor"]["__typename"] == "StopSensorMutationResult", stopped


def test_two_runs_requested_at_once_both_complete_with_correct_data(dagster_dev, siie_home):
    port = dagster_dev
    _stop_sensors(port)
    landing = siie_home / "landing"
    for periodo, count in (("24/1", 30), ("24/2", 20)):
        write_extract(
            landing / "matricula" / f"m_{periodo.replace('/', '-')}.csv",
            valid_rows("matricula", count, periodo=periodo),
        )
        graphql(
            port,
            """mutation($p: String!, $r: RepositorySelector!) {
            addDynamicPartition(partitionsDefName: "periodo_escolar", partitionKey: $p,
                repositorySelector: $r) {
              __typename } }""",
            {"p": periodo, "r": _repository(port)},
        )

    runs = [_launch(port, "ingesta_escolar", "24/1"), _launch(port, "ingesta_escolar", "24/2")]

    assert [_wait_for(port, run) for run in runs] == ["SUCCESS", "SUCCESS"]
    with duckdb.connect(str(siie_home / "warehouse.duckdb"), read_only=True) as con:
        counts = con.execute(
            "SELECT periodo, count(*) FROM raw.matricula GROUP BY ALL ORDER BY 1"
        ).fetchall()
    assert counts == [("24/1", 30), ("24/2", 20)]
