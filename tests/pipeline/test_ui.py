"""The Dagster UI as a data engineer uses it: `dagster dev` on a free loopback port, the asset
graph through its GraphQL API, a run launched through it, then the server stopped by its id."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.instance import DAGSTER_YAML
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

STARTUP_SECONDS = 180
RUN_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.load(response)
    assert "errors" not in payload, payload
    return payload["data"]


def _restore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def siie_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("siie_home")


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory, siie_home: Path):
    """`dagster dev` (webserver and daemon: sensors and the run queue) on a free loopback port."""
    port, workdir = _free_port(), tmp_path_factory.mktemp("dagster_dev")
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
    log_path = workdir / "dagster_dev.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "dagster"),
            "dev",
            "-w",
            "workspace.yaml",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_restore_sigint,
    )
    try:
        _wait_until_serving(port, server, log_path)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()


def _wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"dagster dev exited: {log.read_text()[-3000:]}"
        try:
            data = _graphql(
                port, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } } } }"
            )
            if data["repositoriesOrError"].get("nodes"):
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(
        f"dagster dev did not serve within {STARTUP_SECONDS}s: {log.read_text()[-3000:]}"
    )


def _repository(port: int) -> dict:
    data = _graphql(
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
    launched = _graphql(
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
        status = _graphql(
            port, f'{{ runOrError(runId: "{run_id}") {{ ... on Run {{ status }} }} }}'
        )["runOrError"]["status"]
    return status


def test_the_ui_shows_the_lineage_and_launches_a_run(dagster_dev):
    port = dagster_dev
    graph = _graphql(port, "{ assetNodes { assetKey { path } dependencyKeys { path } } }")[
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
    sensors = _graphql(
        port,
        """query($r: RepositorySelector!) { sensorsOrError(repositorySelector: $r) {
        ... on Sensors { results { name sensorState { id selectorId status } } } } }""",
        {"r": _repository(port)},
    )
    for sensor in sensors["sensorsOrError"]["results"]:
        state = sensor["sensorState"]
        if state["status"] == "RUNNING":
            stopped = _graphql(
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
        _graphql(
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
