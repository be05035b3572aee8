"""Polars types of a contract's columns, and the step that puts a frame into contract shape."""

from __future__ import annotations

import polars as pl

from pipelines.specs.contracts import Column, load_contract

_SIMPLE = {"text": pl.String, "date": pl.Date, "integer": pl.Int32}


def polars_type(column: Column) -> pl.DataType:
    if column.type == "decimal":
        return pl.Decimal(18, column.scale or 2)
    return _SIMPLE[column.type]


def contract_schema(kind: str) -> dict[str, pl.DataType]:
    return {c.name: polars_type(c) for c in load_contract(kind).columns}


def cents_to_decimal(cents: pl.Expr, scale: int = 2) -> pl.Expr:
    """Integer hundredths → an exact Decimal(18, 2)."""
    return (cents.cast(pl.Decimal(18, scale)) / 100).cast(pl.Decimal(18, scale))


def conform(frame: pl.DataFrame, kind: str) -> pl.DataFrame:
    """The contract's columns, in its order, with their native types."""
    schema = contract_schema(kind)
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])
