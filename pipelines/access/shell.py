"""The interactive mode of `siie sql`: statements end with ';'; dot commands help the analyst."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from pipelines.access.output import echo

HELP = """\
Escriba sentencias SQL terminadas en ';' (sólo lectura). Comandos:
  .tablas            tablas publicadas con su descripción
  .columnas TABLA    columnas de una tabla (del diccionario)
  .ayuda             esta ayuda
  .salir             terminar (también Ctrl-D)"""

TABLES_SQL = "SELECT table_name AS tabla, comment AS descripcion FROM duckdb_tables() ORDER BY table_name"
COLUMNS_SQL = "SELECT columna, tipo, descripcion FROM diccionario WHERE tabla = ? ORDER BY rowid"


def _dot_command(con: duckdb.DuckDBPyConnection, line: str) -> bool:
    """Run a dot command; False when it asks to leave."""
    from pipelines.access.sql import run_statement

    command, _, argument = line.partition(" ")
    if command in (".salir", ".exit", ".quit"):
        return False
    if command == ".tablas":
        run_statement(con, TABLES_SQL)
    elif command == ".columnas" and argument.strip():
        run_statement(con, COLUMNS_SQL, params=[argument.strip()])
    else:
        echo(HELP)
    return True


def _read(prompt: str) -> str | None:
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


def interactive(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Read statements until `.salir` or end of input; results as tables. 1 if any failed."""
    from pipelines.access.sql import run_statement

    try:
        import readline  # noqa: F401  (line editing and history where available)
    except ImportError:
        pass
    print(f"SIIE · publicación {path.parent.name} (sólo lectura). Escriba .ayuda para ver los comandos.", file=sys.stderr)
    buffer: list[str] = []
    failures = 0
    while (line := _read("siie> " if not buffer else "  ..> ")) is not None:
        if not buffer and line.strip().startswith("."):
            if not _dot_command(con, line.strip()):
                break
            continue
        buffer.append(line)
        statement = "\n".join(buffer).strip()
        if statement.endswith(";"):
            failures += run_statement(con, statement) != 0
            buffer = []
    return 1 if failures else 0
