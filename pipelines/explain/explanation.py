"""Everything an auditor needs to trust one published cell of `indicadores`: its value and
confidentiality, the indicator's definition, the files and rows behind it, the checks that ran,
the dbt models between, and the publication. Read from the published version (its `manifest`)
and, for rows, the working warehouse; no identifier is read, and no count is given that would
reveal a figure the publication hides."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import duckdb

from pipelines.access.connection import connect_read_only, publication_path
from pipelines.core.config import Settings
from pipelines.core.queries import one_row
from pipelines.explain.checks import checks_for
from pipelines.explain.lineage import models_between
from pipelines.explain.periods import files_feeding
from pipelines.explain.scope import rows_in_scope
from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import Indicator, load_catalog

CELL_COLUMNS = ("valor", "numerador", "denominador", "suprimido", "estado_confidencialidad")
MANIFEST_FIELDS = (
    "version",
    "publicado_en",
    "run_id",
    "dbt_invocation_id",
    "validacion_aprobada",
    "huella_contenido",
)


class ExplainError(ValueError):
    pass


def explain_cell(
    settings: Settings,
    clave: str,
    periodo: str,
    ambito: str,
    clave_ambito: str | None = None,
    version: int | None = None,
) -> dict:
    indicator = _indicator(clave)
    ambito = ambito.upper()
    clave_ambito = clave_ambito or ambito
    path = publication_path(settings, version)
    with connect_read_only(path) as con:
        clave_ambito = _as_published(con, ambito, clave_ambito)
        cell = _cell(con, indicator, periodo, ambito, clave_ambito)
        manifest = _manifest(con)
        longest = _longest_program(con, ambito, clave_ambito)
    lineage = models_between(indicator.fuente, indicator.familia)
    files = files_feeding(indicator, periodo, manifest["archivos"], longest)
    hidden = bool(cell["suprimido"])
    return {
        "celda": {
            "clave_indicador": indicator.clave,
            "periodo": periodo,
            "ambito": ambito,
            "clave_ambito": clave_ambito,
            **cell,
        },
        "confidencialidad": _confidentiality(indicator, cell),
        "indicador": _definition(indicator),
        "archivos": _files(settings, files, ambito, clave_ambito, hidden),
        "verificaciones": checks_for(manifest["validacion"], indicator.fuente, lineage["modelos"]),
        "linaje_dbt": lineage,
        "publicacion": {**{k: manifest[k] for k in MANIFEST_FIELDS}, "archivo": str(path)},
    }


def explain_latest(
    settings: Settings, clave: str, ambito: str, clave_ambito: str | None = None
) -> dict:
    """The explanation of the cell's latest published period (periods sort as text: 24/2 < 25/1)."""
    with connect_read_only(publication_path(settings)) as con:
        [(periodo,)] = con.execute(
            "SELECT max(periodo) FROM indicadores WHERE clave_indicador = ? AND ambito = ? "
            "AND clave_ambito = ?",
            [clave, ambito, clave_ambito or ambito],
        ).fetchall()
    if periodo is None:
        raise ExplainError(
            f"La publicación no tiene {clave} en el ámbito {ambito} {clave_ambito or ''}".rstrip()
            + "."
        )
    return explain_cell(settings, clave, periodo, ambito, clave_ambito)


def _indicator(clave: str) -> Indicator:
    catalog = {i.clave: i for i in load_catalog().indicadores}
    if clave.upper() in catalog:
        return catalog[clave.upper()]
    close = difflib.get_close_matches(clave.upper(), list(catalog), n=1)
    hint = f"¿Quiso decir {close[0]}?" if close else f"Claves: {', '.join(catalog)}."
    raise ExplainError(
        f"No hay un indicador {clave!r} en el catálogo (models/indicadores.yml). {hint}"
    )


def _as_published(con: duckdb.DuckDBPyConnection, ambito: str, clave: str) -> str:
    """The ámbito's key as published, whatever case it was typed in (`escom` → `ESCOM`)."""
    row = con.execute(
        "SELECT DISTINCT clave_ambito FROM indicadores "
        "WHERE ambito = ? AND upper(clave_ambito) = upper(?) LIMIT 2",
        [ambito, clave],
    ).fetchall()
    return row[0][0] if len(row) == 1 else clave


def _cell(
    con: duckdb.DuckDBPyConnection, indicator: Indicator, periodo: str, ambito: str, clave: str
) -> dict:
    row = con.execute(
        f"SELECT {', '.join(CELL_COLUMNS)} FROM indicadores "
        "WHERE clave_indicador = ? AND periodo = ? AND ambito = ? AND clave_ambito = ?",
        [indicator.clave, periodo, ambito, clave],
    ).fetchone()
    if row is None:
        raise ExplainError(_missing_cell(con, indicator, periodo, ambito, clave))
    return {
        name: (float(v) if v is not None and name in CELL_COLUMNS[:3] else v)
        for name, v in zip(CELL_COLUMNS, row, strict=True)
    }


def _missing_cell(
    con: duckdb.DuckDBPyConnection, indicator: Indicator, periodo: str, ambito: str, clave: str
) -> str:
    def distinct(column: str, where: str = "", params: tuple = ()) -> list[str]:
        return [
            v
            for (v,) in con.execute(
                f"SELECT DISTINCT {column} FROM indicadores WHERE clave_indicador = ? "
                f"{where} ORDER BY 1",
                [indicator.clave, *params],
            ).fetchall()
        ]

    message = (
        f"La publicación no tiene {indicator.clave} en "
        f"el periodo {periodo}, ámbito {ambito} {clave}."
    )
    periods = distinct("periodo")
    if periodo not in periods:
        return f"{message} Periodos publicados: {', '.join(periods)}."
    if ambito not in indicator.ambitos:
        return f"{message} Ámbitos de este indicador: {', '.join(indicator.ambitos)}."
    claves = distinct("clave_ambito", "AND periodo = ? AND ambito = ?", (periodo, ambito))
    close = difflib.get_close_matches(clave.upper(), claves, n=3, cutoff=0.5)
    listed = (
        f"¿Quiso decir {' o '.join(close)}?"
        if close
        else f"Claves de {ambito} en {periodo}: {', '.join(claves[:40])}."
    )
    return f"{message} {listed}"


def _manifest(con: duckdb.DuckDBPyConnection) -> dict:
    names = [*MANIFEST_FIELDS, "archivos", "validacion"]
    row = one_row(
        con.execute(f"SELECT {', '.join(names)} FROM manifest ORDER BY version DESC LIMIT 1")
    )
    manifest = dict(zip(names, row, strict=True))
    manifest["archivos"], manifest["validacion"] = (
        json.loads(manifest["archivos"]),
        json.loads(manifest["validacion"]),
    )
    return manifest


def _longest_program(con: duckdb.DuckDBPyConnection, ambito: str, clave: str) -> int:
    where = {
        "PROGRAMA": "cve_programa = $c",
        "UNIDAD": "cve_unidad = $c",
        "NIVEL": "nivel = $c",
    }.get(ambito, "true")
    params = {"c": clave} if "$c" in where else {}
    return int(
        one_row(
            con.execute(
                f"SELECT coalesce(max(duracion_semestres), 0) FROM dim_programa WHERE {where}",
                params,
            )
        )[0]
    )


def _confidentiality(indicator: Indicator, cell: dict) -> dict:
    declaration = load_declaration()
    state = cell["estado_confidencialidad"]
    rule = declaration.rule_of(indicator.clave)
    rules = {
        "conteo": f"un conteo mayor que 0 y menor que {declaration.count_below} se oculta",
        "razón": (
            "una razón con denominador mayor que 0 y menor "
            f"que {declaration.denominator_below} se oculta"
        ),
        "ninguna": "este indicador no se suprime (dinero público o referencia nacional)",
    }
    return {
        "estado": state,
        "significado": declaration.status_codes.get(state, state),
        "regla_primaria": rules[rule],
        "nivel_de_proteccion": declaration.protection_level,
    }


def _definition(indicator: Indicator) -> dict:
    return {
        "nombre": indicator.nombre,
        "formula": indicator.formula,
        "numerador": indicator.numerador,
        "denominador": indicator.denominador,
        "unidad": indicator.unidad,
        "fuente": list(indicator.fuente),
        "periodicidad": indicator.periodicidad,
        "familia": indicator.familia,
        "notacion": load_catalog().notacion,
    }


def _files(
    settings: Settings, files: list[dict], ambito: str, clave: str, hidden: bool
) -> list[dict]:
    warehouse = Path(settings.warehouse_path)
    if not warehouse.exists():
        return [
            {
                **f,
                "en_el_ambito": None,
                "nota": "sin almacén de trabajo: sólo lo que guarda el manifiesto",
            }
            for f in files
        ]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [_file(con, f, ambito, clave, hidden) for f in files]


def _file(
    con: duckdb.DuckDBPyConnection, published: dict, ambito: str, clave: str, hidden: bool
) -> dict:
    row = con.execute(
        "SELECT estado, filas_leidas, filas_cargadas, filas_rechazadas, "
        "strftime(terminado_en, '%Y-%m-%dT%H:%M:%S') FROM raw.cargas WHERE carga_id = ?",
        [published["carga_id"]],
    ).fetchone()
    entry = {
        **published,
        **dict(
            zip(
                (
                    "estado_actual",
                    "filas_leidas",
                    "filas_cargadas",
                    "filas_rechazadas",
                    "cargado_en",
                ),
                row or (None,) * 5,
                strict=True,
            )
        ),
    }
    if hidden:
        entry["en_el_ambito"], entry["nota"] = (
            None,
            "celda suprimida: contar sus filas la revelaría",
        )
    else:
        entry["en_el_ambito"] = _masked(
            rows_in_scope(con, published["tipo"], published["carga_id"], ambito, clave)
        )
    return entry


def _masked(counts: dict | None) -> dict | None:
    """Counts of 1 to 4 rows are shown as '<5', as the primary rule would publish them."""
    if counts is None:
        return None
    below = load_declaration().count_below

    def show(n: int) -> int | str:
        return f"<{below}" if 0 < n < below else n

    return {
        **{k: show(v) for k, v in counts.items() if k != "motivos"},
        "motivos": [{**m, "filas": show(m["filas"])} for m in counts["motivos"]],
    }
