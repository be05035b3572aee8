"""Rows that broke the contract, as raw.rechazos records: one per rejected row, with the first
failing column and its reason, the other reasons, the value and the whole row as read — direct
identifiers masked by column and, wherever else they sit (inside a longer value, a reason that
quotes a value, a row of any kind), by their form (identifiers.py). Values are masked before they
are shortened, so no part of an identifier is cut off unmasked, and before anything is written."""

from __future__ import annotations

import polars as pl

from pipelines.ingest.checks import LONGEST_VALUE
from pipelines.ingest.identifiers import mask, scrub_fields, scrub_messages
from pipelines.ingest.load_record import LoadRecord
from pipelines.ingest.reading import ROW_NUMBER
from pipelines.specs.contracts import Contract

SHOWN_CHARS = 200  # of an overlong value or reason, in the rejected row as recorded


def rejections_of(
    text_rows: pl.DataFrame, failures: pl.DataFrame, contract: Contract, record: LoadRecord
) -> pl.DataFrame:
    failures = failures.with_columns(_reason(pl.col("motivo")))
    rejected = text_rows.join(failures.select(ROW_NUMBER).unique(), on=ROW_NUMBER, how="semi")
    # only the rows recorded: masking every row read cost a tenth of a load
    masked = _masked_rows(rejected, contract)
    per_row = (
        failures.with_row_index("_orden")
        .group_by(ROW_NUMBER)
        .agg(
            pl.col("columna").sort_by("_orden").first(),
            pl.format("{}: {}", "columna", "motivo").sort_by("_orden").alias("_todos"),
        )
    )
    first_reason = failures.with_row_index("_orden").sort("_orden").unique(ROW_NUMBER, keep="first")
    per_row = per_row.join(first_reason.select(ROW_NUMBER, "motivo"), on=ROW_NUMBER)
    records = per_row.join(masked, on=ROW_NUMBER, how="left")
    value = pl.lit(None, dtype=pl.String)
    for column in contract.column_names:
        value = pl.when(pl.col("columna") == column).then(pl.col(column)).otherwise(value)
    return records.sort(ROW_NUMBER).select(
        pl.lit(record.carga_id).alias("carga_id"),
        pl.lit(contract.kind).alias("tipo"),
        pl.lit(record.archivo).alias("archivo"),
        pl.lit(record.sha256).alias("sha256"),
        pl.col(ROW_NUMBER).alias("fila"),
        pl.col("columna"),
        pl.col("motivo"),
        value.alias("valor"),
        pl.when(pl.col("_todos").list.len() > 1)
        .then(pl.col("_todos").list.slice(1).list.join("; "))
        .alias("otros_motivos"),
        pl.col("_registro").alias("registro"),
    )


def _masked_rows(text_rows: pl.DataFrame, contract: Contract) -> pl.DataFrame:
    pii = {c.name for c in contract.pii_columns}
    masked = text_rows.with_columns(
        (
            _shortened(
                mask(pl.col(name)) if name in pii else scrub_fields(pl.col(name), contract.kind)
            )
        ).alias(name)
        for name in contract.column_names
    )
    return masked.with_columns(
        pl.struct(contract.column_names).struct.json_encode().alias("_registro")
    )


def _shortened(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.len_chars() > LONGEST_VALUE)
        .then(text.str.slice(0, SHOWN_CHARS) + pl.lit("…"))
        .otherwise(text)
    )


def _reason(text: pl.Expr) -> pl.Expr:
    """A reason can quote a value of the row (a rule's message): masked, then shortened."""
    return _shortened(scrub_messages(text))
