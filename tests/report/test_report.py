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
def test_a_blocked_run_says_in_the_report_which_check_failed(published_home, tmp_path):
    break_a_percentage(published_home)
    assert not audit_and_publish(published_home, "ejecucion-2").publicada
    page = write_report(published_home.settings, "ejecucion-2")

    text = _text(rendered_dom(page, tmp_path / "perfil"))
    assert "No se publicó; sigue vigente la versión 1." in text
    # first screen: needs attention
    assert "FALLÓ (bloquea) — marts/indicadores · valores_validos" in text
    assert "marts/indicadores valores_validos FALLÓ (bloquea)" in text
    assert (
        "los porcentajes están entre 0 y 100 valor_porcentaje crítica (bloquea) NO CUMPLE" in text
    )
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


# --- What the auditors read, said right (issue 27) ---------------------------------------------


def _own_copy(published, tmp_path):
    """A private copy of the published home: these tests write reports of their own."""
    import shutil

    from tests.quality.built import Home, settings_at

    shutil.copytree(published.settings.home, tmp_path / "home", symlinks=True)
    return Home(settings_at(tmp_path, landing=published.settings.landing_dir))


def _rewrite(home, monkeypatch, capsys, run: str | None) -> tuple[int, str]:
    from argparse import Namespace

    from pipelines.report.cli import main

    monkeypatch.setenv("SIIE_HOME", str(home.settings.home))
    monkeypatch.setenv("SIIE_LANDING_DIR", str(home.settings.landing_dir))
    code = main(Namespace(run=run))
    return code, capsys.readouterr().out


def test_siie_report_refuses_an_id_it_does_not_know_and_says_where_ids_are(
    published, tmp_path, monkeypatch, capsys
):
    home = _own_copy(published, tmp_path)
    reports = home.settings.reports_dir
    before = {p.name: p.read_bytes() for p in reports.iterdir() if p.is_file()}

    code, out = _rewrite(home, monkeypatch, capsys, "nope")

    assert code == 2
    assert "No hay informe ni ejecución de Dagster con el id «nope»" in out
    assert str(reports / "index.html") in out and "informes.jsonl" in out
    after = {p.name: p.read_bytes() for p in reports.iterdir() if p.is_file()}
    assert after == before  # nothing written: no informe_nope.html, the index untouched


def test_an_old_report_written_again_stays_in_its_place_and_informe_html_stays_the_newest(
    published, tmp_path, monkeypatch, capsys
):
    from datetime import datetime, timedelta

    from pipelines.report.index import read_entries

    home = _own_copy(published, tmp_path)
    reports = home.settings.reports_dir
    start = datetime.now().astimezone()
    write_report(home.settings, "ejecucion-antigua", since=start - timedelta(hours=2))
    write_report(home.settings, "ejecucion-nueva", since=start)
    # written last, but its run started between the other two
    write_report(home.settings, "ejecucion-intermedia", since=start - timedelta(hours=1))
    newest = (reports / "informe_ejecucion-nueva.html").read_bytes()
    assert (reports / "informe.html").read_bytes() == newest

    code, out = _rewrite(home, monkeypatch, capsys, "ejecucion-antigua")

    assert code == 0 and str(reports / "informe_ejecucion-antigua.html") in out
    assert (reports / "informe.html").read_bytes() == newest
    mine = ["ejecucion-antigua", "ejecucion-intermedia", "ejecucion-nueva"]
    assert [e.id for e in read_entries(reports) if e.id in mine] == mine  # by run start
    index = (reports / "index.html").read_text(encoding="utf-8")
    shown = [index.index(f'href="informe_{i}.html">{i}') for i in reversed(mine)]
    assert shown == sorted(shown)  # the index lists the newest run first
    assert 'href="informe_ejecucion-nueva.html">Abrir el más reciente' in index or (
        index.index("informe_ejecucion-nueva.html") < index.index("<table>")
    )


def _headers(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", "", h).split()) for h in re.findall(r"<th>(.*?)</th>", html)
    ]


def _template_headers() -> set[str]:
    from pipelines.report.page import TEMPLATES

    return {h for t in TEMPLATES.glob("*.j2") for h in _headers(t.read_text(encoding="utf-8"))}


def test_tables_have_spanish_headers_and_years_read_as_years(published):
    from pipelines.report.formatting import LABELS

    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    headers = set(_headers(html))
    assert headers - set(LABELS.values()) - _template_headers() == set()
    assert not headers & {"Asset", "Dbt", "Matricula total ipn", "Alumnos raw"}
    assert not re.search(r">(warning|critical|info)<", html)  # GX's severities, in Spanish
    for (year,) in published.query("SELECT DISTINCT ejercicio FROM raw.presupuesto"):
        assert f"<td>{year}</td>" in html and f"{year:,}" not in _text(html)


def test_each_headline_figure_says_its_period(published):
    html = report_path(published.settings, "ejecucion-publicada").read_text(encoding="utf-8")
    captions = re.findall(r"<figcaption>([^<]*) <b>([^<]*)</b></figcaption>", html)
    assert len(captions) >= 5
    for key, period, value in published.published(
        "SELECT clave_indicador, arg_max(periodo, periodo), arg_max(valor, periodo) "
        "FROM indicadores WHERE ambito = 'IPN' AND clave_indicador IN "
        "('MATRICULA_TOTAL', 'DOCENTES') GROUP BY ALL"
    ):
        [(name,)] = published.published(
            f"SELECT nombre FROM dim_indicador WHERE clave_indicador = '{key}'"
        )
        assert (f"{name} (IPN)", f"{int(value):,} en {period}") in captions
    [(year, month)] = published.published(
        "SELECT left(max(periodo), 4), right(max(periodo), 2) FROM indicadores "
        "WHERE clave_indicador = 'AVANCE_PRESUPUESTAL' AND ambito = 'IPN'"
    )
    assert any(b.endswith(f"en {year}-{month}") for caption, b in captions if "Avance" in caption)


def test_times_are_on_the_offices_clock(published, tmp_path, monkeypatch):
    from zoneinfo import ZoneInfo

    home = _own_copy(published, tmp_path)
    page = write_report(home.settings, "ejecucion-publicada")
    text = _text(page.read_text(encoding="utf-8"))
    assert "horas de America/Mexico_City (UTC-06:00)" in text
    [(started,)] = home.query("SELECT min(iniciado_en) FROM raw.cargas")  # the machine's clock
    office = started.astimezone().astimezone(ZoneInfo("America/Mexico_City"))
    assert office.strftime("%Y-%m-%d %H:%M:%S") in text

    monkeypatch.setenv("SIIE_ZONA_HORARIA", "Asia/Tokyo")
    from pipelines.core.config import load_settings

    tokyo = load_settings({"SIIE_HOME": str(home.settings.home)})
    text = _text(write_report(tokyo, "ejecucion-publicada").read_text(encoding="utf-8"))
    assert "horas de Asia/Tokyo (UTC+09:00)" in text
    assert started.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M:%S") in text


def test_a_rejected_file_is_counted_apart_and_named_once(published, tmp_path):
    home = _own_copy(published, tmp_path)
    [(name, loaded)] = home.query(
        "SELECT archivo, (SELECT count(*) FROM raw.cargas) - 1 FROM raw.cargas "
        "WHERE tipo = 'trayectoria' ORDER BY archivo LIMIT 1"
    )
    home.execute(f"UPDATE raw.cargas SET estado = 'RECHAZADO' WHERE archivo = '{name}'")
    text = _text(write_report(home.settings, "con-rechazo").read_text(encoding="utf-8"))
    assert name.startswith("trayectoria/") and f"trayectoria/{name}" not in text
    assert f"Archivo rechazado: {name}" in text
    assert f"{loaded:,} archivos cargados de {loaded + 1:,} nuevos (1 rechazado o con error)" in (
        text
    )


def test_neither_the_menu_nor_the_index_overflow_at_1400_px(published, tmp_path):
    from tests.browser import widths

    for page in (
        report_path(published.settings, "ejecucion-publicada"),
        published.settings.reports_dir / "index.html",
    ):
        measured = widths(page, tmp_path / "perfil", width=1400)
        for element, box in measured.items():
            assert box["scroll"] <= box["client"], (page.name, element, measured)
        screenshot(page, tmp_path / f"{page.stem}_1400.png", tmp_path / "perfil", size="1400,900")
