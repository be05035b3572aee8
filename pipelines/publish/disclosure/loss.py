"""Information loss of a publication, per table family (over every ámbito: IPN, NIVEL, UNIDAD,
PROGRAMA).

Two views of it. The exact loss — cells hidden by each rule (primary, secondary) and the share of
the family's total they hold — is for the internal auditors' report only: the sum of the hidden
values of a family is itself a figure an intruder could subtract from. What is published says
only how many cells are hidden.

A count weighs its value; a ratio weighs its denominator (the people it is computed over).
"""

from __future__ import annotations

import duckdb

from pipelines.publish.disclosure.pattern import CELL_STATUS_TABLE, ROW_STATUS_TABLE
from pipelines.specs.disclosure import FREE, PRIMARY, SECONDARY, load_declaration

PUBLIC_FIELDS = ("familia", "celdas", "ocultas")


def information_loss(con: duckdb.DuckDBPyConnection, marts: str) -> list[dict]:
    """Rows of (familia, celdas, ocultas, primarias, secundarias, total, oculto,
    porcentaje_oculto), from the pattern's own statuses and the warehouse's true values."""
    declaration = load_declaration()
    claves = ", ".join(f"'{c}'" for c in [*declaration.indicators, *declaration.derived])
    spec = declaration.matricula_cells
    cursor = con.execute(f"""
        WITH celdas AS (
            SELECT w.clave_indicador AS familia, coalesce(s.estado, '{FREE}') AS estado,
                   coalesce(w.denominador, w.valor) AS peso
            FROM {marts}.indicadores AS w LEFT JOIN {ROW_STATUS_TABLE} AS s
                USING (clave_indicador, periodo, ambito, clave_ambito)
            WHERE w.clave_indicador IN ({claves})
            UNION ALL
            SELECT '{spec.table}', coalesce(s.estado, '{FREE}'), w.{spec.count}
            FROM {marts}.{spec.table} AS w LEFT JOIN {CELL_STATUS_TABLE} AS s
                USING ({", ".join(spec.key)})
        )
        SELECT familia, count(*) AS celdas,
               count(*) FILTER (WHERE estado <> '{FREE}') AS ocultas,
               count(*) FILTER (WHERE estado = '{PRIMARY}') AS primarias,
               count(*) FILTER (WHERE estado = '{SECONDARY}') AS secundarias,
               sum(peso) AS total,
               coalesce(sum(peso) FILTER (WHERE estado <> '{FREE}'), 0) AS oculto
        FROM celdas GROUP BY familia ORDER BY familia""")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["total"], row["oculto"] = float(row["total"] or 0), float(row["oculto"] or 0)
        row["porcentaje_oculto"] = (
            round(100 * row["oculto"] / row["total"], 2) if row["total"] else 0.0
        )
    return rows


def public_loss(rows: list[dict]) -> list[dict]:
    """What the manifest may say of the loss: how many cells of each family are hidden."""
    return [{name: row[name] for name in PUBLIC_FIELDS} for row in rows]
