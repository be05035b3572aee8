"""Suites of the marts and of the reconciliation of control totals across layers.

The rows each suite sees come from pipelines.quality.registry (a mart, or a query that lines up
the same total in raw, the facts and the indicators); the expectations here say what must hold.
What a specification already states is read from it, not retyped: the ámbitos, the budget key,
amounts and months (the presupuesto contract), fct_matricula's cell key and the salary threshold
(the disclosure declaration).
"""

from __future__ import annotations

from typing import Any

from pipelines.core.wording import one_of
from pipelines.quality.expectation import WARNING, comparison, expect, parameter
from pipelines.specs.contracts import load_contract
from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import AMBITOS

MIN_PEOPLE_FOR_SALARIES = load_declaration().min_people_for_salaries
MATRICULA_CELLS = load_declaration().matricula_cells
PRESUPUESTO = load_contract("presupuesto")
MONTH = PRESUPUESTO.column("mes")


def _non_negative(*columns: str) -> list[dict[str, Any]]:
    return [
        expect("column_values_to_be_between", f"{c} no es negativo", column=c, min_value=0)
        for c in columns
    ]


def _equal(column_a: str, column_b: str, description: str) -> dict[str, Any]:
    return expect(
        "column_pair_values_to_be_equal", description, column_A=column_a, column_B=column_b
    )


FCT_MATRICULA = [
    expect(
        "compound_columns_to_be_unique",
        "una celda por periodo, unidad, programa, sexo, semestre y tipo de ingreso",
        column_list=list(MATRICULA_CELLS.key),  # models/divulgacion.yml, celdas_matricula
    ),
    expect("column_values_to_not_be_null", "alumnos no es nulo", column="alumnos"),
    expect(
        "column_values_to_be_between",
        "alumnos es al menos 1 (no hay celdas vacías ni negativas)",
        column="alumnos",
        min_value=1,
    ),
    expect(
        "column_values_to_be_in_set",
        "cve_unidad está en cat_unidades",
        column="cve_unidad",
        value_set=parameter("cat_unidades__cve_unidad"),
    ),
    expect(
        "column_values_to_be_in_set",
        "cve_programa está en cat_programas",
        column="cve_programa",
        value_set=parameter("cat_programas__cve_programa"),
    ),
]

FCT_PLANTILLA = [
    expect(
        "compound_columns_to_be_unique",
        "una celda por corte, unidad, tipo de personal, dedicación, grado y sexo",
        column_list=[
            "fecha_corte",
            "cve_unidad",
            "tipo_personal",
            "tiempo_dedicacion",
            "grado_maximo",
            "sexo",
        ],
    ),
    expect("column_values_to_be_between", "personas es al menos 1", column="personas", min_value=1),
    *_non_negative("plazas", "horas_semana", "sueldo_mensual_total"),
    expect(
        "column_pair_values_a_to_be_greater_than_b",
        "plazas ≥ personas",
        column_A="plazas",
        column_B="personas",
        or_equal=True,
    ),
    expect(
        "column_values_to_be_null",
        f"sueldos sólo como total de {MIN_PEOPLE_FOR_SALARIES} o más personas",
        column="sueldo_mensual_total",
        row_condition=comparison("personas", "<", MIN_PEOPLE_FOR_SALARIES),
    ),
]

FCT_PRESUPUESTO = [
    expect(
        "compound_columns_to_be_unique",
        "una clave presupuestal por ejercicio y mes",
        column_list=list(PRESUPUESTO.key),  # the contract's key
    ),
    # the amounts: the contract's decimal columns with minimum 0 (fct_presupuesto carries them all)
    *_non_negative(*(c.name for c in PRESUPUESTO.columns if c.type == "decimal" and c.min == 0)),
    expect(
        "column_values_to_be_between",
        f"mes entre {MONTH.min} y {MONTH.max}",
        column="mes",
        min_value=MONTH.min,
        max_value=MONTH.max,
    ),
]

INDICADORES = [
    expect(
        "compound_columns_to_be_unique",
        "un renglón por indicador, periodo, ámbito y clave de ámbito",
        column_list=["clave_indicador", "periodo", "ambito", "clave_ambito"],
    ),
    expect(
        "column_values_to_be_in_set",
        "clave_indicador está en el catálogo (models/indicadores.yml)",
        column="clave_indicador",
        value_set=parameter("indicadores__clave"),
    ),
    expect(
        "column_values_to_be_in_set",
        f"ámbito {one_of(AMBITOS)}",
        column="ambito",
        value_set=list(AMBITOS),
    ),
    expect(
        "column_values_to_be_between",
        "los porcentajes están entre 0 y 100",
        column="valor_porcentaje",
        min_value=0,
        max_value=100,
    ),
    expect(
        "column_values_to_be_between",
        "conteos y montos no negativos",
        column="valor_conteo",
        min_value=0,
    ),
    *_non_negative("numerador", "denominador"),
    expect(
        "column_pair_values_a_to_be_greater_than_b",
        "en un porcentaje, numerador ≤ denominador",
        column_A="denominador_porcentaje",
        column_B="numerador_porcentaje",
        or_equal=True,
    ),
    expect(
        "column_values_to_not_be_null",
        "cada indicador tiene unidad en el catálogo",
        column="unidad",
    ),
]

CONCILIACION_MATRICULA = [
    _equal(
        "alumnos_raw",
        "alumnos_fct_matricula",
        "alumnos en raw.matricula = Σ alumnos de fct_matricula",
    ),
    _equal(
        "alumnos_raw", "matricula_total_ipn", "alumnos en raw.matricula = MATRICULA_TOTAL del IPN"
    ),
    _equal(
        "matricula_total_ipn",
        "matricula_total_suma_niveles",
        "MATRICULA_TOTAL del IPN = Σ de los niveles",
    ),
    _equal(
        "matricula_total_ipn",
        "matricula_total_suma_unidades",
        "MATRICULA_TOTAL del IPN = Σ de las unidades",
    ),
    _equal(
        "matricula_total_ipn",
        "matricula_total_suma_programas",
        "MATRICULA_TOTAL del IPN = Σ de los programas",
    ),
]

CONCILIACION_PRESUPUESTO = [
    _equal(
        "devengado_raw",
        "devengado_fct_presupuesto",
        "devengado del último mes: raw.presupuesto = fct_presupuesto",
    ),
    _equal(
        "devengado_raw",
        "presupuesto_devengado_ipn",
        "devengado del último mes de raw.presupuesto = PRESUPUESTO_DEVENGADO del IPN",
    ),
    _equal(
        "presupuesto_devengado_ipn",
        "presupuesto_devengado_suma_unidades",
        "PRESUPUESTO_DEVENGADO del IPN = Σ de las unidades",
    ),
]

DEVENGADO_ACUMULADO = [
    expect(
        "column_values_to_be_null",
        "aviso: el devengado acumulado de una clave presupuestal bajó respecto del mes cargado "
        "anterior (cada caso dice la unidad, la clave, los dos meses y sus montos)",
        severity=WARNING,
        column="baja_del_devengado",
    ),
]

MART_SUITES: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]] = {
    "fct_matricula": (FCT_MATRICULA, {"tabla": "marts.fct_matricula"}),
    "fct_plantilla": (FCT_PLANTILLA, {"tabla": "marts.fct_plantilla"}),
    "fct_presupuesto": (FCT_PRESUPUESTO, {"tabla": "marts.fct_presupuesto"}),
    "indicadores": (INDICADORES, {"tabla": "marts.indicadores"}),
    "conciliacion_matricula": (
        CONCILIACION_MATRICULA,
        {"tabla": "raw.matricula, fct_matricula, indicadores"},
    ),
    "conciliacion_presupuesto": (
        CONCILIACION_PRESUPUESTO,
        {"tabla": "raw.presupuesto, fct_presupuesto, indicadores"},
    ),
    "presupuesto_devengado_acumulado": (DEVENGADO_ACUMULADO, {"tabla": "raw.presupuesto"}),
}


def mart_suite(name: str) -> dict[str, Any]:
    expectations, meta = MART_SUITES[name]
    return {"name": name, "expectations": expectations, "meta": meta}
