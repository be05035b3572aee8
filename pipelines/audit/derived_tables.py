"""The tables derived from the published indicators (`evaluacion`, `comparacion_unidades`,
docs/EVALUATION.md) may show no figure that `indicadores` hides: every value they carry is a
figure `indicadores` shows in the clear, and a target without a figure shows no compliance."""

from __future__ import annotations

import duckdb

from pipelines.specs.disclosure import FREE

SHOWN = f"""shown AS (
    SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM indicadores
    WHERE estado_confidencialidad = '{FREE}' AND NOT suprimido AND valor IS NOT NULL)"""


def _shown(alias: str, ambito: str, clave: str, value: str, same_period: bool = True) -> str:
    period = f" AND s.periodo = {alias}.periodo" if same_period else ""
    return (
        f"EXISTS (SELECT 1 FROM shown s WHERE s.clave_indicador = {alias}.clave_indicador{period} "
        f"AND s.ambito = {ambito} AND s.clave_ambito = {clave} AND s.valor = {value})"
    )


CHECKS = {
    "evaluacion": f"""
        SELECT e.clave_indicador, e.periodo, e.ambito, e.clave_ambito FROM evaluacion e
        WHERE (e.valor IS NOT NULL AND NOT {_shown("e", "e.ambito", "e.clave_ambito", "e.valor")})
           OR (e.valor IS NULL AND (e.cumplimiento IS NOT NULL OR e.variacion IS NOT NULL))
           OR (e.valor_anterior IS NOT NULL AND NOT {
        _shown("e", "e.ambito", "e.clave_ambito", "e.valor_anterior", same_period=False)
    })""",
    "comparacion_unidades": f"""
        SELECT c.clave_indicador, c.periodo, 'UNIDAD', c.cve_unidad FROM comparacion_unidades c
        WHERE NOT {_shown("c", "'UNIDAD'", "c.cve_unidad", "c.valor")}
           OR (c.valor_ipn IS NOT NULL AND NOT {_shown("c", "'IPN'", "'IPN'", "c.valor_ipn")})""",
}


def derived_table_leaks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`table: indicator period ámbito clave` of each row showing a figure indicadores does not."""
    present = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    found = []
    for table, sql in CHECKS.items():
        if table in present:
            rows = con.execute(f"WITH {SHOWN} {sql} ORDER BY ALL").fetchall()
            found += [f"{table}: {' '.join(str(v) for v in row)}" for row in rows]
    return found
