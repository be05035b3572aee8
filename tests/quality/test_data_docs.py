"""GX Data Docs built from the gate's saved results: every suite and batch listed, nothing loaded
from outside the site, and Chromium renders the pages styled (bootstrap, bootstrap-table)
offline."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipelines.core.config import PROJECT_ROOT
from pipelines.quality.data_docs import build_data_docs
from pipelines.quality.docs_assets import VENDOR_DIR, offline_page
from pipelines.quality.docs_results import load_validations
from pipelines.quality.gate import run_gate
from pipelines.quality.registry import SUITES
from pipelines.quality.results import results_dir
from tests.browser import FLAGS, chromium, png_pixel
from tests.quality.built import copy_home

pytestmark = pytest.mark.integration

RUN_ID = "ejecucion-docs"
OUTSIDE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?:https?:)?//""", re.IGNORECASE
)
LOCAL_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'#][^"']*)["']""")
ALERT_SECONDARY = (0xE2, 0xE3, 0xE5)  # bootstrap 4's .alert-secondary: only there if its CSS loaded
BTN_PRIMARY = (0x00, 0x7B, 0xFF)  # bootstrap 4's .btn-primary


@pytest.fixture(scope="module")
def site(base, tmp_path_factory):
    """Both gates on a copy of the built warehouse with one percentage broken (a failed batch),
    then the Data Docs of the run."""
    home = copy_home(base, tmp_path_factory.mktemp("docs"))
    home.execute(
        "UPDATE marts.indicadores SET valor = 150 WHERE rowid = (SELECT min(rowid) FROM "
        "marts.indicadores WHERE clave_indicador = 'PCT_MUJERES' AND ambito = 'UNIDAD')"
    )
    for gate in ("raw", "marts"):
        run_gate(home.settings, gate, RUN_ID)
    started = time.perf_counter()
    index = build_data_docs(home.settings, [RUN_ID], home.settings.reports_dir / "data_docs")
    print(f"Data Docs en {time.perf_counter() - started:.2f} s")
    return home, index


def _pages(index: Path) -> list[Path]:
    return sorted(index.parent.rglob("*.html"))


def _batches(home) -> dict[str, list[dict]]:
    folder = results_dir(home.settings, RUN_ID) / "gx"
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in folder.glob("*.json")}


def _browse(page: Path, profile: Path, *extra: str) -> str:
    args = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _shot(page: Path, tmp_path: Path, name: str) -> Path:
    image = tmp_path / f"{name}.png"
    _browse(page, tmp_path / "perfil", f"--screenshot={image}", "--window-size=1280,1000")
    assert image.exists() and image.stat().st_size > 20_000
    return image


def _failed_page(home, index: Path) -> Path:
    """The page of the batch of indicadores that holds the broken percentage."""
    validations = load_validations(home.settings, [RUN_ID])
    [failed] = [v for v in validations if v.suite == "indicadores" and not v.native["success"]]
    return index.parent / failed.path


def test_the_site_lists_every_suite_and_has_a_page_per_batch(site):
    home, index = site
    assert index == home.settings.reports_dir / "data_docs" / "index.html" and index.exists()
    html = index.read_text(encoding="utf-8")
    batches = _batches(home)
    assert set(batches) == {s.name for s in SUITES}
    for suite in batches:
        assert suite in html
        assert (index.parent / "expectations" / f"{suite}.html").exists()
    pages = list((index.parent / "validations").rglob("*.html"))
    assert len(pages) == sum(len(b) for b in batches.values())
    assert len(batches["indicadores"]) > 1  # the failed batch was split into its partitions


def test_a_failed_batch_keeps_its_unexpected_values_with_their_counts(site):
    """A clean batch is screened without unexpected-index lists; the failed one is validated
    again in full, so its saved result and its page carry the value and its count."""
    home, index = site
    [failed] = [b for b in _batches(home)["indicadores"] if not b["success"]]
    [broken] = [r["result"] for r in failed["results"] if not r["success"]]
    assert broken["partial_unexpected_counts"] == [{"value": 150.0, "count": 1}]
    assert "partial_unexpected_index_list" in broken
    clean = [r["result"] for b in _batches(home)["raw_matricula"] for r in b["results"]]
    assert clean and not any("partial_unexpected_index_list" in r for r in clean)
    assert "150.0" in _failed_page(home, index).read_text(encoding="utf-8")


def test_no_page_loads_anything_from_outside_and_every_local_file_is_there(site):
    _home, index = site
    for page in _pages(index):
        html = page.read_text(encoding="utf-8")
        assert not OUTSIDE.search(html), page
        for ref in LOCAL_REF.findall(html):
            target = unquote(ref.split("#")[0].split("?")[0])
            assert (page.parent / target).resolve().is_file(), f"{page}: {ref}"


def test_an_unknown_cdn_file_stops_the_build():
    page = '<html><head><script src="https://cdn.example.org/otra-biblioteca.js"></script></head></html>'
    with pytest.raises(ValueError, match="otra-biblioteca.js"):
        offline_page(page, ".")


def test_the_shipped_bootstrap_table_is_the_published_one():
    rows = re.findall(
        r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$",
        (VENDOR_DIR / "README.md").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert len(rows) == 4
    for name, digest in rows:
        assert (
            hashlib.sha256((VENDOR_DIR / "bootstrap-table" / name).read_bytes()).hexdigest()
            == digest
        ), name


def test_no_results_no_site(settings, tmp_path):
    assert build_data_docs(settings, ["sin-resultados"], tmp_path / "sitio") is None
    assert not (tmp_path / "sitio").exists()


def test_importing_the_module_does_not_import_gx():
    code = "import sys, pipelines.quality.data_docs; print('great_expectations' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "False"


@pytest.mark.browser
def test_the_index_renders_styled_with_its_table_filled_offline(site, tmp_path):
    _home, index = site
    dom = _browse(index, tmp_path / "perfil", "--dump-dom")
    assert "fixed-table-container" in dom  # bootstrap-table ran (it builds the rows from JS data)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", dom, re.DOTALL)
    assert any(RUN_ID in c for c in cells)
    assert "ge-failed-icon" in dom and "ge-success-icon" in dom
    image = _shot(index, tmp_path, "indice")
    assert png_pixel(image, 1200, 118) == ALERT_SECONDARY  # the site-name header box


@pytest.mark.browser
def test_a_failed_validation_page_renders_styled_offline(site, tmp_path):
    home, index = site
    page = _failed_page(home, index)
    dom = _browse(page, tmp_path / "perfil", "--dump-dom")
    assert "Failed" in dom and "los porcentajes están entre 0 y 100" in dom
    image = _shot(page, tmp_path, "validacion")
    assert png_pixel(image, 180, 420) == BTN_PRIMARY  # the "Failed Only" button of the Actions card
