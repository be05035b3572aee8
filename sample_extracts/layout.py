"""Which files the sample consists of: their names, formats, encodings and styles.

Each school period gives one matricula, one trayectoria and one plantilla file; each budget
month one presupuesto file. Styles rotate so that every encoding (UTF-8 with and without BOM,
Windows-1252) meets both date formats, and header spellings vary from file to file, as they do
when several offices export by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from pipelines.core.periods import parse_period
from pipelines.specs.contracts import load_contract
from sample_extracts.render import ACCENTED_HEADER_STYLES, DMY, HEADER_STYLES, ISO, FileStyle

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")
KIND_OFFSET = {"matricula": 0, "trayectoria": 1, "plantilla": 2, "presupuesto": 3}


@dataclass(frozen=True)
class FileSlice:
    """A file to be: its name, style, and the clean rows (native types) it holds."""

    kind: str
    name: str
    style: FileStyle
    periodo: str  # `25/1`, the ISO fecha_corte, or `2024-03`
    clean: pl.DataFrame


def _header(encoding: str, turn: int) -> str:
    """Windows-1252 files get an accented header, so that their bytes are not plain ASCII."""
    styles = ACCENTED_HEADER_STYLES if encoding == "cp1252" else HEADER_STYLES
    return styles[turn % len(styles)]


def school_style(kind: str, index: int) -> FileStyle:
    """Rotate encodings fastest and date formats every three files: six combinations in six
    files."""
    offset = KIND_OFFSET[kind]
    encoding = ENCODINGS[(index + offset) % len(ENCODINGS)]
    date_format = (ISO, DMY)[(index // len(ENCODINGS) + offset) % 2]
    return FileStyle(
        format="csv",
        encoding=encoding,
        date_format=date_format,
        thousands=kind == "plantilla" and encoding == "cp1252",
        header=_header(encoding, index + offset),
        line_terminator="\r\n" if encoding == "cp1252" else "\n",
    )


def budget_style(year: int, month: int, index: int) -> FileStyle:
    """Mostly XLSX from the finance system; some months a Windows-1252 CSV with 1,234.56 amounts."""
    turn = index + KIND_OFFSET["presupuesto"]
    if (year + month) % 5 == 0:
        return FileStyle("csv", "cp1252", ISO, True, _header("cp1252", turn), "\r\n")
    return FileStyle("xlsx", "xlsx", ISO, False, _header("xlsx", turn))


def school_name(kind: str, periodo: str, index: int) -> str:
    year, half = parse_period(periodo)
    short = periodo.replace("/", "-")
    if kind == "matricula":
        return f"matricula_{short}.csv" if index % 2 == 0 else f"SAES_matricula_{year}_{half}.csv"
    return f"SAES_trayectoria_{year}_{half}.csv" if index % 2 == 0 else f"trayectoria_{short}.csv"


def staff_name(cut: date, index: int) -> str:
    return (
        f"plantilla_{cut.isoformat()}.csv" if index % 2 == 0 else f"RH_plantilla_{cut:%Y%m%d}.csv"
    )


def _budget_name(year: int, month: int, style: FileStyle) -> str:
    if style.format == "xlsx":
        return f"presupuesto_{year}_{month:02d}.xlsx"
    return f"avance_presupuestal_{year}-{month:02d}.csv"


def _partitions(frame: pl.DataFrame, kind: str) -> list[tuple[tuple, pl.DataFrame]]:
    """One part per value of the contract's period columns, in their order."""
    by = list(load_contract(kind).period_columns)
    parts = frame.partition_by(by, maintain_order=True, as_dict=True)
    return sorted(parts.items(), key=lambda item: item[0])


def plan_files(
    matricula: pl.DataFrame,
    trayectoria: pl.DataFrame,
    plantilla: pl.DataFrame,
    presupuesto: pl.DataFrame,
) -> list[FileSlice]:
    files: list[FileSlice] = []
    for kind, frame in (("matricula", matricula), ("trayectoria", trayectoria)):
        for index, ((periodo,), rows) in enumerate(_partitions(frame, kind)):
            files.append(
                FileSlice(
                    kind,
                    school_name(kind, periodo, index),
                    school_style(kind, index),
                    periodo,
                    rows,
                )
            )
    for index, ((cut,), rows) in enumerate(_partitions(plantilla, "plantilla")):
        files.append(
            FileSlice(
                "plantilla",
                staff_name(cut, index),
                school_style("plantilla", index),
                cut.isoformat(),
                rows,
            )
        )
    for index, ((year, month), rows) in enumerate(_partitions(presupuesto, "presupuesto")):
        style = budget_style(year, month, index)
        files.append(
            FileSlice(
                "presupuesto", _budget_name(year, month, style), style, f"{year}-{month:02d}", rows
            )
        )
    return files
