"""The true figures behind a version's hidden cells: what the audit needs to know which hidden
cells are small (the publication marks every hidden figure alike) and which figures did not
change from one version to the next (the strongest intruder knows that much).

Read from the working warehouse while a version is built, and kept beside the warehouse, never
in what is published ($SIIE_HOME/divulgacion/v000N.parquet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.specs.disclosure import Declaration

ROW_KEY = ("clave_indicador", "periodo", "ambito", "clave_ambito")
FIGURES = ("valor", "numerador", "denominador")


@dataclass
class Truth:
    """Hidden rows of `indicadores` (key → valor, numerador, denominador) and hidden cells of the
    fact table ((periodo, *cell) → count)."""

    rows: dict[tuple, tuple] = field(default_factory=dict)
    cells: dict[tuple, float | None] = field(default_factory=dict)

    def to_arrow(self) -> pa.Table:
        records: list[tuple] = [
            ("indicadores", _joined(k), *figures) for k, figures in self.rows.items()
        ]
        records += [("celda", _joined(k), count, None, None) for k, count in self.cells.items()]
        columns: list = list(zip(*records, strict=True)) if records else [[]] * len(SCHEMA)
        return pa.table(
            {
                name: pa.array(list(values), type=kind)
                for (name, kind), values in zip(SCHEMA, columns, strict=True)
            }
        )


SCHEMA = (
    ("tabla", pa.string()),
    ("clave", pa.string()),
    ("valor", pa.float64()),
    ("numerador", pa.float64()),
    ("denominador", pa.float64()),
)


def _joined(key: tuple) -> str:
    return "|".join(map(str, key))


def _number(value) -> float | None:
    return None if value is None else float(value)


def read_truth(con: duckdb.DuckDBPyConnection, marts: str, declaration: Declaration) -> Truth:
    """The true figures of every hidden row and cell of the publication open in `con`, from the
    warehouse attached as `marts`' database."""
    key = ", ".join(ROW_KEY)
    truth = Truth()
    for *row_key, valor, numerador, denominador in con.execute(f"""
        SELECT {key}, w.valor, w.numerador, w.denominador
        FROM indicadores AS p JOIN {marts}.indicadores AS w USING ({key})
        WHERE p.suprimido""").fetchall():
        truth.rows[tuple(row_key)] = (_number(valor), _number(numerador), _number(denominador))
    spec = declaration.matricula_cells
    for *cell_key, count in con.execute(f"""
        SELECT {", ".join(f"p.{c}" for c in spec.key)}, w.{spec.count}
        FROM {spec.table} AS p JOIN {marts}.{spec.table} AS w USING ({", ".join(spec.key)})
        WHERE p.suprimido""").fetchall():
        truth.cells[tuple(str(c) for c in cell_key)] = _number(count)
    return truth


def write_truth(truth: Truth, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    pq.write_table(truth.to_arrow(), partial)
    partial.replace(path)


def read_truth_file(path: Path) -> Truth | None:
    if not path.exists():
        return None
    truth = Truth()
    for record in pq.read_table(path).to_pylist():
        key = tuple(record["clave"].split("|"))
        if record["tabla"] == "indicadores":
            truth.rows[key] = tuple(record[c] for c in FIGURES)
        else:
            truth.cells[key] = record["valor"]
    return truth
