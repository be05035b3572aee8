"""Column lineage where the README sends the data engineer: a mart's page in the Dagster UI, as
headless Chromium renders it from `dagster-webserver` on the instance of real `siie run`s.

The open-source UI (dagster-webserver 1.13) never draws `dagster/column_lineage` (only Dagster+
does); SIIE adds the same lineage as a Markdown table, `linaje_de_columnas`, which the UI shows
in the materialization's metadata. The expected columns come from the canonical entry, read
through the GraphQL API."""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.core.config import PROJECT_ROOT
from tests.browser import FLAGS, NETWORK_CUT, chromium
from tests.conftest import TEST_KEY
from tests.pipeline.test_ui import _free_port, _graphql, _restore_sigint

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.browser]
STARTUP_SECONDS = 180
LINEAGE_QUERY = """
query($key: AssetKeyInput!) { assetNodes(assetKeys: [$key]) {
  assetMaterializations(limit: 1) { metadataEntries { label
    ... on TableColumnLineageMetadataEntry { lineage {
      columnName columnDeps { assetKey { path } columnName } } } } } } }"""


@pytest.fixture(scope="module")
def webserver(three_runs, tmp_path_factory):
    """`dagster-webserver` on the instance the runs wrote, on a free loopback port."""
    port, log_path = _free_port(), tmp_path_factory.mktemp("web") / "webserver.log"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(three_runs["dagster_home"]),
        "SIIE_HOME": str(three_runs["home"]),
        "SIIE_LANDING_DIR": str(three_runs["landing"]),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
    }
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "dagster-webserver"), "-w", "workspace.yaml"]
            + ["-h", "127.0.0.1", "-p", str(port)],
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


def _wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            found = _graphql(port, "{ assetNodes { assetKey { path } } }")
            if found["assetNodes"]:
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"dagster-webserver did not serve: {log.read_text()[-3000:]}")


def _rendered(url: str, profile: Path, image: Path) -> str:
    """The page's text once the UI's scripts ran (Chromium's virtual time lets them finish)."""
    # Not the report tests' network cut (its proxy is a closed port and it maps every host,
    # loopback included, to nowhere): here only the webserver on the loopback is reachable.
    flags = [f for f in FLAGS if f not in NETWORK_CUT]
    flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    base = [chromium(), *flags, f"--user-data-dir={profile}", "--virtual-time-budget=30000"]
    base.append("--window-size=1400,2200")
    shot = subprocess.run([*base, f"--screenshot={image}", url], capture_output=True, timeout=180)
    assert shot.returncode == 0 and image.exists(), shot.stderr[-2000:]
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", dom.stdout, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _canonical_lineage(port: int, path: list[str]) -> dict[str, list[str]]:
    data = _graphql(port, LINEAGE_QUERY, {"key": {"path": path}})
    [node] = data["assetNodes"]
    [latest] = node["assetMaterializations"]
    [entry] = [e for e in latest["metadataEntries"] if e["label"] == "dagster/column_lineage"]
    return {
        column["columnName"]: [
            f"{'/'.join(dep['assetKey']['path'])}.{dep['columnName']}"
            for dep in column["columnDeps"]
        ]
        for column in entry["lineage"]
    }


@pytest.mark.parametrize("path", [["marts", "fct_matricula"], ["staging", "stg_raw__matricula"]])
def test_a_models_page_shows_its_column_lineage(webserver, path, tmp_path):
    lineage = _canonical_lineage(webserver, path)
    assert lineage, "the canonical entry has no columns"
    url = f"http://127.0.0.1:{webserver}/assets/{'/'.join(path)}"
    text = _rendered(url, tmp_path / "perfil", tmp_path / f"{path[-1]}.png")

    assert "linaje_de_columnas" in text and "columna viene de" in text, text[:3000]
    for column, deps in lineage.items():
        assert f"{column} {', '.join(deps) or '—'}" in text, (column, deps)
    if path[0] == "staging":  # down to the ingestion asset's raw columns
        assert "raw_matricula.periodo" in text
