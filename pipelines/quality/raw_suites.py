"""The suite of each raw.<kind> table, derived from its contract (models/contracts/<kind>.yml).

Columns, types, code lists, ranges, patterns, keys and the row rules that one row (or one pair
of columns) can show are turned into expectations. Rules that need other rows or periods (age
at the start of the period, one egreso per student and program) stay with ingestion and are
listed in the suite's meta so that auditors see where each rule is enforced.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from pipelines.quality.expectation import comparison, expect, parameter
from pipelines.specs.contracts import LINEAGE_COLUMNS, Column, Contract

# pandas dtype of each contract type once a DuckDB batch crosses Arrow (pipelines.quality.batches:
# DECIMAL read as float64, INTEGER widened to int64, DATE as datetime64[ms]); a column of another
# kind (text where a number belongs, a number where a date belongs) shows another dtype.
PANDAS_TYPES = {"text": "str", "integer": "int64", "decimal": "float64", "date": "datetime64[ms]"}
PSEUDONYM_PATTERN = r"^[0-9a-f]{64}$"


def _type_name(column: Column) -> str:
    return "str" if column.pii else PANDAS_TYPES[column.type]


def column_expectations(column: Column) -> list[dict[str, Any]]:
    """The expectations of a stored column (a dropped identifier has none: it is not in raw)."""
    name = column.stored_name
    if name is None:
        return []
    hide = column.pii is not None
    found = [
        expect(
            "column_values_to_be_of_type",
            f"{name} es de tipo {column.type}",
            column=name,
            type_=_type_name(column),
        )
    ]
    if column.required:
        found.append(expect("column_values_to_not_be_null", f"{name} es obligatoria", column=name))
    if column.values:
        values: list[Any] = (
            [int(v) for v in column.values] if column.type == "integer" else list(column.values)
        )
        found.append(
            expect(
                "column_values_to_be_in_set",
                f"{name} en {', '.join(column.values)}",
                column=name,
                value_set=values,
            )
        )
    if column.pii == "pseudonymise":
        found.append(
            expect(
                "column_values_to_match_regex",
                f"{name} es un seudónimo HMAC-SHA256 (64 hex)",
                hide_values=True,
                column=name,
                regex=PSEUDONYM_PATTERN,
            )
        )
    elif column.regex:
        found.append(
            expect(
                "column_values_to_match_regex",
                f"{name} sigue el patrón {column.regex}",
                column=name,
                regex=column.regex,
            )
        )
    if column.min is not None or column.max is not None:
        strict: dict[str, Any] = {"strict_min": True} if column.min_exclusive else {}
        found.append(
            expect(
                "column_values_to_be_between",
                _range_text(name, column.min, column.max, column.min_exclusive),
                column=name,
                min_value=column.min,
                max_value=column.max,
                **strict,
            )
        )
    if column.references:
        found.append(
            expect(
                "column_values_to_be_in_set",
                f"{name} está en {column.references}",
                column=name,
                value_set=parameter(column.references.replace(".", "__")),
            )
        )
    return [dict(e, meta={**e["meta"], "ocultar_valores": True}) if hide else e for e in found]


def _range_text(name: str, low, high, exclusive: bool = False) -> str:
    if high is None and exclusive:
        return f"{name} es mayor que {low}"
    if high is None:
        return f"{name} es al menos {low}"
    if low is None:
        return f"{name} es a lo más {high}"
    return f"{name} entre {low} y {high}"


def lineage_expectations() -> list[dict[str, Any]]:
    names = [name for name, _ in LINEAGE_COLUMNS]
    return [
        *(
            expect("column_values_to_not_be_null", f"{name} (linaje) es obligatoria", column=name)
            for name in names
        ),
        expect(
            "column_values_to_match_regex",
            "_sha256 es un SHA-256 (64 hex)",
            column="_sha256",
            regex=PSEUDONYM_PATTERN,
        ),
        expect(
            "column_values_to_be_between",
            "_fila es un renglón de datos (≥ 2; el encabezado es el 1)",
            column="_fila",
            min_value=2,
        ),
    ]


def _stored(contract: Contract, name: str) -> str:
    stored = contract.column(name).stored_name
    if stored is None:
        raise ValueError(f"{contract.kind}.{name} no se guarda en raw: una regla no puede usarla")
    return stored


def _amounts_ordered(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    columns = rule["columns"]
    return [
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            f"{high} ≥ {low}",
            column_A=high,
            column_B=low,
            or_equal=True,
        )
        for low, high in itertools.pairwise(columns)
    ]


PAIR_SEPARATOR = ":"


def pair_column(first: str, second: str) -> str:
    """Name of the derived column `first:second` that a pair rule checks against a code list.

    GX's column-pair-in-set walks pandas rows one by one (minutes at IPN scale); a derived
    column checked with the vectorised in-set expectation says the same in a fraction of it.
    """
    return f"_par__{first}__{second}"


def pair_sql(first: str, second: str) -> str:
    return (
        f"CAST({first} AS VARCHAR) || '{PAIR_SEPARATOR}' || CAST({second} AS "
        f"VARCHAR) AS {pair_column(first, second)}"
    )


def _pair_in_set(first: str, second: str, description: str, value_set) -> dict[str, Any]:
    return expect(
        "column_values_to_be_in_set",
        description,
        column=pair_column(first, second),
        value_set=value_set,
    )


def _hours_match_dedication(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    hours = contract.column("horas_semana")
    dedications = contract.column("tiempo_dedicacion").values or ()
    if hours.min is None or hours.max is None:
        raise ValueError("plantilla.horas_semana necesita min y max para la regla de horas")
    free = [d for d in dedications if d not in rule["hours"]]
    pairs = [f"{d}{PAIR_SEPARATOR}{h}" for d, h in rule["hours"].items()]
    pairs += [
        f"{d}{PAIR_SEPARATOR}{h}" for d in free for h in range(int(hours.min), int(hours.max) + 1)
    ]
    return [
        _pair_in_set(
            "tiempo_dedicacion",
            "horas_semana",
            "horas_semana corresponde a tiempo_dedicacion (TC 40, 3/4T 30, MT 20)",
            pairs,
        )
    ]


def _only_for_event(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    column, event = rule["column"], rule["tipo_evento"]
    return [
        expect(
            "column_values_to_be_null",
            f"{column} sólo en eventos {event}",
            column=column,
            row_condition=comparison("tipo_evento", "!=", event),
        )
    ]


def _program_taught_at_unit(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    return [
        _pair_in_set(
            "cve_programa",
            "cve_unidad",
            "cve_programa se imparte en cve_unidad (cat_programas)",
            parameter("cat_programas__cve_programa__cve_unidad"),
        )
    ]


def _semestre_within_duration(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    return [
        expect(
            "column_values_to_be_between",
            "semestre entre 1 y la duración más larga de "
            f"cat_programas + {rule['extra_semesters']}",
            column="semestre",
            min_value=1,
            max_value=parameter("semestre_maximo"),
        )
    ]


def _budget_key_consistent(contract: Contract, rule: dict) -> list[dict[str, Any]]:
    return [
        _pair_in_set(
            "partida",
            target,
            f"{target} corresponde a la partida (cat_partidas)",
            parameter(f"cat_partidas__partida__{target}"),
        )
        for target in ("capitulo", "concepto")
    ]


RULES: dict[str, Callable[[Contract, dict], list[dict[str, Any]]]] = {
    "amounts_ordered": _amounts_ordered,
    "hours_match_dedication": _hours_match_dedication,
    "only_for_event": _only_for_event,
    "program_taught_at_unit": _program_taught_at_unit,
    "semestre_within_program_duration": _semestre_within_duration,
    "budget_key_consistent": _budget_key_consistent,
}


PAIR_RULES = {
    "hours_match_dedication": [("tiempo_dedicacion", "horas_semana")],
    "program_taught_at_unit": [("cve_programa", "cve_unidad")],
    "budget_key_consistent": [("partida", "capitulo"), ("partida", "concepto")],
}


def derived_columns(contract: Contract) -> list[str]:
    """SQL of the pair columns that the suite of raw.<kind> checks (appended to the table's own)."""
    return [pair_sql(a, b) for rule in contract.rules for a, b in PAIR_RULES.get(rule["rule"], [])]


def raw_suite(contract: Contract) -> dict[str, Any]:
    """Name, expectations and meta of the suite of raw.<kind>."""
    stored = [c for c in contract.columns if c.stored_name]
    derived = [sql.rsplit(" AS ", 1)[1] for sql in derived_columns(contract)]
    names = [name for name, _ in contract.stored_columns] + derived
    key = [n if n.startswith("_") else _stored(contract, n) for n in contract.stored_key]
    expectations = [
        expect(
            "table_columns_to_match_ordered_list",
            f"raw.{contract.kind} tiene las columnas del contrato "
            "(y al final las derivadas _par__ de la puerta)",
            column_list=names,
        ),
        expect(
            "compound_columns_to_be_unique",
            f"clave única: {', '.join(contract.stored_key)}",
            hide_values=any(contract.column(n).pii for n in contract.key),
            column_list=key,
        ),
    ]
    for column in stored:
        expectations += column_expectations(column)
    expectations += lineage_expectations()
    not_expressible = []
    for rule in contract.rules:
        if rule["rule"] in RULES:
            expectations += RULES[rule["rule"]](contract, rule)
        else:
            not_expressible.append(rule["rule"])
    return {
        "name": f"raw_{contract.kind}",
        "expectations": expectations,
        "meta": {
            "tabla": f"raw.{contract.kind}",
            "contrato": f"models/contracts/{contract.kind}.yml",
            "reglas_solo_en_ingesta": not_expressible,
        },
    }
