"""The evaluation report as one self-contained HTML page (Jinja2, inline CSS, charts as inline SVG,
no script, no URL outside the page), in Spanish."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from pipelines.core.html_templates import html_environment
from pipelines.report.evaluation.charts import SEMAFORO_COLOURS, target_chart
from pipelines.report.evaluation.data import EvaluationData, Scope
from pipelines.report.formatting import cell_text, label
from pipelines.specs.evaluation import THRESHOLDS

TEMPLATES = Path(__file__).parent.parent / "templates"
UNITS = {"porcentaje": "%", "alumnos": "alumnos", "personas": "personas", "pesos": "pesos"}


@cache
def environment() -> Environment:
    env = html_environment(TEMPLATES)
    env.filters.update(cell=cell_text, label=label)
    return env


def _charts(scope: Scope, data: EvaluationData) -> list[Markup]:
    charts = []
    for (indicador, ambito, clave), series in sorted(scope.series.items()):
        targets = [
            t
            for t in scope.metas
            if (t["clave_indicador"], t["ambito"], t["clave_ambito"]) == (indicador, ambito, clave)
        ]
        about = data.indicadores.get(indicador, {"nombre": indicador, "unidad": ""})
        title = f"{about['nombre']} · {ambito} {clave}"
        svg = target_chart(title, UNITS.get(about["unidad"], about["unidad"]), series, targets)
        charts.append(Markup(svg))
    return charts


def render(data: EvaluationData) -> str:
    return (
        environment()
        .get_template("evaluacion.html.j2")
        .render(
            data=data,
            charts={(s.ambito, s.clave): _charts(s, data) for s in data.scopes},
            thresholds=THRESHOLDS,
            colours=SEMAFORO_COLOURS,
            generated=datetime.now().astimezone().isoformat(timespec="seconds"),
        )
    )
