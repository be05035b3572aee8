"""The published tables `evaluacion` (each target in force against its figure) and
`comparacion_unidades` (each unit against the units of its level), docs/EVALUATION.md.

Both are computed in the publication being built, from its own `indicadores` — the figures as
published, after disclosure control — and never from the warehouse's marts: a value hidden there
cannot come back here. Only the targets in force (marts.metas_vigentes, plan data, not statistics)
and the current unit catalog (marts.dim_unidad) are read from the warehouse.
"""

from __future__ import annotations

from pipelines.specs.disclosure import FREE
from pipelines.specs.evaluation import (
    CONFIDENTIAL,
    NO_DATA,
    PENDING,
    RED,
    THRESHOLDS,
)
from pipelines.specs.indicator_catalog import ASCENDING, DESCENDING, load_catalog

PUBLISHED_INDICATORS = "indicadores"  # the publication's own table, already built


def _catalog_values() -> str:
    """(clave_indicador, sentido, periodicidad) of every indicator that takes targets."""
    rows = [
        f"('{i.clave}', '{i.sentido}', '{i.periodicidad}')"
        for i in load_catalog().indicadores
        if i.takes_targets
    ]
    return "VALUES " + ", ".join(rows)


def _shown_cells() -> str:
    """Each published cell with its value only where it is shown: a status other than F, or the
    suppressed flag, hides it whatever the value column holds."""
    return f"""
SELECT clave_indicador, periodo, ambito, clave_ambito, estado_confidencialidad,
       (suprimido OR estado_confidencialidad IS DISTINCT FROM '{FREE}') AS oculta,
       CASE WHEN NOT suprimido AND estado_confidencialidad = '{FREE}' THEN valor END AS valor
FROM {PUBLISHED_INDICATORS}"""


PREVIOUS_PERIOD = """CASE periodicidad
    WHEN 'periodo escolar' THEN CASE WHEN right(periodo, 1) = '2' THEN left(periodo, 2) || '/1'
        ELSE lpad(CAST(CAST(left(periodo, 2) AS INTEGER) - 1 AS VARCHAR), 2, '0') || '/2' END
    WHEN 'año' THEN CAST(CAST(periodo AS INTEGER) - 1 AS VARCHAR)
    WHEN 'mes' THEN strftime(CAST(periodo || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m')
END"""


def _rounded_percent(numerator: str, denominator: str) -> str:
    """100 × numerator / denominator to 2 decimals, the half away from zero, exactly: DuckDB
    divides DECIMAL into DOUBLE, so the division is done on integers of ten-thousandths (values
    carry at most 4 decimals); the denominator (a target) is positive."""
    n = f"CAST(round(({numerator}) * 10000) AS HUGEINT)"
    d = f"CAST(round(({denominator}) * 10000) AS HUGEINT)"
    return f"CAST(sign({n}) * ((2 * abs({n}) * 10000 + {d}) // (2 * {d})) AS DECIMAL(38, 0)) * 0.01"


def _semaforo() -> str:
    colours = " ".join(
        f"WHEN cumplimiento >= {threshold} THEN '{colour}'" for colour, threshold in THRESHOLDS
    )
    return f"""CASE
        WHEN oculta THEN '{CONFIDENTIAL}'
        WHEN NOT periodo_publicado THEN '{PENDING}'
        WHEN valor IS NULL THEN '{NO_DATA}'
        {colours}
        ELSE '{RED}' END"""


def evaluation_sql(targets: str) -> str:
    """`evaluacion`: one row per target in force (`targets`: marts.metas_vigentes)."""
    ascending = _rounded_percent("valor", "meta")
    descending = _rounded_percent("2 * meta - valor", "meta")
    return f"""
WITH
catalogo (clave_indicador, sentido, periodicidad) AS ({_catalog_values()}),
celdas AS ({_shown_cells()}),
periodos_publicados AS (SELECT DISTINCT clave_indicador, periodo FROM {PUBLISHED_INDICATORS}),
metas AS (
    SELECT m.*, c.sentido, {PREVIOUS_PERIOD} AS periodo_anterior
    FROM {targets} AS m JOIN catalogo AS c USING (clave_indicador)
),
evaluadas AS (
    SELECT
        m.instrumento, m.clave_instrumento, m.clave_indicador, m.ambito, m.clave_ambito,
        m.periodo, m.meta, m.meta_original, m.linea_base, m.sentido,
        coalesce(actual.oculta, false) AS oculta,
        p.periodo IS NOT NULL AS periodo_publicado,
        actual.estado_confidencialidad,
        CASE WHEN NOT coalesce(actual.oculta, false) THEN actual.valor END AS valor,
        CASE WHEN NOT coalesce(actual.oculta, false) THEN anterior.valor END AS valor_anterior
    FROM metas AS m
    LEFT JOIN celdas AS actual USING (clave_indicador, periodo, ambito, clave_ambito)
    LEFT JOIN celdas AS anterior ON anterior.clave_indicador = m.clave_indicador
        AND anterior.periodo = m.periodo_anterior AND anterior.ambito = m.ambito
        AND anterior.clave_ambito = m.clave_ambito
    LEFT JOIN periodos_publicados AS p USING (clave_indicador, periodo)
),
con_cumplimiento AS (
    SELECT *,
        CASE WHEN valor IS NULL THEN NULL
             WHEN sentido = '{ASCENDING}' THEN {ascending}
             WHEN sentido = '{DESCENDING}' THEN {descending} END AS cumplimiento
    FROM evaluadas
)
SELECT instrumento, clave_instrumento, clave_indicador, ambito, clave_ambito, periodo,
    meta, meta_original, linea_base, sentido, valor, estado_confidencialidad,
    CAST(cumplimiento AS DECIMAL(18, 2)) AS cumplimiento,
    {_semaforo()} AS semaforo,
    valor_anterior,
    valor - valor_anterior AS variacion
FROM con_cumplimiento
ORDER BY clave_instrumento, clave_indicador, ambito, clave_ambito, periodo
"""


def comparison_sql(units: str) -> str:
    """`comparacion_unidades`: each unit's shown figure among the units of its level (`units`:
    marts.dim_unidad, its current version)."""
    return f"""
WITH
catalogo (clave_indicador, sentido, periodicidad) AS ({_catalog_values()}),
celdas AS ({_shown_cells()}),
nivel_actual AS (SELECT cve_unidad, nivel FROM {units} WHERE es_actual),
unidades AS (
    SELECT c.clave_indicador, c.periodo, c.clave_ambito AS cve_unidad, n.nivel, c.valor,
        k.sentido
    FROM celdas AS c
    JOIN catalogo AS k USING (clave_indicador)
    LEFT JOIN nivel_actual AS n ON n.cve_unidad = c.clave_ambito
    WHERE c.ambito = 'UNIDAD' AND NOT c.oculta AND c.valor IS NOT NULL
),
ipn AS (SELECT clave_indicador, periodo, valor AS valor_ipn FROM celdas WHERE ambito = 'IPN')
SELECT
    u.clave_indicador, u.periodo, u.cve_unidad, u.nivel, u.sentido, u.valor,
    CAST(count(*) OVER pares AS INTEGER) AS n_pares,
    median(u.valor) OVER pares AS mediana_pares,
    CAST(CASE u.sentido
        WHEN '{ASCENDING}' THEN rank() OVER (
            PARTITION BY u.clave_indicador, u.periodo, u.nivel ORDER BY u.valor DESC)
        ELSE rank() OVER (
            PARTITION BY u.clave_indicador, u.periodo, u.nivel ORDER BY u.valor ASC)
    END AS INTEGER) AS posicion,
    ipn.valor_ipn
FROM unidades AS u
LEFT JOIN ipn USING (clave_indicador, periodo)
WINDOW pares AS (PARTITION BY u.clave_indicador, u.periodo, u.nivel)
ORDER BY u.clave_indicador, u.periodo, u.nivel, posicion, u.cve_unidad
"""


def _semaforo_text() -> str:
    colours = ", ".join(f"{c} si cumplimiento ≥ {t}" for c, t in THRESHOLDS)
    return (
        f"{colours}, {RED} debajo; {CONFIDENTIAL}: la cifra está suprimida (no se muestra nada de "
        f"ella); {PENDING}: aún no se publica ninguna cifra del indicador en ese periodo; "
        f"{NO_DATA}: el periodo está publicado pero esta celda no existe o no tiene valor."
    )


_TARGET_KEY = {
    "instrumento": "Instrumento de planeación: PDI, POA o MIR.",
    "clave_instrumento": "Clave del instrumento, p. ej. PDI-2025-2030, POA-2025, MIR-E010-2025.",
    "clave_indicador": "Clave del indicador; su definición está en dim_indicador.",
    "ambito": "Ámbito de la meta: IPN, NIVEL, UNIDAD o PROGRAMA.",
    "clave_ambito": "IPN, la clave del nivel, la cve_unidad o la cve_programa.",
    "periodo": "Periodo de la meta, en la periodicidad del indicador (YY/N, YYYY o YYYY-MM).",
}

# Column descriptions of the two tables, for the data dictionary (descriptions.py).
EVALUATION_COLUMNS = {
    "evaluacion": _TARGET_KEY
    | {
        "meta": "Meta vigente: la registrada con la fecha_registro más reciente.",
        "meta_original": "Meta con que se fijó por primera vez (la fecha_registro más antigua).",
        "linea_base": "Línea base de la meta vigente (opcional).",
        "sentido": "ascendente (más es mejor) o descendente (menos es mejor).",
        "valor": "Cifra publicada del indicador en esa celda; nula si está suprimida o no existe.",
        "estado_confidencialidad": (
            "Estado de confidencialidad de la cifra, tal como se publica en indicadores."
        ),
        "cumplimiento": (
            "Porcentaje de cumplimiento, 2 decimales (la mitad se aleja de cero): ascendente "
            "100 × valor / meta; descendente 100 × (2 × meta − valor) / meta; nulo sin valor."
        ),
        "semaforo": _semaforo_text(),
        "valor_anterior": (
            "Cifra publicada de la misma celda en el periodo anterior de su periodicidad "
            "(25/1 → 24/2, 2025 → 2024, 2025-03 → 2025-02); nula si no se publica."
        ),
        "variacion": "valor − valor_anterior.",
    },
    "comparacion_unidades": {
        "clave_indicador": _TARGET_KEY["clave_indicador"],
        "periodo": "Periodo de la cifra.",
        "cve_unidad": "Unidad comparada.",
        "nivel": "Nivel de la unidad en el catálogo vigente (dim_unidad, es_actual).",
        "sentido": "ascendente (más es mejor) o descendente (menos es mejor).",
        "valor": "Cifra publicada de la unidad (nunca una suprimida).",
        "n_pares": (
            "Unidades del mismo nivel con cifra publicada sin supresión en ese indicador y "
            "periodo, ella incluida."
        ),
        "mediana_pares": "Mediana de las cifras de esas unidades.",
        "posicion": (
            "Lugar de la unidad entre sus pares, 1 = la mejor según el sentido; los empates "
            "comparten el lugar más bajo (como rank() de SQL)."
        ),
        "valor_ipn": "Cifra publicada del IPN en ese indicador y periodo.",
    },
}
