"""Disclosure control of the published tables (INDICATORS.md, "Disclosure control").

Indicators, at ámbito UNIDAD or PROGRAMA: a count between 1 and 4 (for the fractional
DOCENTES_ETC, above 0 and below 5) and a ratio whose denominator is above 0 and below 10 are
suppressed: valor, numerador and denominador NULL and suprimido true. IPN and NIVEL figures and
budget indicators (public money) are never suppressed. Which rule applies to each indicator is
its `supresion` in the catalog (models/indicadores.yml), read here, not taken from the marts.

One secondary rule closes a back door: ALUMNOS_POR_DOCENTE publishes MATRICULA_TOTAL as its
numerator, so where that count is suppressed the ratio is suppressed with it (otherwise a unit
with 3 students and 12 docentes ETC would show the 3 as a numerator).

The aggregated facts follow the same small-cell rule: a cell of fct_matricula with 1 to 4
students and a cell of fct_plantilla with 1 to 4 people publish no counts; salaries are
published only as totals over at least 10 people.
"""

from __future__ import annotations

from pipelines.transform.indicator_catalog import IndicatorCatalog, load_catalog

SMALL_COUNT_BELOW = 5
SMALL_DENOMINATOR_BELOW = 10
MIN_PEOPLE_FOR_SALARIES = 10
SUPPRESSED_AMBITOS = ("UNIDAD", "PROGRAMA")
# ratio → the count indicator that it publishes as its numerator
NUMERATOR_COUNTS = {"ALUMNOS_POR_DOCENTE": "MATRICULA_TOTAL"}


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def catalog_values(catalog: IndicatorCatalog) -> str:
    rows = ", ".join(f"({_text(i.clave)}, {_text(i.supresion)})" for i in catalog.indicadores)
    return f"(VALUES {rows}) AS regla (clave_indicador, supresion)"


def indicator_rule(alias: str = "i") -> str:
    """SQL that is true where a row of indicadores (joined with `regla`) must be suppressed."""
    ambitos = ", ".join(_text(a) for a in SUPPRESSED_AMBITOS)
    return (
        f"coalesce({alias}.ambito IN ({ambitos}) AND ("
        f"(regla.supresion = 'conteo' AND {alias}.valor > 0 AND {alias}.valor < {SMALL_COUNT_BELOW}) OR "
        f"(regla.supresion = 'razón' AND {alias}.denominador > 0 AND {alias}.denominador < {SMALL_DENOMINATOR_BELOW})"
        "), false)"
    )


def _numerator_counts() -> str:
    rows = ", ".join(f"({_text(ratio)}, {_text(count)})" for ratio, count in NUMERATOR_COUNTS.items())
    return f"(VALUES {rows}) AS secundaria (clave_indicador, clave_conteo)"


def published_indicators_sql(source: str, catalog: IndicatorCatalog | None = None) -> str:
    catalog = catalog or load_catalog()
    hidden = "CASE WHEN suprimir THEN NULL ELSE {0} END AS {0}"
    return f"""
WITH primaria AS (
    SELECT i.*, {indicator_rule()} AS suprimir_primaria
    FROM {source} AS i LEFT JOIN {catalog_values(catalog)} USING (clave_indicador)
),
regla AS (
    SELECT p.*, p.suprimir_primaria OR coalesce(conteo.suprimir_primaria, false) AS suprimir
    FROM primaria AS p
    LEFT JOIN {_numerator_counts()} USING (clave_indicador)
    LEFT JOIN primaria AS conteo ON conteo.clave_indicador = secundaria.clave_conteo
        AND conteo.periodo = p.periodo AND conteo.ambito = p.ambito AND conteo.clave_ambito = p.clave_ambito
)
SELECT clave_indicador, periodo, ambito, clave_ambito,
       {hidden.format('valor')}, {hidden.format('numerador')}, {hidden.format('denominador')},
       suprimir AS suprimido
FROM regla
ORDER BY clave_indicador, periodo, ambito, clave_ambito
"""


def small_cell(count_column: str) -> str:
    return f"coalesce({count_column} > 0 AND {count_column} < {SMALL_COUNT_BELOW}, false)"


def published_matricula_sql(source: str) -> str:
    small = small_cell("alumnos")
    return f"""
SELECT periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso,
       CASE WHEN {small} THEN NULL ELSE alumnos END AS alumnos,
       {small} AS suprimido, carga_id
FROM {source}
ORDER BY ALL
"""


def published_plantilla_sql(source: str) -> str:
    small = small_cell("personas")
    shown = "CASE WHEN {small} THEN NULL ELSE {0} END AS {0}"
    return f"""
SELECT periodo, fecha_corte, cve_unidad, tipo_personal, tiempo_dedicacion, grado_maximo, sexo,
       {shown.format('plazas', small=small)}, {shown.format('personas', small=small)},
       {shown.format('horas_semana', small=small)},
       CASE WHEN personas >= {MIN_PEOPLE_FOR_SALARIES} THEN sueldo_mensual_total END AS sueldo_mensual_total,
       {small} AS suprimido, carga_id
FROM {source}
ORDER BY ALL
"""
