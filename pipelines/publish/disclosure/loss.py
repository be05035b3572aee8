"""Information loss of a publication: per table family, the cells hidden (primary, secondary) and
the share of the family's total they hold (over every ámbito: IPN, NIVEL, UNIDAD, PROGRAMA).

A count weighs its value; a ratio weighs its denominator (the people it is computed over).
"""

from __future__ import annotations

import duckdb

from pipelines.publish.disclosure.published import STATUS_COLUMN
from pipelines.specs.disclosure import PRIMARY, SECONDARY, load_declaration


def information_loss(con: duckdb.DuckDBPyConnection, marts: str) -> list[dict]:
    """Rows of (familia, celdas, primarias, secundarias, total, oculto, porcentaje_oculto)."""
    declaration = load_declaration()
    claves = ", ".join(f"'{c}'" for c in declaration.indicators)
    spec = declaration.matricula_cells
    key = ", ".join(spec.key)
    cursor = con.execute(f"""
        WITH celdas AS (
            SELECT p.clave_indicador AS familia, p.{STATUS_COLUMN} AS estado,
                   coalesce(w.denominador, w.valor) AS peso
            FROM indicadores AS p
            JOIN {marts}.indicadores AS w USING (clave_indicador, periodo, ambito, clave_ambito)
            WHERE p.clave_indicador IN ({claves})
            UNION ALL
            SELECT '{spec.table}', p.{STATUS_COLUMN}, w.{spec.count}
            FROM {spec.table} AS p JOIN {marts}.{spec.table} AS w USING ({key})
        )
        SELECT familia, count(*) AS celdas,
               count(*) FILTER (WHERE estado = '{PRIMARY}') AS primarias,
               count(*) FILTER (WHERE estado = '{SECONDARY}') AS secundarias,
               sum(peso) AS total, coalesce(sum(peso) FILTER (WHERE estado <> 'F'), 0) AS oculto
        FROM celdas GROUP BY familia ORDER BY familia""")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["total"], row["oculto"] = float(row["total"] or 0), float(row["oculto"] or 0)
        row["porcentaje_oculto"] = (
            round(100 * row["oculto"] / row["total"], 2) if row["total"] else 0.0
        )
    return rows
