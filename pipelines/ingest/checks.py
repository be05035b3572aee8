"""Check every row of an extract against its contract: types, code lists, ranges, patterns,
catalogs, row rules and the key. Rows that fail are set aside with the column and the reason."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.ingest.casting import TYPE_NAMES, cast_column
from pipelines.ingest.identifiers import identifier_in_free_text
from pipelines.ingest.reading import ROW_NUMBER, Extract
from pipelines.ingest.rules import RULES
from pipelines.specs.catalogs import Catalogs
from pipelines.specs.contracts import Column, Contract

NOT_DECODED = "\ufffd"  # what reading.py leaves for bytes not in the file's encoding
MIXED_ENCODING = (
    "la fila no está en UTF-8 como el resto del archivo (¿filas pegadas de un archivo "
    "Windows-1252?); no se guarda como texto ilegible: corrija su codificación"
)
LONGEST_VALUE = 1000  # characters; no contract column holds more, so a longer value is a broken row
IDENTIFIER_IN_TEXT = (
    "contiene lo que parece un identificador personal (boleta, CURP o RFC) en un campo de texto "
    "libre; la fila no se carga y el valor queda enmascarado"
)


@dataclass
class CheckedRows:
    typed: pl.DataFrame  # every row, cast; null where a value is invalid
    valid: pl.DataFrame  # typed contract columns + _fila, every row passed
    failures: pl.DataFrame  # _fila, columna, motivo: every failure, in the order checks ran


def check_rows(extract: Extract, contract: Contract, catalogs: Catalogs) -> CheckedRows:
    spreadsheet = extract.format == "xlsx"
    text = extract.rows
    typed = text.select(ROW_NUMBER, *(cast_column(c, spreadsheet) for c in contract.columns))
    found = [_column_failures(text, typed, column, catalogs) for column in contract.columns]
    for rule in contract.rules:
        found.append(RULES[rule["rule"]](typed, rule, catalogs))
    failures = (
        pl.concat([f for f in found if f.height], how="vertical")
        if any(f.height for f in found)
        else _no_failures()
    )
    failures = pl.concat([failures, _duplicate_keys(typed, failures, contract)])
    return with_valid_rows(typed, failures)


def with_valid_rows(typed: pl.DataFrame, failures: pl.DataFrame) -> CheckedRows:
    """The checked rows, with those that passed every check (also rebuilt from a kept check)."""
    valid = typed.join(failures.select(ROW_NUMBER).unique(), on=ROW_NUMBER, how="anti")
    return CheckedRows(typed=typed, valid=valid, failures=failures)


def _no_failures() -> pl.DataFrame:
    return pl.DataFrame(schema={ROW_NUMBER: pl.Int32, "columna": pl.String, "motivo": pl.String})


def _failing(frame: pl.DataFrame, broken: pl.Expr, column: str, reason: str) -> pl.DataFrame:
    return frame.filter(broken.fill_null(False)).select(
        pl.col(ROW_NUMBER), pl.lit(column).alias("columna"), pl.lit(reason).alias("motivo")
    )


def _column_failures(
    text: pl.DataFrame, typed: pl.DataFrame, column: Column, catalogs: Catalogs
) -> pl.DataFrame:
    name = column.name
    both = pl.DataFrame(
        {
            ROW_NUMBER: text.get_column(ROW_NUMBER),
            "texto": text.get_column(name),
            "valor": typed.get_column(name),
        }
    )
    texto, valor = pl.col("texto"), pl.col("valor")
    checks = [
        _failing(both, texto.str.contains(NOT_DECODED, literal=True), name, MIXED_ENCODING),
        _failing(
            both,
            texto.str.len_chars() > LONGEST_VALUE,
            name,
            f"valor de más de {LONGEST_VALUE} caracteres (¿comillas o separadores rotos?)",
        ),
    ]
    if column.required:
        checks.append(_failing(both, texto.is_null(), name, "valor vacío en columna obligatoria"))
    if column.type != "text":
        checks.append(
            _failing(
                both,
                texto.is_not_null() & valor.is_null(),
                name,
                f"no es {TYPE_NAMES[column.type]}",
            )
        )
    if column.free_text:  # an identifier pasted in would reach raw.* and every model after it
        checks.append(
            _failing(both, texto.str.contains(identifier_in_free_text()), name, IDENTIFIER_IN_TEXT)
        )
    if column.values is not None:
        allowed = pl.Series(column.values).cast(both.schema["valor"], strict=False)
        checks.append(
            _failing(
                both,
                ~valor.is_in(allowed.implode()),
                name,
                f"valor fuera de la lista permitida ({_listed(column.values)})",
            )
        )
    if column.regex:
        checks.append(
            _failing(
                both, ~valor.str.contains(column.regex), name, f"no cumple el formato de {name}"
            )
        )
    if column.min is not None and column.min_exclusive:
        checks.append(
            _failing(both, valor <= column.min, name, f"debe ser mayor que {column.min:g}")
        )
    elif column.min is not None:
        checks.append(
            _failing(both, valor < column.min, name, f"menor que el mínimo {column.min:g}")
        )
    if column.max is not None:
        checks.append(
            _failing(both, valor > column.max, name, f"mayor que el máximo {column.max:g}")
        )
    if column.references:
        allowed = catalogs.allowed(column.references).cast(both.schema["valor"], strict=False)
        table = column.references.split(".")[0]
        checks.append(
            _failing(both, ~valor.is_in(allowed.implode()), name, f"clave no registrada en {table}")
        )
    return pl.concat(checks)


def _listed(values: tuple[str, ...]) -> str:
    shown = values if len(values) <= 8 else (*values[:3], "…", values[-1])
    return ", ".join(shown)


def _duplicate_keys(
    typed: pl.DataFrame, failures: pl.DataFrame, contract: Contract
) -> pl.DataFrame:
    """Of otherwise valid rows with the same key, the first loads and the later ones are
    rejected."""
    key = contract.key
    reason = contract.duplicate_key_reason or "clave duplicada"
    candidates = typed.join(failures.select(ROW_NUMBER).unique(), on=ROW_NUMBER, how="anti")
    first = candidates.group_by(list(key)).agg(pl.col(ROW_NUMBER).min().alias("_primera"))
    later = candidates.join(first, on=list(key), nulls_equal=True).filter(
        pl.col(ROW_NUMBER) > pl.col("_primera")
    )
    return later.select(
        pl.col(ROW_NUMBER),
        pl.lit(", ".join(key)).alias("columna"),
        pl.format(
            f"{reason}: la misma clave aparece antes en la fila {{}}", pl.col("_primera")
        ).alias("motivo"),
    )
