"""SDMX-CSV 2.0 of a published table (sdmx/<tabla>.csv), written with pysdmx, and its labelled
variant for spreadsheet readers (sdmx/<tabla>_etiquetas.csv, labels=both: `CODE: Nombre`).

Every value is the published one: a hidden figure (CONF_STATUS C) is already null in the
published table and stays empty here; a hidden figure with a value is refused.

pysdmx 1.21 writes labels=both as `CODE: CODE` (it does not look codes up), so the labelled
variant's codes and headers are labelled here from the same codelists the structure carries,
and pysdmx writes the file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
from msgspec.structs import replace
from pysdmx.io import write_sdmx
from pysdmx.io.format import Format
from pysdmx.io.pd import PandasDataset
from pysdmx.model import Components, DataType
from pysdmx.model.dataflow import Schema

from pipelines.publish.open_data.codelists import CodeList, unit_code
from pipelines.publish.open_data.dataflows import Dataflow
from pipelines.publish.open_data.errors import HiddenValueError
from pipelines.publish.open_data.periods import sdmx_time_period
from pipelines.publish.open_data.sdmx_structure import CONCEPT_NAMES, Structure
from pipelines.specs.disclosure import CONFIDENTIAL


def number_text(value: Decimal | float | int | None) -> str | None:
    """A published number as SDMX writes it: plain decimal notation, no trailing zeros."""
    if value is None:
        return None
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _obs_status(mark: str | None, value: object) -> str:
    if mark == CONFIDENTIAL:
        return "O"
    return "M" if value is None else "A"


def observations(
    con: duckdb.DuckDBPyConnection, flow: Dataflow, dates: dict[str, tuple[date, date]]
) -> pd.DataFrame:
    """One row per published row, in SDMX components."""
    columns = sorted({p.column for p in flow.parts})
    units = dict(con.execute("SELECT clave_indicador, unidad FROM dim_indicador").fetchall())
    rows = con.execute(f"SELECT {', '.join(columns)} FROM {flow.table} ORDER BY ALL").fetchall()
    records = []
    for row in rows:
        source = dict(zip(columns, row, strict=True))
        record = {}
        for part in flow.parts:
            value = source[part.column]
            if part.id == "TIME_PERIOD":
                value = sdmx_time_period(value, dates)
            elif part.id == "OBS_STATUS":
                value = _obs_status(source["estado_confidencialidad"], source["valor"])
            elif part.id == "UNIT_MEASURE":
                value = unit_code(units[value]) if value in units else None
            elif part.number:
                hidden = source.get("estado_confidencialidad") == CONFIDENTIAL
                if value is not None and hidden and part.hidden_with_figure:
                    raise HiddenValueError(f"{flow.table}: {part.column} de una cifra oculta")
                value = number_text(value)
            record[part.id] = value
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[p.id for p in flow.parts])


def _labelled(frame: pd.DataFrame, flow: Dataflow, lists: dict[str, CodeList]) -> pd.DataFrame:
    labelled = frame.copy()
    for part in flow.parts:
        if part.codelist:
            names = {c.id: f"{c.id}: {c.name}" for c in lists[part.codelist].codes.values()}
            labelled[part.id] = labelled[part.id].map(lambda v, n=names: n.get(v, v))
    header = {p.id: f"{p.id}: {CONCEPT_NAMES.get(p.id, p.column)}" for p in flow.parts}
    return labelled.rename(columns=header)


def _text_schema(schema: Schema) -> Schema:
    """The dataflow's schema with its components named by their labelled headers, as text."""
    renamed = [
        replace(
            c,
            id=f"{c.id}: {CONCEPT_NAMES.get(c.id, c.id)}",
            local_dtype=DataType.STRING,
            local_codes=None,
        )
        for c in schema.components
    ]
    return replace(schema, components=Components(renamed))


def write_sdmx_csv(
    frame: pd.DataFrame,
    flow: Dataflow,
    structure: Structure,
    lists: dict[str, CodeList],
    plain: Path,
    labelled: Path,
) -> None:
    dataset = PandasDataset(structure=structure.schema(flow), data=frame.copy())
    write_sdmx([dataset], Format.DATA_SDMX_CSV_2_0_0, output_path=str(plain))
    # labelled from what was written, so that both files write each number the same way
    written = pd.read_csv(plain, dtype=str, keep_default_na=False)[[p.id for p in flow.parts]]
    named = PandasDataset(
        structure=_text_schema(structure.schema(flow)), data=_labelled(written, flow, lists)
    )
    write_sdmx([named], Format.DATA_SDMX_CSV_2_0_0, output_path=str(labelled))
