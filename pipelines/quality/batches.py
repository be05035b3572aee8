"""Batches of a suite: partitions of a table, packed up to a row budget, read through Arrow.

Memory stays bounded: a batch holds whole partitions (a period, a cut-off date, a month) and at
most `max_rows` rows unless one partition alone is larger. A partition is never split, so keys
that contain the partition columns are unique overall when they are unique in each batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from pipelines.quality.registry import SuiteSpec

DEFAULT_MAX_ROWS = 400_000


@dataclass(frozen=True)
class Batch:
    suite: str
    partitions: tuple[tuple, ...]  # values of the partition columns, one tuple per partition
    rows: int

    def label(self, columns: tuple[str, ...]) -> str:
        if not columns:
            return "todo"
        return ", ".join(
            "/".join(str(v) for v in p) if len(columns) > 1 else str(p[0]) for p in self.partitions
        )


def partition_sizes(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> list[tuple[tuple, int]]:
    if not spec.partition_by:
        [(rows,)] = con.execute(f"SELECT count(*) FROM ({spec.sql}) AS lote").fetchall()
        return [((), rows)]
    columns = ", ".join(spec.partition_by)
    found = con.execute(
        f"SELECT {columns}, count(*) FROM ({spec.sql}) AS lote GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    return [(tuple(row[:-1]), row[-1]) for row in found]


def pack(
    sizes: list[tuple[tuple, int]], suite: str, max_rows: int = DEFAULT_MAX_ROWS
) -> list[Batch]:
    batches: list[Batch] = []
    current: list[tuple] = []
    rows = 0
    for partition, count in sizes:
        if current and rows + count > max_rows:
            batches.append(Batch(suite, tuple(current), rows))
            current, rows = [], 0
        current.append(partition)
        rows += count
    if current:
        batches.append(Batch(suite, tuple(current), rows))
    return batches


def plan_batches(
    con: duckdb.DuckDBPyConnection,
    spec: SuiteSpec,
    max_rows: int = DEFAULT_MAX_ROWS,
    keep: Callable[[tuple], bool] | None = None,
) -> list[Batch]:
    """Batches over every partition, or over those `keep` accepts."""
    sizes = [(p, n) for p, n in partition_sizes(con, spec) if keep is None or keep(p)]
    return pack(sizes, spec.name, max_rows)


def _where(spec: SuiteSpec, batch: Batch) -> tuple[str, list]:
    if not spec.partition_by:
        return "", []
    columns = spec.partition_by
    if len(columns) == 1:
        marks = ", ".join("?" for _ in batch.partitions)
        return f" WHERE {columns[0]} IN ({marks})", [p[0] for p in batch.partitions]
    row = "(" + ", ".join("?" for _ in columns) + ")"
    marks = ", ".join(row for _ in batch.partitions)
    return f" WHERE ({', '.join(columns)}) IN ({marks})", [v for p in batch.partitions for v in p]


def _vectorised_type(field: pa.Field) -> pa.DataType:
    if pa.types.is_decimal(field.type) or pa.types.is_float32(field.type):
        return pa.float64()
    if pa.types.is_integer(field.type) and field.type != pa.uint64():
        return pa.int64()
    return field.type


def numeric_view(table: pa.Table) -> pa.Table:
    """Numbers as int64 or float64, the only dtypes GX compares in vectorised code.

    pandas keeps decimals as Python objects, and GX checks a range on any other numeric dtype (an
    INTEGER is int32) one value at a time through `Series.map`: tens of seconds for a year of
    budget lines or a year of enrollment. Widening an integer is exact. Amounts here have 2
    decimals and stay far below 2^53 cents, so order and equality survive the conversion to
    float64 exactly; the reconciliation shown to auditors is read separately, in DECIMAL.
    """
    fields = [pa.field(f.name, _vectorised_type(f), f.nullable) for f in table.schema]
    return table.cast(pa.schema(fields))


def read_batch(con: duckdb.DuckDBPyConnection, spec: SuiteSpec, batch: Batch):
    """The batch's rows as a pandas frame (DuckDB → Arrow → pandas; dates as datetime64)."""
    where, params = _where(spec, batch)
    table = con.sql(f"SELECT * FROM ({spec.sql}) AS lote{where}", params=params).to_arrow_table()
    return numeric_view(table).to_pandas(date_as_object=False)


def iter_frames(
    con: duckdb.DuckDBPyConnection,
    spec: SuiteSpec,
    max_rows: int = DEFAULT_MAX_ROWS,
    keep: Callable[[tuple], bool] | None = None,
) -> Iterator:
    for batch in plan_batches(con, spec, max_rows, keep):
        yield batch, read_batch(con, spec, batch)
