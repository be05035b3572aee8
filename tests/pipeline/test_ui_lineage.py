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
import subprocess
from pathlib import Path

import pytest

from tests.browser import FLAGS, NETWORK_CUT, chromium
from tests.conftest import TEST_KEY
from tests.pipeline.dagster_server import dagster_server, graphql

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.xdist_group("corridas"),
]
LINEAGE_QUERY = """
query($key: AssetKeyInput!) { assetNodes(assetKeys: [$key]) {
  assetMaterializations(limit: 1) { metadataEntries { label
    ... on TableColumnLineageMetadataEntry { lineage {
      columnName columnDeps { assetKey { path } columnName } } } } } } }"""


@pytest.fixture(scope="module")
def webserver(siie_runs, tmp_path_factory):
    """`dagster-webserver` on the instance the runs wrote, on a free loopback port."""
    env = {
        **os.environ,
        "DAGSTER_HOME": str(siie_runs.dagster_home),
        "SIIE_HOME": str(siie_runs.home),
        "SIIE_LANDING_DIR": str(siie_runs.landing),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
    }
    log = tmp_path_factory.mktemp("web") / "webserver.log"
    command = ["dagster-webserver", "-w", "workspace.yaml"]
    with dagster_server(command, env, log, _serves_assets) as port:
        yield port


def _serves_assets(port: int) -> bool:
    return bool(graphql(port, "{ assetNodes { assetKey { path } } }")["assetNodes"])


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
    data = graphql(port, LINEAGE_QUERY, {"key": {"path": path}})
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
