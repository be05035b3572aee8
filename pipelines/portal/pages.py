"""What each page of the portal holds, as plain values for its template: Inicio, one page per
indicator, one sheet per academic unit, the search list. Every figure comes from PortalData,
which holds a hidden figure only as its mark."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

from pipelines.portal.charts import Spec, series_chart, spec_json, unit_panels
from pipelines.portal.data import Figure, Indicator, PortalData
from pipelines.portal.formatting import change_text, figure_text

IPN = "IPN"
LEVEL_NAMES = {
    "NMS": "Nivel medio superior",
    "NS": "Nivel superior",
    "POS": "Posgrado",
    "INV": "Investigación",
    "CENTRAL": "Áreas centrales",
}
SCOPE_NAMES = {"IPN": "IPN", "NIVEL": "Nivel", "UNIDAD": "Unidad", "PROGRAMA": "Programa"}
MEDIAN_SERIES = "Mediana de las unidades del nivel"
# Units whose IPN figure is comparable with a unit's on one axis (a count of the whole IPN would
# flatten the unit's line; the sheet's table still gives it).
RATES = ("porcentaje", "razón")


def level_name(level: str | None) -> str:
    return LEVEL_NAMES.get(level or "", level or "sin nivel")


@dataclass
class Headline:
    indicador: Indicator
    periodo: str
    actual: Figure | None
    cambio: str
    anterior_periodo: str | None


def _by_period(series: list[Figure]) -> dict[str, Figure]:
    return {f.periodo: f for f in series}


def headlines(data: PortalData) -> list[Headline]:
    """Each indicator at IPN in its latest published period, with its change from the one
    before."""
    rows = []
    for indicator in data.indicadores.values():
        series = data.series(indicator.clave, "IPN", IPN)
        if not series:
            continue
        latest, previous = series[-1], series[-2] if len(series) > 1 else None
        rows.append(
            Headline(
                indicator,
                latest.periodo,
                latest,
                change_text(latest, previous, indicator.unidad),
                previous.periodo if previous else None,
            )
        )
    return rows


@dataclass
class ChartView:
    spec: Spec
    texto: str  # the chart in words, for readers who do not see it

    @property
    def json(self) -> Markup:
        """The specification for the page, drawn there by the browser."""
        return spec_json(self.spec)


def _chart_words(indicator: Indicator, lines: list[tuple[str, list[Figure]]]) -> str:
    parts = []
    for name, series in lines:
        shown = [f for f in series if f.valor is not None]
        if shown:
            first, last = shown[0], shown[-1]
            parts.append(
                f"{name}: de {figure_text(first.valor, indicator.unidad)} en {first.periodo} a "
                f"{figure_text(last.valor, indicator.unidad)} en {last.periodo}"
            )
    trend = "; ".join(parts) if parts else "sin cifras publicadas"
    return f"Gráfica de líneas de {indicator.nombre} por periodo. {trend}."


def indicator_chart(data: PortalData, indicator: Indicator) -> ChartView | None:
    lines = [("IPN", data.series(indicator.clave, "IPN", IPN))] + [
        (level_name(level), data.series(indicator.clave, "NIVEL", level))
        for level in data.levels_of(indicator.clave)
    ]
    points = [
        (name, f.periodo, f.valor) for name, series in lines for f in series if f.valor is not None
    ]
    if not points:
        return None
    spec = series_chart(points, indicator.periodos, indicator.unidad)
    return ChartView(spec, _chart_words(indicator, lines))


@dataclass
class Row:
    """One row of a table: its period, who it is about, and its cells (Figure or None)."""

    periodo: str
    ambito: str
    clave: str
    nombre: str
    nivel: str
    enlace: str | None
    figura: Figure | None
    extra: dict = field(default_factory=dict)


def peer_medians(data: PortalData, indicator: str) -> dict[tuple[str, str], Decimal]:
    """(periodo, nivel) → median of the shown figures of the units of that level (the same
    definition as comparacion_unidades.mediana_pares, for every indicator)."""
    values: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for unit, info in data.unidades.items():
        for figure in data.series(indicator, "UNIDAD", unit):
            if figure.valor is not None:
                values[(figure.periodo, info["nivel"])].append(figure.valor)
    return {key: statistics.median(v) for key, v in values.items()}


def _positions(data: PortalData, indicator: str, unit: str) -> dict[str, dict]:
    return {r["periodo"]: r for r in data.comparacion.get((indicator, unit), [])}


def indicator_rows(data: PortalData, indicator: Indicator) -> list[Row]:
    """Every unit and programme of every period."""
    rows = []
    for unit, info in data.unidades.items():
        positions = _positions(data, indicator.clave, unit)
        for figure in data.series(indicator.clave, "UNIDAD", unit):
            position = positions.get(figure.periodo)
            rows.append(
                Row(
                    figure.periodo,
                    "Unidad",
                    unit,
                    info["nombre"],
                    info["nivel"] or "",
                    f"../unidades/{unit}.html",
                    figure,
                    {"posicion": position},
                )
            )
    for program, info in data.programas.items():
        link = f"../unidades/{info['cve_unidad']}.html#programas"
        rows += [
            _program_row(program, info, figure, link)
            for figure in data.series(indicator.clave, "PROGRAMA", program)
        ]
    return rows


def _program_row(
    program: str, info: dict, figure: Figure, link: str, extra: dict | None = None
) -> Row:
    """A programme's row, on an indicator page (linked to its unit) or a unit sheet (linked to the
    indicator)."""
    name, level = info["nombre"], info["nivel"] or ""
    return Row(figure.periodo, "Programa", program, name, level, link, figure, extra or {})


def scope_rows(data: PortalData, indicator: Indicator) -> list[Row]:
    """IPN and each level, every period: the chart's figures as a table."""
    rows = [
        Row(f.periodo, "IPN", IPN, "Instituto Politécnico Nacional", "", None, f)
        for f in data.series(indicator.clave, "IPN", IPN)
    ]
    for level in data.levels_of(indicator.clave):
        rows += [
            Row(f.periodo, "Nivel", level, level_name(level), level, None, f)
            for f in data.series(indicator.clave, "NIVEL", level)
        ]
    return rows


@dataclass
class UnitLine:
    indicador: Indicator
    figura: Figure
    mediana: Decimal | None
    ipn: Figure | None
    posicion: dict | None


def unit_lines(data: PortalData, unit: str, medians: dict[str, dict]) -> list[UnitLine]:
    level = data.unidades[unit]["nivel"]
    lines = []
    for indicator in data.indicadores.values():
        ipn = _by_period(data.series(indicator.clave, "IPN", IPN))
        positions = _positions(data, indicator.clave, unit)
        for figure in data.series(indicator.clave, "UNIDAD", unit):
            lines.append(
                UnitLine(
                    indicator,
                    figure,
                    medians[indicator.clave].get((figure.periodo, level)),
                    ipn.get(figure.periodo),
                    positions.get(figure.periodo),
                )
            )
    return lines


def unit_chart(data: PortalData, unit: str, lines: list[UnitLine]) -> ChartView | None:
    points: list[tuple[str, str, str, object]] = []
    for line in lines:
        name = line.indicador.nombre
        if line.figura.valor is not None:
            points.append(
                (
                    name,
                    data.unidades[unit]["siglas"] or unit,
                    line.figura.periodo,
                    line.figura.valor,
                )
            )
        if line.mediana is not None:
            points.append((name, MEDIAN_SERIES, line.figura.periodo, line.mediana))
        if line.ipn is not None and line.ipn.valor is not None and line.indicador.unidad in RATES:
            points.append((name, "IPN", line.figura.periodo, line.ipn.valor))
    if not points:
        return None
    periods = sorted({p for _, _, p, _ in points})
    shown = sorted({i for i, _, _, _ in points})
    words = (
        f"Gráficas pequeñas, una por indicador ({len(shown)}: {', '.join(shown)}), con la cifra "
        f"de la unidad y la mediana de las unidades de su nivel por periodo, y la del IPN en los "
        f"porcentajes y razones; las mismas cifras están en la tabla de abajo."
    )
    series = [data.unidades[unit]["siglas"] or unit, MEDIAN_SERIES, "IPN"]
    return ChartView(unit_panels(points, periods, series), words)


def unit_targets(data: PortalData, unit: str) -> list[dict]:
    """The plan's targets of the unit and of its programmes, with their semáforo."""
    programs = {p for p, info in data.programas.items() if info["cve_unidad"] == unit}
    return [
        t
        for t in data.evaluacion
        if (t["ambito"] == "UNIDAD" and t["clave_ambito"] == unit)
        or (t["ambito"] == "PROGRAMA" and t["clave_ambito"] in programs)
    ]


def program_rows(data: PortalData, unit: str) -> list[Row]:
    rows = []
    for program, info in data.programas.items():
        if info["cve_unidad"] != unit:
            continue
        for indicator in data.indicadores.values():
            link, extra = f"../indicadores/{indicator.clave}.html", {"indicador": indicator}
            rows += [
                _program_row(program, info, figure, link, extra)
                for figure in data.series(indicator.clave, "PROGRAMA", program)
            ]
    return rows


@dataclass
class SearchEntry:
    tipo: str
    nombre: str
    clave: str
    enlace: str
    detalle: str


def search_entries(data: PortalData) -> list[SearchEntry]:
    entries = [
        SearchEntry("Indicador", i.nombre, i.clave, f"indicadores/{i.clave}.html", i.formula)
        for i in data.indicadores.values()
    ]
    entries += [
        SearchEntry(
            "Unidad académica",
            u["nombre"],
            cve,
            f"unidades/{cve}.html",
            f"{u['siglas'] or ''} · {level_name(u['nivel'])}",
        )
        for cve, u in data.unidades.items()
    ]
    entries += [
        SearchEntry(
            "Programa",
            p["nombre"],
            cve,
            f"unidades/{p['cve_unidad']}.html#programas",
            f"{data.unidades.get(p['cve_unidad'], {}).get('nombre', p['cve_unidad'])}",
        )
        for cve, p in data.programas.items()
    ]
    return entries
