"""The auditors' report as one self-contained HTML page: Jinja2 templates, inline CSS, charts as
inline SVG, no script and no URL outside the page (it opens with the network cut).

The first screen answers "can I trust this version?" (pipelines.report.verdict); then the
published indicators as charts, the load log, rejections, every check, control totals, ANUIES,
disclosure control, where chosen figures come from, and the publication history. Long tables are
folded (<details>)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment

from pipelines.core.clock import zone_label
from pipelines.core.config import DEFAULT_TIME_ZONE
from pipelines.core.html_templates import html_environment
from pipelines.explain.render import render_text
from pipelines.quality.results import ExpectationOutcome
from pipelines.report.charts import BarChart, LineChart, bar_chart, line_chart
from pipelines.report.data import HEADLINE_INDICATORS, ReportData
from pipelines.report.formatting import (
    CODES,
    SEVERITIES,
    cell_text,
    clock_time,
    is_number,
    label,
    number,
    percent,
    short_hash,
)
from pipelines.report.verdict import Verdict

TEMPLATES = Path(__file__).with_name("templates")
SECTIONS = (
    ("resumen", "Resumen"),
    ("indicadores", "Indicadores publicados"),
    ("cargas", "Bitácora de cargas"),
    ("rechazos", "Rechazos por archivo y motivo"),
    ("verificaciones", "Verificaciones"),
    ("conciliacion", "Conciliación de totales"),
    ("anuies", "ANUIES"),
    ("metas", "Metas del plan"),
    ("divulgacion", "Control de divulgación"),
    ("cifras", "De dónde salen las cifras"),
    ("historial", "Historial de publicaciones"),
)
TOP_REASONS = 15
# A report's state (pipelines.report.verdict) as the index and the page say it.
STATE_LABELS = {
    "ok": "en orden",
    "aviso": "con avisos",
    "error": "no publicó",
    "pendiente": "pendiente",
}
UNITS = {"porcentaje": " %"}


@cache
def environment() -> Environment:
    env = html_environment(TEMPLATES)
    env.filters.update(
        cell=cell_text,
        number=number,
        label=label,
        short_hash=short_hash,
        hora=clock_time,
        expectation_row=_expectation_row,
    )
    env.tests["number"] = is_number
    env.globals.update(state_labels=STATE_LABELS, codes=CODES)
    env.globals.update(
        unmet=_unmet,
        layers_differ=_layers_differ,
        totals_differ=_totals_differ,
        anuies_differ=_anuies_differ,
    )
    return env


def _expectation_row(e: ExpectationOutcome) -> dict:
    return {
        "expectativa": e.descripcion,
        "columna": e.columna,
        "severidad": SEVERITIES.get(e.severidad, e.severidad),
        "resultado": "cumple" if e.exito else "NO CUMPLE",
        "evaluadas": e.evaluadas,
        "inesperadas": e.inesperadas,
        "particiones": "; ".join(e.lotes_fallidos) or None,
        "ejemplos": ", ".join(e.ejemplos) or e.error,
    }


# Row classes: "difiere" marks a row an auditor must look at.
def _unmet(row: dict) -> str:
    return "difiere" if row["resultado"] != "cumple" else ""


def _layers_differ(row: dict) -> str:
    return (
        "difiere"
        if row["leidas"] != row["cargadas"] + row["rechazadas"] or row["cargadas"] != row["en_raw"]
        else ""
    )


def _totals_differ(row: dict) -> str:
    keys = ("periodo", "ejercicio", "ultimo_mes", "extracto", "leidas", "rechazadas")
    return "difiere" if len({v for k, v in row.items() if k not in keys}) > 1 else ""


def _anuies_differ(row: dict) -> str:
    return "difiere" if row["no_concilian"] else ""


def _loads_chart(data: ReportData) -> BarChart | None:
    loads = data.run_loads or [c for c in data.loads if c["estado"] == "CARGADO"]
    if not loads:
        return None
    rows = [
        (
            c["archivo"],
            {"cargadas": c["filas_cargadas"] or 0, "rechazadas": c["filas_rechazadas"] or 0},
        )
        for c in loads
    ]

    def text(values: dict) -> str:
        read = values["cargadas"] + values["rechazadas"]
        if not read:
            return "sin renglones"
        return (
            f"{number(values['cargadas'])} cargadas · {number(values['rechazadas'])} rechazadas "
            f"({percent(values['rechazadas'], read)})"
        )

    scope = "de esta ejecución" if data.run_loads else "vigentes"
    return bar_chart(
        rows,
        ("cargadas", "rechazadas"),
        f"Renglones cargados y rechazados por archivo ({scope})",
        value_text=text,
        colors={"cargadas": "#4c8c4a", "rechazadas": "#b3261e"},
    )


def _reasons_chart(data: ReportData) -> BarChart | None:
    by_reason: dict[str, dict[str, float]] = defaultdict(dict)
    for row in data.rejections_by_reason:
        by_reason[f"{row['columna']}: {row['motivo']}"][row["tipo"]] = row["filas"]
    if not by_reason:
        return None
    ranked = sorted(by_reason.items(), key=lambda item: -sum(item[1].values()))
    shown = ranked[:TOP_REASONS]
    rest = ranked[TOP_REASONS:]
    if rest:
        others: dict[str, float] = defaultdict(float)
        for _, values in rest:
            for kind, n in values.items():
                others[kind] += n
        shown.append((f"otros {len(rest)} motivos", dict(others)))
    kinds = tuple(sorted({row["tipo"] for row in data.rejections_by_reason}))
    return bar_chart(
        shown, kinds, "Renglones rechazados por motivo y extracto (los más frecuentes)"
    )


def _series_charts(data: ReportData) -> list[LineChart]:
    by_key: dict[str, list[dict]] = defaultdict(list)
    for row in data.series:
        by_key[row["clave_indicador"]].append(row)
    charts = []
    for key in HEADLINE_INDICATORS:
        rows = by_key.get(key)
        if not rows:
            continue
        categories = [r["periodo"] for r in rows]
        unit = UNITS.get(rows[0]["unidad"], "")
        charts.append(
            line_chart(
                f"{rows[0]['nombre']} (IPN)",
                categories,
                {key: {r["periodo"]: r["valor"] for r in rows}},
                unit=unit,
            )
        )
    return charts


def _budget_chart(data: ReportData) -> LineChart | None:
    if not data.monthly_budget:
        return None
    series: dict[str, dict[str, float]] = defaultdict(dict)
    for row in data.monthly_budget:
        year, month = row["periodo"].split("-")
        series[year][month] = row["valor"]
    months = [f"{m:02d}" for m in range(1, 13)]
    return line_chart(
        "Avance presupuestal: ejercido / modificado, acumulado por mes (IPN)",
        months,
        dict(series),
        unit=" %",
        width=680,
        height=220,
        from_zero=True,
        tick_every=1,
        period_of=lambda year, month: f"{year}-{month}",
    )


def _explanations(data: ReportData) -> list[dict]:
    shown = []
    for explanation in data.explanations:
        cell = explanation["celda"]
        if cell is None:
            shown.append({"error": f"{explanation['spec']}: {explanation['error']}"})
            continue
        command = " ".join(
            [
                "siie explain",
                cell["clave_indicador"],
                cell["periodo"],
                cell["ambito"],
                *([cell["clave_ambito"]] if cell["ambito"] != "IPN" else []),
            ]
        )
        shown.append(
            {
                "id": f"cifra-{cell['clave_indicador']}",
                "command": command,
                "text": render_text(explanation),
            }
        )
    return shown


def _history(data: ReportData, zone: str) -> list[dict]:
    return [
        {
            "fecha": clock_time(a.fecha, zone),
            "ejecucion": a.run_id,
            "resultado": "publicada" if a.publicada else "no publicada",
            "version": a.version,
            "vigente_tras_el_intento": a.version_vigente,
            "en_disco": (a.version in data.kept) if a.version else None,
            "archivos_de_origen": (a.manifest or {}).get("archivos_fuente"),
            "dbt": (a.manifest or {}).get("dbt_invocation_id"),
            "motivos": "; ".join(a.motivos) or None,
        }
        for a in reversed(data.attempts)
    ]


def _disclosure(data: ReportData) -> list[dict]:
    shown = []
    for attempt in reversed(data.attempts):
        disclosure = data.internal_disclosure.get(attempt.run_id) or (attempt.manifest or {}).get(
            "divulgacion"
        )
        if attempt.publicada and disclosure:
            shown.append(
                {
                    "version": attempt.version,
                    "auditoria": disclosure.get("auditoria", {}),
                    "segundos": disclosure.get("segundos_supresion", 0),
                    "perdida": disclosure.get("perdida_informacion", []),
                }
            )
    return shown


def render(
    data: ReportData,
    summary: Verdict,
    links: dict[str, str] | None = None,
    zone: str = DEFAULT_TIME_ZONE,
) -> str:
    """The page; `links` are relative URLs of what sits beside it (index of reports, Data Docs);
    every time on the clock of `zone`."""
    reconciled = {name: rows for g in data.gates for name, rows in g.conciliaciones.items()}
    return (
        environment()
        .get_template("informe.html.j2")
        .render(
            data=data,
            sections=SECTIONS,
            verdict=summary,
            links=links or {},
            generated=clock_time(datetime.now(), zone),
            zone=zone_label(zone),
            loads_chart=_loads_chart(data),
            reasons_chart=_reasons_chart(data),
            series_charts=_series_charts(data),
            budget_chart=_budget_chart(data),
            checks=[(g.puerta, g.run_id, c) for g in data.gates for c in g.verificaciones],
            reconciled=reconciled,
            explanations=_explanations(data),
            history=_history(data, zone),
            disclosure=_disclosure(data),
            metas=data.targets,
        )
    )
