"""DuckDB's errors explained to an analyst in Spanish.

The first line says what went wrong in Spanish; DuckDB's own text follows unchanged, so that its
`LINE n:` and the caret under the position are kept (and the message can still be searched)."""

from __future__ import annotations

import re

import duckdb

# (DuckDB's words, what they mean in Spanish); the groups of the pattern fill the explanation.
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        r"Parser Error: syntax error at or near \"(?P<token>[^\"]*)\"",
        "Error de sintaxis cerca de «{token}»: revise la sentencia en la línea y posición que "
        "marca DuckDB abajo.",
    ),
    (
        r"Parser Error: syntax error at end of input",
        "La sentencia está incompleta: terminó antes de lo esperado.",
    ),
    (
        r"Catalog Error: Table with name (?P<name>\S+) does not exist",
        "No hay una tabla llamada {name} en la publicación (.tablas las lista).",
    ),
    (
        r"Catalog Error: (?P<kind>[\w ]*)Function with name (?P<name>\S+) does not exist",
        "No existe la función {name}.",
    ),
    (
        r"Binder Error: Referenced column \"(?P<name>[^\"]+)\" not found",
        "No existe la columna {name} en las tablas de la consulta (.columnas TABLA las lista).",
    ),
    (
        r"Binder Error: Table \"(?P<name>[^\"]+)\" does not have a column named "
        r"\"(?P<col>[^\"]+)\"",
        "La tabla {name} no tiene una columna {col} (.columnas {name} las lista).",
    ),
    (
        r"Binder Error: column \"(?P<name>[^\"]+)\" must appear in the GROUP BY",
        "La columna {name} debe ir en GROUP BY o dentro de una función de agregación "
        "(sum, count, any_value…).",
    ),
    (r"Binder Error:", "La consulta no se puede resolver con las tablas y columnas publicadas."),
    (
        r"Conversion Error: Could not convert string '(?P<value>[^']*)' to (?P<type>\w+)",
        "No se puede convertir el texto '{value}' al tipo {type}.",
    ),
    (r"Conversion Error:", "Un valor no se puede convertir al tipo pedido."),
    (r"Catalog Error:", "Algo que la consulta nombra no existe en la publicación."),
    (r"Parser Error:", "La sentencia no es SQL válido."),
)


def in_spanish(text: str) -> str | None:
    """The Spanish explanation of a DuckDB error message, if it is a common one."""
    for pattern, explanation in PATTERNS:
        match = re.search(pattern, text)
        if match:
            return explanation.format(**match.groupdict())
    return None


def explain_error(error: duckdb.Error) -> str:
    """The analyst's message for a failed statement, in Spanish, DuckDB's text below it."""
    text = str(error)
    if "read-only mode" in text:
        return (
            "La publicación es de sólo lectura: no se permiten INSERT, UPDATE, DELETE, CREATE, "
            f"DROP ni ALTER. Para guardar un resultado use --formato y --salida. (DuckDB: {text})"
        )
    if "configuration has been locked" in text:
        return f"La configuración de la sesión está bloqueada en siie sql. (DuckDB: {text})"
    if (
        isinstance(error, duckdb.PermissionException)
        or "file system operations are disabled" in text
    ):
        return (
            "siie sql no lee ni escribe archivos ni adjunta otras bases; "
            f"para exportar use --formato y --salida. (DuckDB: {text})"
        )
    spanish = in_spanish(text)
    if spanish is None:
        return f"Error en la consulta: {text}"
    return f"Error en la consulta: {spanish}\nDuckDB dice:\n{text}"
