"""The data dictionary (Spanish) of a publication, generated from the file itself, the contracts
and the indicator catalog: a `diccionario` table, column comments, and diccionario.md beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.publish.descriptions import column_description
from pipelines.publish.examples import examples_markdown
from pipelines.publish.open_data.guide import package_markdown
from pipelines.specs.contracts import Contract, all_contracts
from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import load_catalog


@dataclass(frozen=True)
class Entry:
    tabla: str
    columna: str
    tipo: str
    descripcion: str


def _escape(text: str) -> str:
    return text.replace("'", "''")


def dictionary_entries(con: duckdb.DuckDBPyConnection) -> list[Entry]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY table_name, column_index"
    ).fetchall()
    return [Entry(t, c, d, column_description(t, c)) for t, c, d in rows]


def write_dictionary(
    con: duckdb.DuckDBPyConnection, table_descriptions: dict[str, str]
) -> list[Entry]:
    """Comment every table and column of the open publication and add the `diccionario` table."""
    con.execute(
        "CREATE TABLE diccionario (tabla VARCHAR, "
        "columna VARCHAR, tipo VARCHAR, descripcion VARCHAR)"
    )
    entries = dictionary_entries(con)
    con.executemany(
        "INSERT INTO diccionario VALUES (?, ?, ?, ?)",
        [[e.tabla, e.columna, e.tipo, e.descripcion] for e in entries],
    )
    for table, text in table_descriptions.items():
        con.execute(f"COMMENT ON TABLE {table} IS '{_escape(text)}'")
    for e in entries:
        if e.descripcion:
            con.execute(f"COMMENT ON COLUMN {e.tabla}.{e.columna} IS '{_escape(e.descripcion)}'")
    return entries


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _tables_markdown(entries: list[Entry], table_descriptions: dict[str, str]) -> list[str]:
    lines = ["## Tablas publicadas", ""]
    for table in sorted({e.tabla for e in entries}):
        lines += [
            f"### `{table}`",
            "",
            table_descriptions.get(table, ""),
            "",
            "| columna | tipo | descripción |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| `{e.columna}` | {e.tipo} | {_cell(e.descripcion)} |"
            for e in entries
            if e.tabla == table
        ]
        lines.append("")
    return lines


def _indicators_markdown() -> list[str]:
    catalog, declaration = load_catalog(), load_declaration()
    lines = [
        "## Indicadores (tabla `indicadores`, catálogo en `dim_indicador`)",
        "",
        catalog.notacion,
        "",
        "| clave | nombre | unidad | ámbitos | periodicidad | supresión | fórmula |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for i in catalog.indicadores:
        lines.append(
            f"| `{i.clave}` | {_cell(i.nombre)} | {i.unidad} | {', '.join(i.ambitos)} | "
            f"{i.periodicidad} | {declaration.rule_of(i.clave)} | {_cell(i.formula)} |"
        )
    return lines + [""]


def _bounds(low: object, high: object) -> str:
    """A column's range in words: `entre 1 y 12`, `1 o más`, `hasta 12`, or nothing."""
    if low is not None and high is not None:
        return f"entre {low} y {high}"
    if low is not None:
        return f"{low} o más"
    return f"hasta {high}" if high is not None else ""


def _contract_markdown(contract: Contract) -> list[str]:
    lines = [
        f"### Extracto `{contract.kind}`: {contract.title}",
        "",
        contract.description,
        "",
        "| columna | tipo | regla | en el almacén |",
        "| --- | --- | --- | --- |",
    ]
    for c in contract.columns:
        rule = ", ".join(
            filter(
                None,
                [
                    f"valores {', '.join(c.values)}" if c.values else "",
                    _bounds(c.min, c.max),
                    f"en {c.references}" if c.references else "",
                    "" if c.required else "opcional",
                ],
            )
        )
        stored = {
            "pseudonymise": f"seudónimo `{c.pseudonym}` (no se publica)",
            "drop": "se descarta",
        }.get(c.pii or "", "sólo en agregados" if c.confidential else f"`{c.name}`")
        lines.append(f"| `{c.name}` | {c.type} | {_cell(rule) or '—'} | {stored} |")
    return lines + [""]


def disclosure_text() -> str:
    """The disclosure rules in words, from the declaration (models/divulgacion.yml)."""
    d = load_declaration()
    statuses = "; ".join(f"`{code}`: {text}" for code, text in d.status_codes.items())
    hidden = "; ".join(f"`{table}`: {why}" for table, why in d.not_published.items())
    return (
        "Supresión primaria, en todos los ámbitos: los conteos mayores que 0 y "
        f"menores que {d.count_below} y las razones con denominador mayor que 0 y menor que "
        f"{d.denominator_below}; en `fct_matricula`, las celdas de 1 a {d.count_below - 1} "
        "alumnos. Supresión secundaria: las cifras adicionales que elige un optimizador (HiGHS) "
        "para que ninguna cifra primaria pueda deducirse sumando y restando lo publicado; "
        "una auditoría independiente con programación lineal lo comprueba antes de publicar "
        f"(intervalo de al menos {d.protection_level:g}). Una cifra suprimida tiene `valor`, "
        "`numerador` y `denominador` (o `alumnos`) nulos, `suprimido` verdadero y "
        f"`estado_confidencialidad` (CL_CONF_STATUS de SDMX): {statuses} Una sola marca para "
        "toda cifra oculta: lo publicado no dice qué regla la ocultó. Las cifras de "
        f"{' y '.join(d.totals)} sólo se suprimen donde una de ellas, de la misma magnitud "
        "y periodo, cae bajo la regla primaria; los indicadores presupuestales nunca. "
        f"Para totales use `indicadores` y no la suma de celdas. No se publica {hidden}"
    )


def dictionary_markdown(
    entries: list[Entry], table_descriptions: dict[str, str], version: int
) -> str:
    lines = [
        f"# Diccionario de datos del SIIE — publicación {version}",
        "",
        (
            "Generado al publicar desde el archivo publicado, los contratos de los extractos "
            "(`models/contracts/`) y el catálogo de indicadores (`models/indicadores.yml`)."
        ),
        "",
        "## Control de divulgación",
        "",
        disclosure_text(),
        "",
    ]
    lines += examples_markdown()
    lines += _tables_markdown(entries, table_descriptions)
    lines += _indicators_markdown()
    lines += package_markdown()
    lines += [
        "## Extractos de origen",
        "",
        "Los datos personales no llegan a ninguna tabla publicada.",
        "",
    ]
    for contract in all_contracts().values():
        lines += _contract_markdown(contract)
    return "\n".join(lines)
