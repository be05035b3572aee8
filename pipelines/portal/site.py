"""Write every page of the portal into a folder: Inicio, the indicator and unit lists, one page per
indicator, one sheet per academic unit, Datos abiertos, Metodología, Buscar; the shared assets;
one CSV per indicator; and the version's open-data package, linked in so that the site is whole
wherever it is copied."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from pipelines.core.html_templates import html_environment
from pipelines.portal.assets import write_assets
from pipelines.portal.data import Figure, PortalData
from pipelines.portal.formatting import figure_cell, value_cell
from pipelines.portal.open_data import PACKAGE_DIR, OpenData
from pipelines.portal.pages import (
    headlines,
    indicator_chart,
    indicator_rows,
    level_name,
    peer_medians,
    program_rows,
    scope_rows,
    search_entries,
    unit_chart,
    unit_lines,
    unit_targets,
)
from pipelines.specs.disclosure import CONFIDENTIAL

TEMPLATES = Path(__file__).parent / "templates"
DOWNLOADS_DIR = "descargas/indicadores"
SENSES = {
    "ascendente": "ascendente: más es mejor",
    "descendente": "descendente: menos es mejor",
    "neutral": "neutral: describe, no se evalúa contra metas",
}
SEMAFOROS = {
    "VERDE": "verde",
    "AMARILLO": "amarillo",
    "ROJO": "rojo",
    "CONFIDENCIAL": "confidencial",
    "PENDIENTE": "pendiente",
    "SIN_DATO": "sin dato",
}
CSV_COLUMNS = (
    "clave_indicador",
    "periodo",
    "ambito",
    "clave_ambito",
    "valor",
    "numerador",
    "denominador",
    "estado_confidencialidad",
)


@dataclass(frozen=True)
class Download:
    bytes: int
    sha256: str


def _target_cell(target: dict) -> Markup:
    hidden = target.get("estado_confidencialidad") == CONFIDENTIAL
    figure = Figure("", "", "", "", target.get("valor"), None, None, "C" if hidden else "F")
    return figure_cell(figure)


@cache
def environment() -> Environment:
    env = html_environment(TEMPLATES)
    env.globals.update(
        celda=figure_cell, valor=value_cell, celda_meta=_target_cell, semaforo=SEMAFOROS.get
    )
    return env


@dataclass
class _Page:
    path: str
    template: str
    values: dict


class SiteWriter:
    """Every page, download and shared file of one version's site; `chart_script` is the
    JavaScript that draws the charts (chart_library.py), written once into the site's assets."""

    def __init__(
        self, folder: Path, data: PortalData, open_data: OpenData, chart_script: str
    ) -> None:
        self.folder, self.data, self.open_data = folder, data, open_data
        self.chart_script = chart_script
        self.downloads: dict[str, Download] = {}
        self.pages: list[_Page] = []

    def _page(self, path: str, template: str, title: str, tables: bool = True, **values) -> None:
        values |= {
            "titulo": title,
            "version": self.data.version,
            "publicado_en": self.data.publicado_en,
            "raiz": "../" * path.count("/"),
            "tablas": tables,
            "nombre_indicador": self._indicator_name,
        }
        self.pages.append(_Page(path, template, values))

    def _write_pages(self) -> None:
        for page in self.pages:
            target = self.folder / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            html = environment().get_template(page.template).render(**page.values)
            target.write_text(html, encoding="utf-8")

    def _indicator_name(self, clave: str) -> str:
        indicator = self.data.indicadores.get(clave)
        return indicator.nombre if indicator else clave

    def write(self) -> None:
        write_assets(self.folder, self.chart_script)
        self._link_package()
        for indicator in self.data.indicadores.values():
            self.downloads[indicator.clave] = self._indicator_csv(indicator.clave)
        self._home()
        self._indicators()
        self._units()
        self._page(
            "datos_abiertos.html",
            "datos_abiertos.html.j2",
            "Datos abiertos",
            abiertos=self.open_data,
            descargas=self.downloads,
        )
        self._page("metodologia.html", "metodologia.html.j2", "Metodología", tables=False)
        self._page("buscar.html", "buscar.html.j2", "Buscar", entradas=search_entries(self.data))
        self._write_pages()

    def _home(self) -> None:
        self._page(
            "index.html",
            "inicio.html.j2",
            "Inicio",
            tables=False,
            principales=headlines(self.data),
            abiertos=self.open_data,
            n_indicadores=len(self.data.indicadores),
            n_unidades=len(self.data.unidades),
        )

    def _indicators(self) -> None:
        indicators = list(self.data.indicadores.values())
        self._page(
            "indicadores/index.html", "indicadores.html.j2", "Indicadores", indicadores=indicators
        )
        package = [d for d in self.open_data.distribuciones if "indicadores" in d.ruta.lower()]
        for indicator in indicators:
            self._page(
                f"indicadores/{indicator.clave}.html",
                "indicador.html.j2",
                indicator.nombre,
                ind=indicator,
                sentido=SENSES.get(indicator.sentido, indicator.sentido),
                grafica_vista=indicator_chart(self.data, indicator),
                ambitos=scope_rows(self.data, indicator),
                filas=indicator_rows(self.data, indicator),
                ultimo=indicator.periodos[-1] if indicator.periodos else "",
                descarga=self.downloads[indicator.clave],
                paquete=package,
            )

    def _units(self) -> None:
        programs_of: dict[str, list[dict]] = {}
        for program in self.data.programas.values():
            programs_of.setdefault(program["cve_unidad"], []).append(program)
        listing = [
            u | {"nivel_nombre": level_name(u["nivel"]), "programas": len(programs_of.get(c, []))}
            for c, u in self.data.unidades.items()
        ]
        self._page(
            "unidades/index.html", "unidades.html.j2", "Unidades académicas", unidades=listing
        )
        medians = {i: peer_medians(self.data, i) for i in self.data.indicadores}
        for clave, unit in self.data.unidades.items():
            lines = unit_lines(self.data, clave, medians)
            periods = sorted({line.figura.periodo for line in lines})
            programs = program_rows(self.data, clave)
            program_periods = sorted({r.periodo for r in programs})
            self._page(
                f"unidades/{clave}.html",
                "unidad.html.j2",
                unit["nombre"],
                clave=clave,
                unidad=unit,
                nivel_nombre=level_name(unit["nivel"]),
                lineas=lines,
                grafica_vista=unit_chart(self.data, clave, lines),
                periodos=periods,
                ultimo=periods[-1] if periods else "",
                metas=unit_targets(self.data, clave),
                programas=programs_of.get(clave, []),
                filas_programas=programs,
                periodos_programas=program_periods,
                ultimo_programas=program_periods[-1] if program_periods else "",
            )

    def _indicator_csv(self, clave: str) -> Download:
        """Every published row of one indicator, as in `indicadores`: a hidden figure's value,
        numerator and denominator empty, its mark C. UTF-8 with BOM, for Excel."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for (indicator, _, _), series in sorted(self.data.figures.items()):
            if indicator != clave:
                continue
            for f in series:
                writer.writerow(
                    [f.clave_indicador, f.periodo, f.ambito, f.clave_ambito]
                    + ["" if v is None else str(v) for v in (f.valor, f.numerador, f.denominador)]
                    + [f.estado]
                )
        content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
        target = self.folder / DOWNLOADS_DIR / f"{clave}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return Download(len(content), hashlib.sha256(content).hexdigest())

    def _link_package(self) -> None:
        """The open-data package inside the site (hard links: no second copy on disk)."""
        source = self.folder.parent / PACKAGE_DIR
        if not self.open_data.disponible or not source.is_dir():
            return
        for path in sorted(source.rglob("*")):
            target = self.folder / PACKAGE_DIR / path.relative_to(source)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
