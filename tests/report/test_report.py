"""The auditors' report: one self-contained page that Chromium renders offline, styled, that
answers "can I trust this version?" on its first screen, draws its charts as inline SVG, and keeps
the load log, rejections, control totals, every check and the publication history below, folded."""

from __future__ import annotations

import hashlib
import re

import pytest

from pipelines.quality.registry import SUITES
from pipelines.report.page import SECTIONS
from pipelines.report.writer import report_path, write_report
from tests.browser import layout, png_pixel, rendered_dom, screenshot
from tests.publish.helpers import audit_and_publish, break_a_percentage

pytestmark = [pytest.mark.integration, pytest.mark.slow]

GUINDA = (0x6C, 0x1D, 0x45)  # the header's colour: only there if the inline CSS applied


def _text(dom: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", dom).split())


def test_the_report_is_self_contained(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    assert "<style>" in html
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "<script" not in html and "<link" not in html


@pytest.mark.browser
def test_the_report_renders_in_chromium_with_what_auditors_need(published, tmp_path):
    page = report_path(published.settings, "ejecucion-publicada")
    text = _text(rendered_dom(page, tmp_path / "perfil"))

    assert "Publicada la versión 1: pasó todas las verificaciones que bloquean." in text
    for _key, title in SECTIONS:
        assert title in text
    for suite in SUITES:
        assert f"{suite.asset} · {suite.check}" in text
    [(archivo,)] = published.query("SELECT archivo FROM raw.cargas ORDER BY archivo LIMIT 1")
    assert archivo in text
    [(motivo,)] = published.query(
        "SELECT motivo FROM raw.rechazos GROUP BY motivo ORDER BY count(*) DESC LIMIT 1"
    )
    assert motivo in text
    [(alumnos,)] = published.query("SELECT count(*) FROM raw.matricula WHERE periodo = '25/1'")
    # raw = fct_matricula = MATRICULA_TOTAL
    assert f"25/1 {alumnos:,} {alumnos:,} {alumnos:,}" in text
    assert "Versión vigente: 1." in text

    image = screenshot(page, tmp_path / "informe.png", tmp_path / "perfil")
    assert image.stat().st_size > 20_000
    assert png_pixel(image, 5, 5) == GUINDA


def test_the_report_explains_the_chosen_figures_down_to_their_files(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    section = html[html.index('id="cifras"') :]
    section = section[: section.index("</section>")]
    for clave, ambito in (spec[:2] for spec in published.settings.explained_cells):
        [(periodo,)] = published.published(
            f"SELECT max(periodo) FROM indicadores WHERE clave_indicador = '{clave}' "
            f"AND ambito = '{ambito}'"
        )
        assert f"siie explain {clave} {periodo} {ambito}</summary>" in section
    [(periodo,)] = published.published(
        "SELECT max(periodo) FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL'"
    )
    [(archivo,)] = published.query(
        f"SELECT archivo FROM raw.cargas WHERE tipo = 'matricula' AND periodo = '{periodo}' "
        "AND estado = 'CARGADO'"
    )
    landed = hashlib.sha256((published.settings.landing_dir / archivo).read_bytes()).hexdigest()
    assert f"{archivo}  sha256 {landed}" in section


@pytest.mark.browser
def test_a_blocked_run_says_in_the_report_which_check_failed(home, tmp_path):
    assert audit_and_publish(home, "ejecucion-1").publicada
    break_a_percentage(home)
    assert not audit_and_publish(home, "ejecucion-2").publicada
    page = write_report(home.settings, "ejecucion-2")

    text = _text(rendered_dom(page, tmp_path / "perfil"))
    assert "No se publicó; sigue vigente la versión 1." in text
    # first screen: needs attention
    assert "FALLÓ (bloquea) — marts/indicadores · valores_validos" in text
    assert "marts/indicadores valores_validos FALLÓ (bloquea)" in text
    assert "los porcentajes están entre 0 y 100 valor_porcentaje critical NO CUMPLE" in text
    screenshot(page, tmp_path / "bloqueada.png", tmp_path / "perfil")


def test_siie_report_writes_the_latest_report_again(published, monkeypatch, capsys):
    from argparse import Namespace

    from pipelines.report.cli import main

    monkeypatch.setenv("SIIE_HOME", str(published.settings.home))
    page = report_path(published.settings, "ejecucion-publicada")
    page.unlink()
    assert main(Namespace(run=None)) == 0
    assert page.exists() and str(page) in capsys.readouterr().out


def test_the_first_screen_says_whether_to_trust_the_version_and_numbers_read_as_numbers(
    published, tmp_path
):
    page = report_path(published.settings, "ejecucion-publicada")
    where = layout(page, tmp_path / "perfil", ["resumen", "indicadores", "cargas", "historial"])
    # verdict, figures and what needs attention fit one screen
    assert where["indicadores"] < 1000, where
    html = page.read_text(encoding="utf-8")
    summary = _text(html[html.index('id="resumen"') : html.index('id="indicadores"')])
    [(loaded,)] = published.query("SELECT sum(filas_cargadas) FROM raw.cargas")
    assert f"{loaded:,} renglones cargados" in summary
    assert loaded >= 1000 and f"{loaded}" not in summary.replace(f"{loaded:,}", "")
    assert not re.search(r"\d\.00\b", _text(html))  # counts are whole numbers, not 3822.00
    assert "None" not in _text(html)


def test_the_charts_are_inline_svg_drawn_from_what_was_published(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    # headline series, budget by month, loads per file, rejections by reason
    assert html.count("<svg") >= 5
    [(periodo, valor)] = published.published(
        "SELECT periodo, valor FROM indicadores WHERE clave_indicador = 'MATRICULA_TOTAL' "
        "AND ambito = 'IPN' ORDER BY periodo DESC LIMIT 1"
    )
    assert f"MATRICULA_TOTAL {periodo}: {int(valor):,}</title>" in html  # the point's tooltip
    [(files,)] = published.query("SELECT count(*) FROM raw.cargas WHERE estado = 'CARGADO'")
    section = html[html.index('id="cargas"') : html.index('id="rechazos"')]
    assert section.count("<rect") >= files  # a bar per loaded file


def test_long_tables_are_folded_and_hashes_shortened_with_the_full_value_kept(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    [(sha,)] = published.query("SELECT sha256 FROM raw.cargas ORDER BY archivo LIMIT 1")
    assert f'title="{sha}"><span class="corto">{sha[:12]}…</span>' in html
    for key in ("cargas", "rechazos"):
        section = html[html.index(f'id="{key}"') :]
        section = section[: section.index("</section>")]
        assert "<table>" in section and section.index('<details class="tabla">') < section.index(
            "<table>"
        )


@pytest.mark.browser
def test_each_report_is_listed_in_the_index(published, tmp_path):
    index = published.settings.reports_dir / "index.html"
    text = _text(rendered_dom(index, tmp_path / "perfil"))
    assert "ejecucion-publicada" in text
    assert 'href="informe_ejecucion-publicada.html"' in index.read_text(encoding="utf-8")


def test_the_report_links_the_runs_great_expectations_data_docs(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    link = "data_docs/ejecucion-publicada/index.html"
    assert f'href="{link}"' in html
    docs = (published.settings.reports_dir / link).read_text(encoding="utf-8")
    assert "raw_matricula" in docs and not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", docs)
