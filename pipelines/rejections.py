"""`siie rechazos`: the rows a load rejected, for the data engineer who sends them back to the
office that produced the file.

    siie rechazos                                  # loads in force: reasons, then the rows
    siie rechazos --periodo 24/1
    siie rechazos --archivo matricula_24-1.csv --salida rechazos.xlsx
    siie rechazos --carga 3f2a… --salida rechazos.csv

Each row: file, the line it starts on (as an editor shows it), column, reason, the offending
value and the whole row, both masked at ingestion (pipelines/ingest/identifiers.py) and masked
again here, so that no boleta, CURP, RFC or employee number ever leaves in an export.
Exit status: 0, also when there is nothing rejected; 2 when there is no warehouse, a filter
matches no load, or the options are wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import duckdb
import polars as pl

from pipelines.access.arguments import add_output_arguments
from pipelines.access.output import OutputError, check_output_path, echo, output_format
from pipelines.access.spreadsheet import csv_text, write_csv_for_excel, write_xlsx
from pipelines.access.table_text import render_table
from pipelines.core.config import Settings, load_settings
from pipelines.ingest.identifiers import scrub_message, scrub_value

EXIT_OK, EXIT_USAGE = 0, 2
FORMATS = ("tabla", "csv", "xlsx")  # what opens in Excel, to send back to the office


def add_rejections_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--carga", metavar="ID", help="una carga (carga_id de `siie estado`)")
    parser.add_argument(
        "--archivo", metavar="NOMBRE", help="un archivo recibido (su nombre, con o sin carpeta)"
    )
    parser.add_argument(
        "--periodo", metavar="PERIODO", help="un periodo cargado: 24/1, o 2024-03 del presupuesto"
    )
    parser.add_argument(
        "--todas",
        action="store_true",
        help="también las cargas reemplazadas después (por omisión, sólo las vigentes)",
    )
    add_output_arguments(parser, "cada renglón rechazado", formats=FORMATS)


def _filters(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    conditions, params = [], {}
    if args.carga:
        conditions.append("c.carga_id = $carga")
        params["carga"] = args.carga
    if args.archivo:
        conditions.append("(c.archivo = $archivo OR c.archivo LIKE '%/' || $archivo)")
        params["archivo"] = args.archivo
    if args.periodo:
        conditions.append("c.periodo = $periodo")
        params["periodo"] = args.periodo
    if not args.todas and not args.carga:
        conditions.append("c.estado <> 'REEMPLAZADO'")
    return " AND ".join(conditions) or "true", params


def _loads(con: duckdb.DuckDBPyConnection, where: str, params: dict[str, str]) -> int:
    [(loads,)] = con.execute(
        f"SELECT count(*) FROM raw.cargas AS c WHERE {where}", params
    ).fetchall()
    return int(loads)


def rejected_rows(settings: Settings, args: argparse.Namespace) -> pl.DataFrame | None:
    """The rejected rows of the loads the options name (None: no load matches them)."""
    where, params = _filters(args)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        if _loads(con, where, params) == 0:
            return None
        table = con.sql(
            "SELECT r.archivo, r.fila, r.columna, r.motivo, r.valor, r.otros_motivos, r.registro "
            "FROM raw.rechazos AS r JOIN raw.cargas AS c USING (carga_id) "
            f"WHERE {where} ORDER BY c.iniciado_en, r.archivo, r.fila, r.columna",
            params=params,
        ).to_arrow_table()
    rows = pl.DataFrame(pl.from_arrow(table))
    return rows.with_columns(
        *(_masked(name, scrub_value) for name in ("valor", "registro")),
        *(_masked(name, scrub_message) for name in ("columna", "motivo", "otros_motivos")),
    )


def _masked(column: str, scrub: Callable[[str], str]) -> pl.Expr:
    return pl.col(column).map_elements(scrub, return_dtype=pl.String)


def by_reason(rows: pl.DataFrame) -> pl.DataFrame:
    return (
        rows.group_by("archivo", "columna", "motivo")
        .agg(pl.len().alias("renglones"), pl.col("fila").min().alias("primera_fila"))
        .sort(["archivo", "renglones"], descending=[False, True])
    )


def _describe(args: argparse.Namespace) -> str:
    named = [
        f"{label} {value}"
        for label, value in (
            ("la carga", args.carga),
            ("el archivo", args.archivo),
            ("el periodo", args.periodo),
        )
        if value
    ]
    return " y ".join(named) if named else "las cargas vigentes"


def main(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.warehouse_path.exists():
        print(f"Aún no hay almacén en {settings.warehouse_path}; ejecute `siie ejecutar`.")
        return EXIT_USAGE
    try:
        fmt = output_format(args.format, args.output)
        if fmt not in FORMATS:
            raise OutputError("siie rechazos escribe .csv o .xlsx, para abrirse en Excel")
        if args.output is not None:
            check_output_path(
                args.output, settings.warehouse_path, settings.published_dir, args.sobrescribir
            )
    except OutputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    rows = rejected_rows(settings, args)
    if rows is None:
        print(
            f"No hay cargas con {_describe(args)}; `siie estado` lista las cargas.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return _show(rows, fmt, args)


def _show(rows: pl.DataFrame, fmt: str, args: argparse.Namespace) -> int:
    if args.output is not None:
        if fmt == "xlsx":
            write_xlsx(rows, args.output, worksheet="rechazos")
        else:
            write_csv_for_excel(rows, args.output)
        print(f"{rows.height:,} renglones rechazados escritos en {args.output}", file=sys.stderr)
        return EXIT_OK
    if fmt == "csv":
        echo(csv_text(rows))
        return EXIT_OK
    if rows.is_empty():
        echo(f"Ningún renglón rechazado en {_describe(args)}.")
        return EXIT_OK
    echo(f"Renglones rechazados en {_describe(args)}, por motivo:")
    echo(render_table(by_reason(rows)))
    echo("\nLos renglones (para enviarlos a quien produjo el archivo use --salida rechazos.xlsx):")
    echo(render_table(rows.drop("registro")))
    return EXIT_OK
