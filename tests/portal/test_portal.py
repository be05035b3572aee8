"""The public portal of a published version, in headless Chromium with every request that would
leave the site cut: each page type loads with no console error; figures read from the rendered
DOM equal the published table (read here with DuckDB, apart from the portal's code); a hidden
figure shows its mark and no digit; every download resolves and its sha256 matches; axe-core finds
no serious violation; `siie portal` builds and serves it. Screenshots are kept under the test's
temporary folder (their path is printed in the report)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from axe_playwright_python.sync_playwright import Axe

from pipelines.cli import main as siie
from pipelines.portal.build import HOME_PAGE, PORTAL_DIR
from pipelines.portal.chart_library import bundle_name
from pipelines.publish.versions import CURRENT_DIR, DATABASE_FILE, current_version
from pipelines.summary import format_publication_summary
from tests.conftest import TEST_KEY
from tests.portal.site import PortalBrowser, Visit, read_number
from tests.processes import ctrl_c_as_in_a_terminal, run_module

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.slow]

SERIOUS = ("serious", "critical")
MEDIAN = "Mediana de las unidades del nivel"
DIGIT = re.compile(r"\d")


@pytest.fixture(scope="module")
def version_dir(published) -> Path:
    return Path(os.path.realpath(published.settings.published_dir / CURRENT_DIR))


@pytest.fixture(scope="module")
def portal(version_dir) -> Path:
    """The portal the publication itself built."""
    return version_dir / PORTAL_DIR


@pytest.fixture(scope="module")
def browser(portal):
    driver = PortalBrowser(portal)
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("capturas_portal")
    print(f"\ncapturas del portal: {folder}")
    return folder


def _published(version_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(version_dir / DATABASE_FILE), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _sample_indicators(version_dir: Path) -> list[str]:
    """Indicators published by unit: the three with most hidden unit or programme cells, and the
    three with fewest (a ratio and a count among them as the sample allows)."""
    rows = _published(
        version_dir,
        "SELECT clave_indicador, count(*) FILTER (WHERE estado_confidencialidad = 'C') AS c "
        "FROM indicadores WHERE ambito IN ('UNIDAD', 'PROGRAMA') GROUP BY 1 ORDER BY c DESC, 1",
    )
    names = [r[0] for r in rows]
    return list(dict.fromkeys(names[:3] + names[-3:]))


def _sample_units(version_dir: Path) -> list[str]:
    """The unit with most hidden figures among its programmes, and two others with figures."""
    rows = _published(
        version_dir,
        "SELECT p.cve_unidad, count(*) FILTER (WHERE i.estado_confidencialidad = 'C') AS c "
        "FROM indicadores i JOIN dim_programa p ON i.ambito = 'PROGRAMA' "
        "AND i.clave_ambito = p.cve_programa GROUP BY 1 ORDER BY c DESC, 1",
    )
    return [r[0] for r in rows[:2]] + [r[0] for r in rows[-1:]]


def _assert_clean(visit: Visit, path: str) -> None:
    assert visit.errors == [], f"{path}: errores en la consola: {visit.errors}"
    assert visit.outside == [], f"{path}: pidió fuera del sitio: {visit.outside}"


def _rows(page, table: str, value_column: int) -> list[dict]:
    page.wait_for_selector(f"#{table}[data-lista='si']", state="attached")
    return page.eval_on_selector_all(
        f"#{table} tbody tr",
        f"""rows => rows.map(tr => ({{
            ambito: tr.dataset.ambito, clave: tr.dataset.clave, periodo: tr.dataset.periodo,
            indicador: tr.dataset.indicador || null,
            texto: tr.children[{value_column}].innerText.trim(),
            html: tr.children[{value_column}].outerHTML,
            oculta: tr.children[{value_column}].classList.contains('oculta')}}))""",
    )


def _assert_figure(row: dict, published: tuple | None, where: str) -> None:
    assert published is not None, f"{where}: {row} no está en la tabla publicada"
    valor, estado = published
    if estado == "C":
        assert row["oculta"] and row["texto"] == "C", f"{where}: {row} debía mostrar la marca C"
        assert not DIGIT.search(row["html"]), f"{where}: una celda oculta tiene un dígito: {row}"
    elif valor is None:
        assert row["texto"] == "—", f"{where}: {row}"
    else:
        assert not row["oculta"], f"{where}: {row}"
        assert read_number(row["texto"]) == Decimal(valor), f"{where}: {row} ≠ {valor}"


PAGE_TYPES = {
    "inicio": HOME_PAGE,
    "lista_indicadores": "indicadores/index.html",
    "lista_unidades": "unidades/index.html",
    "datos_abiertos": "datos_abiertos.html",
    "metodologia": "metodologia.html",
    "buscar": "buscar.html?q=matr",
}


def test_every_page_type_loads_alone_with_no_console_error(browser, version_dir, shots):
    indicator, unit = _sample_indicators(version_dir)[0], _sample_units(version_dir)[0]
    pages = PAGE_TYPES | {
        "indicador": f"indicadores/{indicator}.html",
        "unidad": f"unidades/{unit}.html",
    }
    for name, path in pages.items():
        visit = Visit()
        page = browser.open(path, visit)
        assert page.locator("html").get_attribute("lang") == "es", path
        assert page.title().strip(), f"{path}: sin título"
        page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
        page.close()
        _assert_clean(visit, path)
    assert len(list(shots.glob("*.png"))) == len(pages)


def test_the_search_page_finds_units_indicators_and_programmes(browser, version_dir):
    [(unit, name)] = _published(
        version_dir, "SELECT cve_unidad, nombre FROM dim_unidad WHERE es_actual ORDER BY 1 LIMIT 1"
    )
    page = browser.open(f"buscar.html?q={unit}")
    rows = _rows(page, "tabla-busqueda", 2)
    assert any(r["texto"] == unit for r in rows), rows
    assert page.get_by_role("link", name=name).count() >= 1
    page.close()


def test_indicator_pages_show_the_published_figures(browser, version_dir):
    for indicator in _sample_indicators(version_dir):
        page = browser.open(f"indicadores/{indicator}.html")
        levels = _rows(page, "tabla-niveles", 3)
        expected = {
            (a, c, p): (v, e)
            for a, c, p, v, e in _published(
                version_dir,
                "SELECT ambito, clave_ambito, periodo, valor, estado_confidencialidad "
                "FROM indicadores WHERE clave_indicador = ? AND ambito IN ('IPN', 'NIVEL')",
                [indicator],
            )
        }
        assert len(levels) == len(expected), indicator
        for row in levels:
            key = (row["ambito"].upper(), row["clave"], row["periodo"])
            _assert_figure(row, expected.get(key), indicator)
        [(latest,)] = _published(
            version_dir,
            "SELECT max(periodo) FROM indicadores WHERE clave_indicador = ? AND ambito = 'UNIDAD'",
            [indicator],
        )
        assert page.locator("#periodo-unidades").input_value() == latest
        cells = _rows(page, "tabla-unidades", 5)
        published = {
            (a, c): (v, e)
            for a, c, v, e in _published(
                version_dir,
                "SELECT ambito, clave_ambito, valor, estado_confidencialidad FROM indicadores "
                "WHERE clave_indicador = ? AND periodo = ? AND ambito IN ('UNIDAD', 'PROGRAMA')",
                [indicator, latest],
            )
        }
        assert {r["periodo"] for r in cells} == {latest}
        assert len(cells) == len(published), indicator
        for row in cells:
            _assert_figure(row, published.get((row["ambito"].upper(), row["clave"])), indicator)
        page.close()


def test_unit_sheets_show_the_unit_its_peers_and_its_programmes(browser, version_dir):
    for unit in _sample_units(version_dir):
        page = browser.open(f"unidades/{unit}.html")
        page.select_option("#periodo-indicadores", "")
        lines = _rows(page, "tabla-indicadores", 2)
        published = {
            (i, p): (v, e)
            for i, p, v, e in _published(
                version_dir,
                "SELECT clave_indicador, periodo, valor, estado_confidencialidad "
                "FROM indicadores WHERE ambito = 'UNIDAD' AND clave_ambito = ?",
                [unit],
            )
        }
        assert len(lines) == len(published), unit
        for row in lines:
            _assert_figure(row, published.get((row["indicador"], row["periodo"])), unit)
        medians = _published(
            version_dir,
            "SELECT clave_indicador, periodo, mediana_pares FROM comparacion_unidades "
            "WHERE cve_unidad = ?",
            [unit],
        )
        shown = _rows(page, "tabla-indicadores", 3)
        by_cell = {(r["indicador"], r["periodo"]): r for r in shown}
        for indicator, period, median in medians:
            assert read_number(by_cell[(indicator, period)]["texto"]) == Decimal(median)
        page.select_option("#periodo-programas", "")
        programmes = _rows(page, "tabla-programas", 4)
        expected = {
            (i, c, p): (v, e)
            for i, c, p, v, e in _published(
                version_dir,
                "SELECT i.clave_indicador, i.clave_ambito, i.periodo, i.valor, "
                "i.estado_confidencialidad FROM indicadores i JOIN dim_programa d "
                "ON i.clave_ambito = d.cve_programa WHERE i.ambito = 'PROGRAMA' "
                "AND d.cve_unidad = ?",
                [unit],
            )
        }
        assert len(programmes) == len(expected), unit
        for row in programmes:
            key = (row["indicador"], row["clave"], row["periodo"])
            _assert_figure(row, expected.get(key), unit)
        page.close()


def test_the_home_page_gives_each_indicator_at_ipn_in_its_latest_period(browser, version_dir):
    page = browser.open(HOME_PAGE)
    rows = page.eval_on_selector_all(
        "tr[data-indicador]",
        "rows => rows.map(tr => [tr.dataset.indicador, tr.children[1].innerText.trim(), "
        "tr.children[2].innerText.trim()])",
    )
    latest = {
        i: (p, v, e)
        for i, p, v, e in _published(
            version_dir,
            "SELECT clave_indicador, periodo, valor, estado_confidencialidad FROM indicadores "
            "WHERE ambito = 'IPN' QUALIFY periodo = max(periodo) OVER (PARTITION BY "
            "clave_indicador)",
        )
    }
    assert {r[0] for r in rows} == set(latest)
    for indicator, period, text in rows:
        expected_period, value, mark = latest[indicator]
        assert period == expected_period
        if mark == "C":
            assert text == "C"
        elif value is not None:
            assert read_number(text) == Decimal(value), indicator
    notes = (version_dir / "datos_abiertos" / "notas_de_version.md").read_text(encoding="utf-8")
    first_line = next(line for line in notes.splitlines() if line.strip()).lstrip("# ").strip()
    assert first_line in page.locator("div.notas").inner_text()
    page.close()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_download_resolves_and_matches_its_sha256(browser, version_dir):
    page = browser.open("datos_abiertos.html")
    links = page.eval_on_selector_all(
        "a[data-sha256]", "links => links.map(a => [a.getAttribute('href'), a.dataset.sha256])"
    )
    assert links, "la página de datos abiertos no ofrece descargas"
    catalogue = json.loads((version_dir / "datos_abiertos" / "catalogo.json").read_text())
    listed = {
        "datos_abiertos/" + d["dcat:downloadURL"]: d["spdx:checksum"]["spdx:checksumValue"]
        for d in catalogue["dcat:distribution"]
    }
    assert listed.items() <= dict(links).items(), "faltan archivos del catálogo en la página"
    for href, sha in links:
        response = page.request.get(browser.base + href)
        assert response.status == 200, href
        assert _sha256(response.body()) == sha, href
    page.close()


def test_an_indicator_download_holds_its_published_rows_with_the_mark(browser, version_dir):
    indicator = _sample_indicators(version_dir)[0]
    page = browser.open(f"indicadores/{indicator}.html")
    link = page.get_by_role("link", name=f"{indicator}.csv")
    response = page.request.get(browser.base + "indicadores/" + link.get_attribute("href"))
    assert response.status == 200
    assert _sha256(response.body()) == page.locator("#lista-descargas code.sha").first.inner_text()
    rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig"))))
    published = _published(
        version_dir,
        "SELECT periodo, ambito, clave_ambito, valor, estado_confidencialidad FROM indicadores "
        "WHERE clave_indicador = ? ORDER BY ambito, clave_ambito, periodo",
        [indicator],
    )
    by_key = {(r["periodo"], r["ambito"], r["clave_ambito"]): r for r in rows}
    assert len(rows) == len(published)
    for periodo, ambito, clave, valor, estado in published:
        row = by_key[(periodo, ambito, clave)]
        assert row["estado_confidencialidad"] == estado
        if estado == "C":
            assert row["valor"] == row["numerador"] == row["denominador"] == ""
        elif valor is not None:
            assert Decimal(row["valor"]) == valor
    page.close()


def test_home_indicator_and_unit_pages_have_no_serious_accessibility_violation(
    browser, version_dir
):
    axe = Axe()
    paths = [
        HOME_PAGE,
        f"indicadores/{_sample_indicators(version_dir)[0]}.html",
        f"unidades/{_sample_units(version_dir)[0]}.html",
    ]
    for path in paths:
        page = browser.open(path)
        page.wait_for_selector("table[data-lista='si']", state="attached") if path != (
            HOME_PAGE
        ) else None
        result = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert serious == [], f"{path}: {serious}"
        assert page.locator("svg").count() == 0 or all(
            label
            for label in page.eval_on_selector_all(
                "figure.grafica [role=img]", "els => els.map(e => e.getAttribute('aria-label'))"
            )
        )
        page.close()


def test_the_portal_works_opened_straight_from_disk(browser, portal, version_dir):
    """A reader who copies the folder opens index.html with no server: the tables still sort and
    the charts are still drawn."""
    visit = Visit()
    page = browser.open("indicadores/index.html", visit, base=portal.as_uri().rstrip("/") + "/")
    page.wait_for_selector("#tabla-indicadores[data-lista='si']", state="attached")
    page.close()
    _assert_clean(visit, "file://…/indicadores/index.html")
    charted = [f"indicadores/{i}.html" for i in _sample_indicators(version_dir)]
    path = next(p for p in charted if _specs(portal / p))
    visit = Visit()
    page = browser.open(path, visit, base=portal.as_uri().rstrip("/") + "/")
    page.wait_for_selector("figure.grafica[data-dibujada='si'] .lienzo svg", state="attached")
    page.close()
    _assert_clean(visit, f"file://…/{path}")


def test_the_run_summary_says_where_to_open_the_portal(published):
    run_id = _published(
        Path(os.path.realpath(published.settings.published_dir / CURRENT_DIR)),
        "SELECT run_id FROM manifest ORDER BY version DESC LIMIT 1",
    )[0][0]
    summary = format_publication_summary(published.settings, run_id, with_report=False)
    home = published.settings.published_dir / CURRENT_DIR / PORTAL_DIR / HOME_PAGE
    assert f"Portal de indicadores (ábralo en un navegador): {home}" in summary


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(published) -> dict[str, str]:
    return {
        **os.environ,
        "SIIE_HOME": str(published.settings.home),
        "SIIE_LANDING_DIR": str(published.settings.landing_dir),
        "SIIE_PSEUDONYM_KEY": TEST_KEY,
    }


def test_siie_portal_builds_a_version_again_and_serves_it(published, monkeypatch, capsys):
    for name, value in _environment(published).items():
        if name.startswith("SIIE_"):
            monkeypatch.setenv(name, value)
    version = current_version(published.settings.published_dir)
    assert siie(["portal", "--version", str(version)]) == 0
    out = capsys.readouterr().out
    assert f"Portal de la versión {version}: " in out and "index.html" in out
    assert siie(["portal", "--version", "99"]) == 2
    assert "No hay la versión 99" in capsys.readouterr().err

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "portal", "--servir", "--puerto", str(port)],
        env=_environment(published),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line + server.stderr.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
            assert '<html lang="es">' in answer.read().decode("utf-8")
        busy = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "portal", "--servir", "--puerto", str(port)],
            env=_environment(published),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert busy.returncode == 2 and f"el puerto {port}" in busy.stderr
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


HIDDEN_CELL = re.compile(r'<td class="oculta"[^>]*>(.*?)</td>', re.DOTALL)


def test_no_page_or_download_of_the_site_has_a_number_where_a_figure_is_hidden(portal):
    """Every page's hidden cells (read from the files, all of them) and every indicator CSV."""
    hidden = 0
    for page in portal.rglob("*.html"):
        for cell in HIDDEN_CELL.findall(page.read_text(encoding="utf-8")):
            hidden += 1
            assert not DIGIT.search(cell) and ">C<" in cell, f"{page}: {cell}"
    assert hidden, "la muestra publicada no tiene cifras ocultas: la prueba no probaría nada"
    for download in (portal / "descargas" / "indicadores").glob("*.csv"):
        for row in csv.DictReader(io.StringIO(download.read_text(encoding="utf-8-sig"))):
            if row["estado_confidencialidad"] == "C":
                assert row["valor"] == row["numerador"] == row["denominador"] == "", download


SPEC = re.compile(
    r'<script type="application/json" class="especificacion">(.*?)</script>', re.DOTALL
)


def _specs(page: Path) -> list[dict]:
    """The Vega-Lite specifications a page embeds, read from its file."""
    return [json.loads(text) for text in SPEC.findall(page.read_text(encoding="utf-8"))]


def _shown(version_dir: Path, where: str, params: list) -> dict[tuple, set[tuple[str, float]]]:
    """(ambito, clave_ambito) → {(periodo, valor)} of the shown figures (mark F, a value)."""
    found: dict[tuple, set[tuple[str, float]]] = {}
    for ambito, clave, periodo, valor in _published(
        version_dir,
        "SELECT ambito, clave_ambito, periodo, valor FROM indicadores "
        f"WHERE estado_confidencialidad = 'F' AND valor IS NOT NULL AND {where}",
        params,
    ):
        found.setdefault((ambito, clave), set()).add((periodo, float(valor)))
    return found


def _series(spec: dict, *keys: str) -> dict[str, set[tuple]]:
    by_series: dict[str, set[tuple]] = {}
    for point in spec["data"]["values"]:
        by_series.setdefault(point["serie"], set()).add(tuple(point[k] for k in keys))
    assert sum(map(len, by_series.values())) == len(spec["data"]["values"]), "puntos repetidos"
    return by_series


def test_each_indicator_chart_holds_exactly_the_shown_figures_of_ipn_and_its_levels(
    portal, version_dir
):
    """Every indicator page: the IPN line is IPN's shown figures, each other line is the shown
    figures of one level, every level with figures has its line; a hidden figure is no point."""
    indicators = [
        r[0] for r in _published(version_dir, "SELECT clave_indicador FROM dim_indicador")
    ]
    charts = 0
    for indicator in indicators:
        specs = _specs(portal / "indicadores" / f"{indicator}.html")
        shown = _shown(
            version_dir, "clave_indicador = ? AND ambito IN ('IPN', 'NIVEL')", [indicator]
        )
        if not shown:
            assert specs == [], indicator
            continue
        [spec] = specs
        charts += 1
        lines = _series(spec, "periodo", "valor")
        assert lines.pop("IPN", set()) == shown.pop(("IPN", "IPN"), set()), indicator
        assert sorted(map(sorted, lines.values())) == sorted(map(sorted, shown.values())), indicator
    assert charts, "ningún indicador tiene gráfica: la prueba no probaría nada"


def _by_unit(version_dir: Path, sql: str, names: dict[str, str]) -> dict[str, dict]:
    """unit → {(indicator's name, periodo): value} of a query giving (unit, indicator, periodo,
    value)."""
    found: dict[str, dict] = {}
    for unit, indicator, period, value in _published(version_dir, sql):
        found.setdefault(unit, {})[(names[indicator], period)] = value
    return found


def test_each_unit_chart_holds_the_units_shown_figures_ipn_and_its_peers_median(
    portal, version_dir
):
    names = dict(_published(version_dir, "SELECT clave_indicador, nombre FROM dim_indicador"))
    rates = {
        n
        for (n,) in _published(
            version_dir, "SELECT nombre FROM dim_indicador WHERE unidad IN ('porcentaje', 'razón')"
        )
    }
    ipn = {
        (names[i], p): float(v)
        for i, p, v in _published(
            version_dir,
            "SELECT clave_indicador, periodo, valor FROM indicadores WHERE ambito = 'IPN' "
            "AND estado_confidencialidad = 'F' AND valor IS NOT NULL",
        )
    }
    # every published cell of each unit, hidden ones too (IPN is drawn beside each), its value
    # only where shown
    cells = _by_unit(
        version_dir,
        "SELECT clave_ambito, clave_indicador, periodo, CASE WHEN estado_confidencialidad = 'F' "
        "THEN valor END FROM indicadores WHERE ambito = 'UNIDAD'",
        names,
    )
    medians = _by_unit(
        version_dir,
        "SELECT cve_unidad, clave_indicador, periodo, mediana_pares FROM comparacion_unidades "
        "WHERE mediana_pares IS NOT NULL",
        names,
    )
    units = _published(version_dir, "SELECT cve_unidad, siglas FROM dim_unidad WHERE es_actual")
    for unit, siglas in units:
        specs = _specs(portal / "unidades" / f"{unit}.html")
        figures = {(i, p, float(v)) for (i, p), v in cells.get(unit, {}).items() if v is not None}
        if not specs:
            assert figures == set(), unit
            continue
        [spec] = specs
        lines = _series(spec, "indicador", "periodo", "valor")
        assert lines.pop(siglas or unit, set()) == figures, unit
        assert lines.pop("IPN", set()) == {
            (i, p, v) for (i, p), v in ipn.items() if i in rates and (i, p) in cells[unit]
        }, unit
        drawn = {(i, p): v for i, p, v in lines.pop(MEDIAN, set())}
        assert lines == {}, f"{unit}: series de más: {list(lines)}"
        for cell, median in medians.get(unit, {}).items():
            assert drawn[cell] == float(median), (unit, cell)


def test_no_chart_holds_the_true_value_of_a_hidden_figure(published, portal, version_dir):
    """The attacker's search in the charts' JSON: the true value of every hidden figure (from the
    working warehouse) is no point of any chart, unless the version shows that number anyway."""
    hidden = set(
        _published(
            version_dir,
            "SELECT clave_indicador, periodo, ambito, clave_ambito FROM indicadores "
            "WHERE estado_confidencialidad = 'C'",
        )
    )
    truth = {
        float(v)
        for *cell, v in published.query(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, valor "
            "FROM marts.indicadores WHERE valor IS NOT NULL"
        )
        if tuple(cell) in hidden
    }
    shown = {
        float(v)
        for (v,) in _published(version_dir, "SELECT valor FROM indicadores WHERE valor NOT NULL")
    } | {
        float(v)
        for (v,) in _published(
            version_dir,
            "SELECT mediana_pares FROM comparacion_unidades WHERE mediana_pares NOT NULL",
        )
    }
    searched = truth - shown
    assert searched, "ninguna cifra oculta tiene un valor propio: la prueba no probaría nada"
    charts = 0
    for page in portal.rglob("*.html"):
        for spec in _specs(page):
            charts += 1
            points = {point["valor"] for point in spec["data"]["values"]}
            assert not points & searched, f"{page}: {sorted(points & searched)[:5]}"
    assert charts


def test_each_chart_is_drawn_in_the_browser_from_the_site_alone(browser, version_dir, portal):
    """Vega-Embed from recursos/vega.js draws an SVG with one symbol per point of the
    specification; no console error, no request leaving the site."""
    paths = [f"indicadores/{i}.html" for i in _sample_indicators(version_dir)]
    paths += [f"unidades/{u}.html" for u in _sample_units(version_dir)]
    drawn = 0
    for path in paths:
        specs = _specs(portal / path)
        if not specs:
            continue
        visit = Visit()
        page = browser.open(path, visit)
        page.wait_for_selector("figure.grafica[data-dibujada='si']", state="attached")
        assert page.locator("figure.grafica .lienzo svg").count() == 1, path
        symbols = page.locator("figure.grafica .lienzo svg g.mark-symbol.role-mark path").count()
        assert symbols == len(specs[0]["data"]["values"]), path
        assert page.locator("figure.grafica .lienzo svg g.mark-line.role-mark path").count() > 0, (
            path
        )
        page.close()
        _assert_clean(visit, path)
        drawn += 1
    assert drawn, "ninguna página de la muestra tiene gráfica"


def test_without_javascript_a_chart_page_still_gives_its_figures_in_tables(browser, version_dir):
    indicator = _sample_indicators(version_dir)[0]
    page = browser.open(f"indicadores/{indicator}.html", javascript=False)
    assert page.locator("figure.grafica .lienzo svg").count() == 0
    assert page.locator("figure.grafica figcaption").inner_text().startswith("Gráfica de líneas")
    assert "se dibuja con JavaScript" in page.locator("figure.grafica").inner_text()
    assert page.locator("#tabla-niveles tbody tr").count() > 0
    page.close()


def test_the_portal_benchmark_builds_a_version_again_and_reports_time_and_sizes(
    published, version_dir
):
    """`python -m bench.portal` (bench/RESULTS.md), with the home's cached chart script."""
    cache = published.settings.portal_cache_dir
    answer = run_module(
        "bench.portal", str(version_dir), "--repeticiones", "2", "--cache", str(cache), timeout=600
    )
    assert answer.returncode == 0, answer.stderr
    assert re.search(r"por repetición: [\d.]+, [\d.]+$", answer.stdout, re.MULTILINE)
    assert re.search(r"\(\d+ páginas\)", answer.stdout), answer.stdout
    assert re.search(r"^\s+[\d,]+\s+recursos/vega\.js$", answer.stdout, re.MULTILINE)
    assert [p.name for p in cache.iterdir()] == [bundle_name()]
