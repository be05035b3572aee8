"""The interactive mode of `siie sql`: statements end with ';'; dot commands help the analyst."""

from __future__ import annotations

import difflib
import signal
import sys
from pathlib import Path

import duckdb

from pipelines.access.output import echo
from pipelines.access.statement import EXIT_QUERY_FAILED, run_statement

HELP = """\
Escriba sentencias SQL terminadas en ';' (sólo lectura). Comandos:
  .tablas            tablas publicadas con su descripción
  .columnas TABLA    columnas de una tabla (del diccionario)
  .ayuda             esta ayuda
  .salir             terminar (también Ctrl-D)"""

TABLES_SQL = (
    "SELECT table_name AS tabla, comment AS descripcion FROM duckdb_tables() ORDER BY table_name"
)
COLUMNS_SQL = "SELECT columna, tipo, descripcion FROM diccionario WHERE tabla = ? ORDER BY rowid"


ALIASES = {
    ".tables": ".tablas",
    ".columns": ".columnas",
    ".schema": ".columnas",
    ".help": ".ayuda",
    ".exit": ".salir",
    ".quit": ".salir",
}


def _dot_command(con: duckdb.DuckDBPyConnection, line: str) -> bool:
    """Run a dot command; False when it asks to leave."""
    command, _, argument = line.partition(" ")
    command, table = ALIASES.get(command, command), argument.strip()
    if command == ".salir":
        return False
    if command == ".tablas":
        run_statement(con, TABLES_SQL)
    elif command == ".columnas":
        _columns(con, table)
    elif command == ".ayuda":
        echo(HELP)
    else:
        echo(f"Comando desconocido {command}. {HELP}")
    return True


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> None:
    tables = [
        name
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
    ]
    if not table:
        echo(f"Indique la tabla: .columnas TABLA (tablas: {', '.join(tables)})")
    elif table not in tables:
        close = difflib.get_close_matches(table, tables, n=1)
        hint = f" ¿Quiso decir {close[0]}?" if close else f" Tablas: {', '.join(tables)}."
        echo(f"No hay una tabla publicada llamada {table!r}.{hint}")
    else:
        run_statement(con, COLUMNS_SQL, params=[table])


def _read(prompt: str) -> str | None:
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


def _unfinished(buffer: list[str]) -> None:
    """Leaving (Ctrl-D, end of input) with a statement typed but not ended: say it did not run."""
    statement = " ".join(line.strip() for line in buffer).strip()
    if statement:
        shown = statement if len(statement) <= 60 else statement[:57] + "…"
        print(
            f"\nSentencia sin terminar, no se ejecutó: {shown}\n(las sentencias terminan en ';')",
            file=sys.stderr,
        )


def interactive(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Read statements until `.salir` or end of input; results as tables. 1 if any failed.
    Ctrl-C drops the line being typed or cancels the running query; the session goes on."""
    try:
        import readline  # noqa: F401  (line editing and history where available)
    except ImportError:
        pass
    # Started with Ctrl-C ignored (from a background job, nohup, some schedulers), Python would
    # keep ignoring it at the prompt: in a session at a terminal it always cancels, as in psql.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _session(con, path)
    finally:
        signal.signal(signal.SIGINT, previous)


def _session(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    print(
        f"SIIE · publicación {path.parent.name} "
        "(sólo lectura). Escriba .ayuda para ver los comandos.",
        file=sys.stderr,
    )
    buffer: list[str] = []
    failures = 0
    while True:
        try:
            line = _read("siie> " if not buffer else "  ..> ")
            if line is None:
                _unfinished(buffer)
                break
            if not buffer and line.strip().startswith("."):
                if not _dot_command(con, line.strip()):
                    break
                continue
            buffer.append(line)
            statement = "\n".join(buffer).strip()
            if statement.endswith(";"):
                buffer = []
                failures += run_statement(con, statement) == EXIT_QUERY_FAILED
        except KeyboardInterrupt:
            print("\n(cancelado; .salir o Ctrl-D para terminar)", file=sys.stderr)
            buffer = []
    return 1 if failures else 0
