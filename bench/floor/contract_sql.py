"""A contract's casts and rules as DuckDB SQL, mirroring pipelines/ingest (casting, checks, rules).

The floor must drop exactly the rows SIIE rejects, or its indicators would differ; the cheapest
honest way is to state every contract check once more, as one boolean per row. Only whether a
row fails matters here, not why.
"""

from __future__ import annotations

from itertools import pairwise

from pipelines.specs.contracts import Column, Contract

PLAIN_NUMBER = r"^-?\d+(\.\d+)?$"
THOUSANDS = r"^-?\d{1,3}(,\d{3})+(\.\d+)?$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}([ T][\d:.]+)?$"
DMY_DATE = r"^\d{2}/\d{2}/\d{4}$"
EXCEL_SERIAL = r"^\d{5}$"
PERIOD = r"^\d{2}/[12]$"
TEXT_PREFIX = "_texto_"  # the text a typed column came from, beside it
CATALOGS = "piso"  # schema of the typed catalogs the checks read (see loading.py)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def text_value(source: str | None) -> str:
    """A cell as SIIE reads it: stripped, empty → NULL. SIIE strips any whitespace; the floor
    only spaces (4× cheaper in DuckDB): the sample files have no tab or other space around a
    value, and the equality check of the indicators would show it if they had."""
    if source is None:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim({quote(source)}), '')"


def _number_text(text: str) -> str:
    return (
        f"CASE WHEN regexp_matches({text}, {literal(PLAIN_NUMBER)}) OR regexp_matches({text}, "
        f"{literal(THOUSANDS)}) THEN replace({text}, ',', '') END"
    )


def typed_value(column: Column, spreadsheet: bool) -> str:
    """pipelines/ingest/casting.py in SQL: NULL where the text is not a value of the type."""
    text = quote(column.name)
    if column.type == "integer":
        number = f"TRY_CAST({_number_text(text)} AS DOUBLE)"
        return f"CASE WHEN {number} = floor({number}) THEN TRY_CAST({number} AS INTEGER) END"
    if column.type == "decimal":
        return f"TRY_CAST({_number_text(text)} AS DECIMAL(18, {column.scale or 2}))"
    if column.type == "date":
        iso = (
            f"CASE WHEN regexp_matches({text}, {literal(ISO_DATE)}) "
            f"THEN CAST(try_strptime(substr({text}, 1, 10), '%Y-%m-%d') AS DATE) END"
        )
        dmy = (
            f"CASE WHEN regexp_matches({text}, {literal(DMY_DATE)}) "
            f"THEN CAST(try_strptime({text}, '%d/%m/%Y') AS DATE) END"
        )
        candidates = [iso, dmy]
        if spreadsheet:
            candidates.append(
                f"CASE WHEN regexp_matches({text}, {literal(EXCEL_SERIAL)}) "
                f"THEN DATE '1899-12-30' + TRY_CAST({text} AS INTEGER) END"
            )
        return f"coalesce({', '.join(candidates)})"
    return text


def _in_list(column: Column) -> str:
    values = [int(v) if column.type == "integer" else v for v in column.values]
    return ", ".join(literal(v) for v in values)


def column_failures(column: Column, typed_only: bool = False) -> list[str]:
    """Conditions (on the text `_texto_<name>` and the typed value `<name>` of a row v) under
    which the column check rejects a row; `typed_only`: only those on the typed value."""
    text, value = f"v.{quote(TEXT_PREFIX + column.name)}", f"v.{quote(column.name)}"
    found = []
    if column.required and not typed_only:
        found.append(f"{text} IS NULL")
    if column.type != "text" and not typed_only:
        found.append(f"{text} IS NOT NULL AND {value} IS NULL")
    if column.values is not None:
        found.append(f"{value} NOT IN ({_in_list(column)})")
    if column.regex:
        found.append(f"NOT regexp_matches({value}, {literal(column.regex)})")
    if column.min is not None:
        found.append(f"{value} < {column.min!r}")
    if column.max is not None:
        found.append(f"{value} > {column.max!r}")
    if column.references:
        table, key = column.references.split(".")
        found.append(f"{value} NOT IN (SELECT {quote(key)} FROM {CATALOGS}.{table})")
    return found


def _period_start(periodo: str) -> str:
    year = f"2000 + CAST(substr({periodo}, 1, 2) AS INTEGER)"
    return (
        f"CASE WHEN regexp_matches({periodo}, {literal(PERIOD)}) THEN CASE substr({periodo}, 4, 1) "
        f"WHEN '1' THEN make_date({year} - 1, 8, 1) ELSE make_date({year}, 2, 1) END END"
    )


def _years_after(day: str, years: int) -> str:
    return f"({day} + INTERVAL {int(years)} YEAR)"


def rule_failures(rule: dict) -> list[str]:
    """pipelines/ingest/rules.py, row-local rules (p = the row's program in cat_programas)."""
    name = rule["rule"]
    if name == "age_at_period_start":
        born, start = f"v.{rule['column']}", _period_start("v.periodo")
        return [
            f"{_years_after(born, rule['min'])} > {start}",
            f"{_years_after(born, rule['max'] + 1)} <= {start}",
        ]
    if name == "program_taught_at_unit":
        return ["p.cve_unidad <> v.cve_unidad"]
    if name == "semestre_within_program_duration":
        return [f"v.semestre > p.duracion_semestres + {int(rule['extra_semesters'])}"]
    if name == "date_not_before_period_start":
        return [f"v.{rule['column']} < {_period_start('v.periodo')}"]
    if name == "only_for_event":
        return [
            f"v.{rule['column']} IS NOT NULL AND v.tipo_evento <> {literal(rule['tipo_evento'])}"
        ]
    if name == "hire_date_plausible":
        return [
            f"v.fecha_ingreso < {_years_after('v.fecha_nacimiento', rule['min_age_at_hire'])}",
            "v.fecha_ingreso > v.fecha_corte",
        ]
    if name == "hours_match_dedication":
        cases = " ".join(f"WHEN {literal(str(k))} THEN {int(h)}" for k, h in rule["hours"].items())
        return [f"v.horas_semana <> (CASE v.tiempo_dedicacion {cases} END)"]
    if name == "budget_key_consistent":
        return [
            "v.capitulo <> (v.partida // 10000) * 1000",
            "v.concepto <> (v.partida // 1000) * 100",
        ]
    if name == "amounts_ordered":
        columns = rule["columns"]
        return [f"v.{small} > v.{large}" for small, large in pairwise(columns)]
    if name == "once_per_student_and_program":
        return []  # across rows: see repeated_event
    raise ValueError(f"regla sin traducción a SQL en el piso: {name}")


def row_failure(contract: Contract) -> str:
    """One boolean: the row breaks a column check or a row-local rule."""
    conditions = [c for column in contract.columns for c in column_failures(column)]
    conditions += [c for rule in contract.rules for c in rule_failures(rule)]
    return " OR ".join(f"coalesce({c}, false)" for c in conditions)


def repeated_event(contract: Contract) -> str | None:
    """once_per_student_and_program within the file: among all rows (valid or not) with the event,
    every one after the first of its (boleta, programa, tipo) fails."""
    rules = contract.rules_named("once_per_student_and_program")
    if not rules:
        return None
    events = ", ".join(literal(e) for e in rules[0]["tipo_evento"])
    key = "v.boleta, v.cve_programa, v.tipo_evento"
    return (
        f"coalesce(v.tipo_evento IN ({events}) AND v.boleta IS NOT NULL AND v.cve_programa "
        f"IS NOT NULL AND row_number() OVER (PARTITION BY {key} ORDER BY v._fila) > 1, false)"
    )


def checked_rows_sql(contract: Contract, spreadsheet: bool, source: str) -> str:
    """`source` (text columns named as the contract + _fila) → typed columns + `_falla`, where
    `_falla` says whether SIIE would reject the row. Duplicate keys: of the rows that pass every
    other check, the first of each key loads."""
    typed = ", ".join(f"{typed_value(c, spreadsheet)} AS {quote(c.name)}" for c in contract.columns)
    texts = ", ".join(
        f"{quote(c.name)} AS {quote(TEXT_PREFIX + c.name)}"
        for c in contract.columns
        if c.required or c.type != "text"
    )
    repeated = repeated_event(contract)
    failing = f"({row_failure(contract)}) OR {repeated}" if repeated else row_failure(contract)
    key = ", ".join(quote(k) for k in contract.key)
    needs_program = any(
        r["rule"] in ("program_taught_at_unit", "semestre_within_program_duration")
        for r in contract.rules
    )
    program_join = (
        f"LEFT JOIN {CATALOGS}.cat_programas AS p ON p.cve_programa = v.cve_programa"
        if needs_program
        else ""
    )
    columns = ", ".join(quote(c.name) for c in contract.columns)
    return f"""
    WITH v AS (SELECT _fila, {typed}, {texts} FROM {source}),
    marcadas AS (SELECT v.*, {failing} AS _falla_fila FROM v {program_join}),
    claves AS (
        SELECT *, CASE WHEN _falla_fila THEN false
                       ELSE row_number() OVER (PARTITION BY _falla_fila, {key} ORDER BY _fila) > 1
                           END AS _repetida
        FROM marcadas
    )
    SELECT _fila, {columns}, _falla_fila OR _repetida AS _falla,
        {period_check(contract)} AS _periodo_ok
    FROM claves AS v
    """


def period_check(contract: Contract) -> str:
    """The row's period columns are valid values (the rows that tell the file's period)."""
    conditions = []
    for name in contract.period_columns:
        column = contract.column(name)
        conditions.append(f"v.{quote(name)} IS NOT NULL")
        conditions += [
            f"NOT coalesce({c}, false)" for c in column_failures(column, typed_only=True)
        ]
    return " AND ".join(conditions)
