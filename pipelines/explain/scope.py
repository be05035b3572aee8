"""How many of a file's rows fall in one ámbito (IPN, a NIVEL, a UNIDAD, a PROGRAMA), loaded and
rejected, read from the working warehouse: raw.<tipo> by its `_carga_id`, raw.rechazos by its
`carga_id` and the unit and program written in the rejected row (`registro`)."""

from __future__ import annotations

import duckdb

from pipelines.core.queries import one_row

SCHOOL_KINDS = ("matricula", "trayectoria")


def _condition(kind: str, ambito: str, unit: str, program: str) -> tuple[str, bool]:
    """SQL condition on the row's unit/program expressions, and whether it can be answered."""
    if ambito == "IPN":
        return "true", True
    if ambito == "UNIDAD":
        return f"{unit} = $clave", True
    if ambito == "PROGRAMA":
        return f"{program} = $clave", kind in SCHOOL_KINDS
    if kind in SCHOOL_KINDS:  # NIVEL: a student belongs to the level of the program
        return (
            f"{program} IN (SELECT cve_programa FROM marts.dim_programa WHERE nivel = $clave)",
            True,
        )
    return (
        f"{unit} IN (SELECT cve_unidad FROM marts.dim_unidad WHERE nivel = $clave AND es_actual)",
        True,
    )


def rows_in_scope(
    con: duckdb.DuckDBPyConnection, kind: str, carga_id: str, ambito: str, clave: str | None
) -> dict | None:
    """{cargadas, rechazadas, rechazadas_sin_ambito, motivos: [(columna, motivo, filas)]} or None
    when rows of this extract cannot be placed in that ámbito."""
    loaded_where, answerable = _condition(kind, ambito, "cve_unidad", "cve_programa")
    if not answerable or kind == "anuies":
        return None
    params = {"carga": carga_id, **({"clave": clave} if "$clave" in loaded_where else {})}
    loaded = one_row(
        con.execute(
            f"SELECT count(*) FROM raw.{kind} WHERE _carga_id = $carga AND {loaded_where}", params
        )
    )[0]
    unit, program = (
        "json_extract_string(registro, '$.cve_unidad')",
        "json_extract_string(registro, '$.cve_programa')",
    )
    rejected_where, _ = _condition(kind, ambito, unit, program)
    reasons = con.execute(
        "SELECT columna, motivo, count(*) FROM raw.rechazos WHERE carga_id = $carga "
        f"AND {rejected_where} GROUP BY ALL ORDER BY 3 DESC, 1, 2",
        params,
    ).fetchall()
    key = program if kind in SCHOOL_KINDS and ambito in ("PROGRAMA", "NIVEL") else unit
    unplaced = (
        one_row(
            con.execute(
                "SELECT count(*) FROM raw.rechazos "
                f"WHERE carga_id = $carga AND coalesce({key}, '') = ''",
                {"carga": carga_id},
            )
        )[0]
        if ambito != "IPN"
        else 0
    )
    return {
        "cargadas": loaded,
        "rechazadas": sum(n for *_, n in reasons),
        "rechazadas_sin_ambito": unplaced,
        "motivos": [{"columna": c, "motivo": m, "filas": n} for c, m, n in reasons],
    }
