"""Which suite validates which table, in what partitions, and which Dagster check reports it.

One place for the whole gate: the suite generator, the gate runner, the asset checks and the
auditors' report all read this table. Nothing here imports Great Expectations.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.core.config import EXTRACT_KINDS
from pipelines.quality.raw_suites import derived_columns
from pipelines.specs.contracts import load_contract

MARTS_SCHEMA = "marts"


@dataclass(frozen=True)
class SuiteSpec:
    """A GX suite, the rows it validates (`source`, a table or a query) and its Dagster check."""

    name: str
    source: str
    partition_by: tuple[str, ...]
    asset: str  # Dagster asset key as a path: raw_matricula, marts/indicadores
    check: str
    gate: str  # "raw" (before dbt) or "marts" (before publication)
    title: str

    @property
    def sql(self) -> str:
        is_table = len(self.source.split()) == 1
        return f"SELECT * FROM {self.source}" if is_table else self.source


def _raw_suite(kind: str) -> SuiteSpec:
    contract = load_contract(kind)
    derived = "".join(f", {sql}" for sql in derived_columns(contract))
    return SuiteSpec(
        name=f"raw_{kind}",
        source=f"SELECT *{derived} FROM raw.{kind}" if derived else f"raw.{kind}",
        partition_by=tuple(c for c in contract.period_columns),
        asset=f"raw_{kind}",
        check="contrato_gx",
        gate="raw",
        title=f"raw.{kind} cumple su contrato ({contract.title})",
    )


# A budget key whose accrued spending (devengado, cumulative within the year) went down from one
# loaded month to the next: said whole, so the warning names the key, the unit and the months.
DEVENGADO_ACUMULADO_SQL = """
WITH meses AS (
    SELECT
        ejercicio, mes, cve_unidad, programa_presupuestario, fuente_financiamiento, partida,
        devengado,
        lag(devengado) OVER clave AS devengado_mes_anterior,
        lag(mes) OVER clave AS mes_anterior
    FROM raw.presupuesto
    WINDOW clave AS (
        PARTITION BY ejercicio, cve_unidad, programa_presupuestario, fuente_financiamiento, partida
        ORDER BY mes
    )
)
SELECT
    *,
    CASE WHEN devengado < devengado_mes_anterior THEN format(
        'unidad {} · programa {} · fuente {} · partida {}: {:,.2f} pesos en {}-{:02d}, '
        || '{:,.2f} pesos en {}-{:02d}',
        cve_unidad, programa_presupuestario, fuente_financiamiento, partida,
        devengado_mes_anterior, ejercicio, mes_anterior, devengado, ejercicio, mes
    ) END AS baja_del_devengado
FROM meses
"""

INDICADORES_SQL = f"""
SELECT
    i.clave_indicador, i.periodo, i.ambito, i.clave_ambito, i.valor, i.numerador, i.denominador,
    c.unidad,
    CASE WHEN c.unidad = 'porcentaje' THEN i.valor END AS valor_porcentaje,
    CASE WHEN c.unidad IN ('alumnos', 'personas', 'pesos') THEN i.valor END AS valor_conteo,
    CASE WHEN c.unidad = 'porcentaje' THEN i.numerador END AS numerador_porcentaje,
    CASE WHEN c.unidad = 'porcentaje' THEN i.denominador END AS denominador_porcentaje
FROM {MARTS_SCHEMA}.indicadores AS i
LEFT JOIN {MARTS_SCHEMA}.dim_indicador AS c USING (clave_indicador)
"""

CONCILIACION_MATRICULA_SQL = f"""
WITH
crudo AS (SELECT periodo, count(*) AS n FROM raw.matricula GROUP BY periodo),
hechos AS (SELECT periodo, sum(alumnos) AS n FROM {MARTS_SCHEMA}.fct_matricula GROUP BY periodo),
indicador AS (
    SELECT periodo, ambito, sum(valor) AS n
    FROM {MARTS_SCHEMA}.indicadores WHERE clave_indicador = 'MATRICULA_TOTAL'
    GROUP BY periodo, ambito
),
periodos AS (SELECT periodo FROM crudo UNION SELECT periodo FROM hechos UNION SELECT periodo
    FROM indicador)
SELECT
    periodos.periodo,
    CAST(coalesce(crudo.n, 0) AS DECIMAL(38, 2)) AS alumnos_raw,
    CAST(coalesce(hechos.n, 0) AS DECIMAL(38, 2)) AS alumnos_fct_matricula,
    CAST(coalesce(ipn.n, 0) AS DECIMAL(38, 2)) AS matricula_total_ipn,
    CAST(coalesce(nivel.n, 0) AS DECIMAL(38, 2)) AS matricula_total_suma_niveles,
    CAST(coalesce(unidad.n, 0) AS DECIMAL(38, 2)) AS matricula_total_suma_unidades,
    CAST(coalesce(programa.n, 0) AS DECIMAL(38, 2)) AS matricula_total_suma_programas
FROM periodos
LEFT JOIN crudo USING (periodo)
LEFT JOIN hechos USING (periodo)
LEFT JOIN indicador AS ipn ON ipn.periodo = periodos.periodo AND ipn.ambito = 'IPN'
LEFT JOIN indicador AS nivel ON nivel.periodo = periodos.periodo AND nivel.ambito = 'NIVEL'
LEFT JOIN indicador AS unidad ON unidad.periodo = periodos.periodo AND unidad.ambito = 'UNIDAD'
LEFT JOIN indicador AS programa ON programa.periodo = periodos.periodo
    AND programa.ambito = 'PROGRAMA'
ORDER BY periodos.periodo
"""

CONCILIACION_PRESUPUESTO_SQL = f"""
WITH
ultimo AS (SELECT ejercicio, max(mes) AS mes FROM raw.presupuesto GROUP BY ejercicio),
crudo AS (
    SELECT p.ejercicio, p.mes, sum(p.devengado) AS devengado
    FROM raw.presupuesto AS p JOIN ultimo USING (ejercicio, mes) GROUP BY p.ejercicio, p.mes
),
hechos AS (
    SELECT f.ejercicio, f.mes, sum(f.devengado) AS devengado
    FROM {MARTS_SCHEMA}.fct_presupuesto AS f JOIN ultimo USING (ejercicio, mes)
        GROUP BY f.ejercicio, f.mes
),
indicador AS (
    SELECT periodo, ambito, sum(valor) AS devengado
    FROM {MARTS_SCHEMA}.indicadores WHERE clave_indicador = 'PRESUPUESTO_DEVENGADO'
    GROUP BY periodo, ambito
)
SELECT
    ultimo.ejercicio,
    ultimo.mes AS ultimo_mes,
    CAST(coalesce(crudo.devengado, 0) AS DECIMAL(38, 2)) AS devengado_raw,
    CAST(coalesce(hechos.devengado, 0) AS DECIMAL(38, 2)) AS devengado_fct_presupuesto,
    CAST(coalesce(ipn.devengado, 0) AS DECIMAL(38, 2)) AS presupuesto_devengado_ipn,
    CAST(coalesce(unidad.devengado, 0) AS DECIMAL(38, 2)) AS presupuesto_devengado_suma_unidades
FROM ultimo
LEFT JOIN crudo USING (ejercicio)
LEFT JOIN hechos USING (ejercicio)
LEFT JOIN indicador AS ipn ON ipn.periodo = CAST(ultimo.ejercicio AS VARCHAR) AND ipn.ambito = 'IPN'
LEFT JOIN indicador AS unidad ON unidad.periodo = CAST(ultimo.ejercicio AS VARCHAR)
    AND unidad.ambito = 'UNIDAD'
ORDER BY ultimo.ejercicio
"""


def _mart(
    name: str, source: str, partition_by: tuple[str, ...], model: str, check: str, title: str
) -> SuiteSpec:
    """A suite on a mart; dbt models are the assets marts/<model>
    (pipelines.transform.translator)."""
    return SuiteSpec(name, source, partition_by, f"{MARTS_SCHEMA}/{model}", check, "marts", title)


SUITES: tuple[SuiteSpec, ...] = (
    *(_raw_suite(kind) for kind in EXTRACT_KINDS),
    SuiteSpec(
        "presupuesto_devengado_acumulado",
        DEVENGADO_ACUMULADO_SQL,
        ("ejercicio",),
        "raw_presupuesto",
        "devengado_acumulado_no_decrece",
        "raw",
        "El devengado acumulado de cada clave presupuestal no disminuye de un mes al siguiente",
    ),
    _mart(
        "fct_matricula",
        f"{MARTS_SCHEMA}.fct_matricula",
        ("periodo",),
        "fct_matricula",
        "conteos_validos",
        "fct_matricula: conteos positivos, un renglón por celda",
    ),
    _mart(
        "fct_plantilla",
        f"{MARTS_SCHEMA}.fct_plantilla",
        ("fecha_corte",),
        "fct_plantilla",
        "conteos_validos",
        "fct_plantilla: conteos positivos, sueldos sólo en celdas de 10 o más personas",
    ),
    _mart(
        "fct_presupuesto",
        f"{MARTS_SCHEMA}.fct_presupuesto",
        ("ejercicio", "mes"),
        "fct_presupuesto",
        "montos_validos",
        "fct_presupuesto: montos no negativos, una clave presupuestal por mes",
    ),
    _mart(
        "indicadores",
        INDICADORES_SQL,
        ("periodo",),
        "indicadores",
        "valores_validos",
        "indicadores: porcentajes entre 0 y 100, conteos no negativos, "
        "un renglón por indicador, periodo y ámbito",
    ),
    _mart(
        "conciliacion_matricula",
        CONCILIACION_MATRICULA_SQL,
        (),
        "indicadores",
        "conciliacion_matricula",
        "Alumnos: raw.matricula = fct_matricula = MATRICULA_TOTAL (IPN y suma de cada ámbito)",
    ),
    _mart(
        "conciliacion_presupuesto",
        CONCILIACION_PRESUPUESTO_SQL,
        (),
        "fct_presupuesto",
        "conciliacion_presupuesto",
        "Devengado del último mes: raw.presupuesto = fct_presupuesto = PRESUPUESTO_DEVENGADO",
    ),
)


def suite_spec(name: str) -> SuiteSpec:
    for spec in SUITES:
        if spec.name == name:
            return spec
    raise KeyError(f"no hay suite {name!r}")


def suites_of_gate(gate: str) -> tuple[SuiteSpec, ...]:
    return tuple(s for s in SUITES if s.gate == gate)


def checks_of_gate(gate: str) -> list[tuple[str, str]]:
    """(asset, check) pairs of a gate, in registry order, each once."""
    seen: list[tuple[str, str]] = []
    for spec in suites_of_gate(gate):
        if (spec.asset, spec.check) not in seen:
            seen.append((spec.asset, spec.check))
    return seen
