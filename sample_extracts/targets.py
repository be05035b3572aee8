"""Sample targets of the plan (metas): a PDI with yearly institutional and level targets, a POA
per unit, a MIR of the budget, and a file that revises some PDI targets.

Count targets are set from the sample's own truth, so some are met (VERDE), some nearly
(AMARILLO) and some missed (ROJO); rate targets are fixed values. There are targets on small
programs (whose figures disclosure control is likely to hide: CONFIDENCIAL), on periods the
sample does not load (PENDIENTE) and on a unit without students (SIN_DATO), and a few bad rows,
one of each rejection the contract makes, each file staying well under the rejection threshold.
No randomness: the same sample gives the same targets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from pipelines.core.periods import parse_period, shift_period
from pipelines.specs.contracts import load_contract
from sample_extracts.bad_rows import BAD_ROW_SCHEMA, SampleFile
from sample_extracts.catalogs import Catalogs
from sample_extracts.render import FileStyle

KIND = "metas"
Row = dict[str, str | None]

# Share of the truth each target asks for, by the semáforo it should end in: cumplimiento
# 100/0.97 ≈ 103 (VERDE), 100/1.11 ≈ 90 (AMARILLO), 100/1.3 ≈ 77 (ROJO).
TARGET_FACTORS = (0.97, 1.11, 1.3)
RATE_TARGETS = {"TASA_ABANDONO": "8.00", "EFICIENCIA_TERMINAL": "55.00", "PCT_DOCENTES_TC": "60.00"}
SMALL_PROGRAMS = 6  # POA targets of TITULADOS on the smallest programs: likely suppressed


@dataclass(frozen=True)
class TargetSample:
    rows: pl.DataFrame  # every row that must load, all files, contract columns as text
    files: list[SampleFile]
    bad_rows: pl.DataFrame  # kind, archivo, fila, columna, defecto, valor


def _row(
    instrumento: str,
    clave: str,
    indicador: str,
    ambito: str,
    clave_ambito: str,
    periodo: str,
    meta: float | str,
    fecha: str,
    linea_base: str | None = None,
) -> Row:
    return {
        "instrumento": instrumento,
        "clave_instrumento": clave,
        "clave_indicador": indicador,
        "ambito": ambito,
        "clave_ambito": clave_ambito,
        "periodo": periodo,
        "meta": meta if isinstance(meta, str) else f"{max(meta, 1):.0f}",
        "linea_base": linea_base,
        "fecha_registro": fecha,
    }


def _counts(frame: pl.DataFrame, programs: pl.DataFrame, by: str) -> dict[tuple[str, str], int]:
    """(periodo, clave) → rows of `frame` at ámbito `by` (IPN, nivel, cve_unidad, cve_programa)."""
    with_level = frame.join(programs.select("cve_programa", "nivel"), on="cve_programa", how="left")
    keyed = with_level.with_columns((pl.lit("IPN") if by == "IPN" else pl.col(by)).alias("_clave"))
    counted = keyed.group_by("periodo", "_clave").len()
    return {(p, c): n for p, c, n in counted.iter_rows()}


class _Truth:
    """The figures the sample will publish for the count indicators, by ámbito."""

    def __init__(self, matricula: pl.DataFrame, trayectoria: pl.DataFrame, catalogs: Catalogs):
        programs = catalogs.programas
        frames = {
            "MATRICULA_TOTAL": matricula,
            "NUEVO_INGRESO": matricula.filter(pl.col("tipo_ingreso") == "NUEVO_INGRESO"),
            "EGRESADOS": trayectoria.filter(pl.col("tipo_evento") == "EGRESO"),
            "TITULADOS": trayectoria.filter(pl.col("tipo_evento") == "TITULACION"),
        }
        columns = {"IPN": "IPN", "NIVEL": "nivel", "UNIDAD": "cve_unidad"}
        self.counts = {
            (indicator, ambito): _counts(frame, programs, column)
            for indicator, frame in frames.items()
            for ambito, column in columns.items()
        }

    def target(self, indicator: str, ambito: str, clave: str, periodo: str, turn: int) -> float:
        """A target around the truth (its share by `turn`); a period without a figure gets the
        latest known one."""
        counts = self.counts[(indicator, ambito)]
        known = sorted((p for p, c in counts if c == clave), key=parse_period)
        base = counts.get((periodo, clave)) or (counts[(known[-1], clave)] if known else 10)
        return base * TARGET_FACTORS[turn % len(TARGET_FACTORS)]


def _pdi(truth: _Truth, periods: list[str], levels: list[str]) -> list[Row]:
    """Yearly targets (the first period of each year, and the next year not loaded yet)."""
    years = sorted({p for p in periods if p.endswith("/1")}, key=parse_period)
    years.append(shift_period(years[-1], 2))
    rows, turn = [], 0
    for periodo in years:
        for ambito, claves in (("IPN", ["IPN"]), ("NIVEL", levels)):
            for clave in claves:
                for indicator in ("MATRICULA_TOTAL", "NUEVO_INGRESO", "EGRESADOS", "TITULADOS"):
                    meta = truth.target(indicator, ambito, clave, periodo, turn)
                    rows.append(_pdi_row(indicator, ambito, clave, periodo, meta))
                    turn += 1
                for indicator in ("TASA_ABANDONO", "EFICIENCIA_TERMINAL"):
                    rows.append(
                        _pdi_row(indicator, ambito, clave, periodo, RATE_TARGETS[indicator])
                    )
    return rows


def _pdi_row(indicator: str, ambito: str, clave: str, periodo: str, meta: float | str) -> Row:
    return _row("PDI", "PDI-2022-2026", indicator, ambito, clave, periodo, meta, "2022-03-15")


# The POA targets of each unit: (indicator, which of the last two periods, turn offset); a count
# target comes from the truth, a rate target is fixed (RATE_TARGETS).
POA_TARGETS = (
    ("MATRICULA_TOTAL", 0, 0),
    ("MATRICULA_TOTAL", 1, 0),
    ("NUEVO_INGRESO", 0, 1),
    ("EGRESADOS", 0, 2),
    ("TASA_ABANDONO", 0, 0),
    ("PCT_DOCENTES_TC", 0, 0),
)


def _poa(
    truth: _Truth, periods: list[str], units: list[str], small_programs: list[str], idle: str
) -> list[Row]:
    """The last year's POA of each unit (POA-<year>-<unit>)."""
    last_two = periods[-2:]
    year = f"20{last_two[0][:2]}"
    fecha = f"{year}-01-20"
    rows = []
    for turn, unit in enumerate(units):
        for indicator, which, offset in POA_TARGETS:
            periodo = last_two[which]
            meta = RATE_TARGETS.get(indicator) or truth.target(
                indicator, "UNIDAD", unit, periodo, turn + offset
            )
            clave = f"POA-{year}-{unit}"
            rows.append(_row("POA", clave, indicator, "UNIDAD", unit, periodo, meta, fecha))
    for program in small_programs:
        clave = f"POA-{year}-{program.split('-')[0]}"
        rows.append(_row("POA", clave, "TITULADOS", "PROGRAMA", program, last_two[0], "5", fecha))
    clave = f"POA-{year}-{idle}"
    rows.append(_row("POA", clave, "MATRICULA_TOTAL", "UNIDAD", idle, last_two[0], "100", fecha))
    return rows


def _mir(budget_years: list[int]) -> list[Row]:
    """The budget programme E010's matrix: monthly progress of the budget, the yearly share of
    own resources; the year after the sample's is not loaded."""
    year = budget_years[-1]
    clave = f"MIR-E010-{year}"
    fecha = f"{year}-02-01"
    rows = [
        _row("MIR", clave, "AVANCE_PRESUPUESTAL", "IPN", "IPN", f"{year}-{month:02d}",
             f"{min(100, 8.5 * month):.2f}", fecha)
        for month in range(1, 13)
    ]  # fmt: skip
    rows.append(
        _row("MIR", clave, "AVANCE_PRESUPUESTAL", "IPN", "IPN", f"{year + 1}-01", "8.50", fecha)
    )
    for y in (*budget_years, year + 1):
        rows.append(
            _row(
                "MIR", clave, "PCT_RECURSOS_PROPIOS", "IPN", "IPN", str(y), "12.00", fecha, "10.00"
            )
        )
    return rows


def _revision(pdi: list[Row]) -> list[Row]:
    """A mid-plan review of the last two years' institutional targets: three lowered, one
    raised."""
    years = sorted({str(r["periodo"]) for r in pdi}, key=parse_period)[-2:]
    ahead = [r for r in pdi if r["ambito"] == "IPN" and r["periodo"] in years]
    revised = []
    for row, factor in zip(ahead, (0.9, 0.9, 0.9, 1.05), strict=False):
        meta = float(str(row["meta"])) * factor
        text = f"{meta:.2f}" if "." in str(row["meta"]) else f"{meta:.0f}"
        revised.append({**row, "meta": text, "fecha_registro": "2024-07-01"})
    return revised


# One bad row of each kind: (file, column, defect, change to a valid row of that file).
BAD_ROWS: tuple[tuple[str, str, str, Callable[[Row], Row]], ...] = (
    ("pdi", "instrumento", "instrumento_desconocido", lambda r: {**r, "instrumento": "PND"}),
    ("pdi", "clave_instrumento", "clave_instrumento_mal_formada",
     lambda r: {**r, "clave_instrumento": "PDI 2022"}),
    ("pdi", "clave_instrumento", "prefijo_distinto_del_instrumento",
     lambda r: {**r, "instrumento": "POA"}),
    ("pdi", "fecha_registro", "fecha_no_valida", lambda r: {**r, "fecha_registro": "2022-02-30"}),
    ("poa", "clave_indicador", "indicador_desconocido",
     lambda r: {**r, "clave_indicador": "TASA_DESERCION"}),
    ("poa", "clave_indicador", "indicador_neutral",
     lambda r: {**r, "clave_indicador": "PCT_MUJERES", "meta": "50.00"}),
    ("poa", "ambito", "ambito_no_publicado",
     lambda r: {**r, "clave_indicador": "PCT_DOCENTES_TC", "ambito": "PROGRAMA",
                "clave_ambito": "CECYT01-TCONS", "meta": "60.00"}),
    ("poa", "clave_ambito", "clave_ambito_desconocida", lambda r: {**r, "clave_ambito": "ESIME99"}),
    ("poa", "periodo", "periodo_de_otra_periodicidad", lambda r: {**r, "periodo": "2025"}),
    ("poa", "meta", "meta_no_positiva", lambda r: {**r, "meta": "0"}),
    ("poa", "meta", "porcentaje_mayor_que_100",
     lambda r: {**r, "clave_indicador": "TASA_ABANDONO", "meta": "120.00"}),
    ("poa", "linea_base", "linea_base_negativa", lambda r: {**r, "linea_base": "-3"}),
    ("poa", "meta", "meta_vacia", lambda r: {**r, "meta": None}),
    ("poa", "clave_instrumento, clave_indicador, ambito, clave_ambito, periodo",
     "meta_duplicada_en_el_archivo", lambda r: dict(r)),
)  # fmt: skip


def _with_bad_rows(name: str, file_key: str, rows: list[Row]) -> tuple[list[Row], list[dict]]:
    """`rows` with this file's bad rows inserted, spread through it; the record of each."""
    planted = [b for b in BAD_ROWS if b[0] == file_key]
    out, records = list(rows), []
    step = max(1, len(rows) // (len(planted) + 1))
    for n, (_, column, defect, change) in enumerate(planted, 1):
        position = min(n * step + n - 1, len(out))
        source = out[position - 1] if defect == "meta_duplicada_en_el_archivo" else out[position]
        bad = change(source)
        out.insert(position, bad)
        records.append({"columna": column, "defecto": defect, "posicion": position, "row": bad})
    found = []
    for record in records:
        fila = out.index(record["row"], record["posicion"]) + 2  # the header is row 1
        value = record["row"].get(record["columna"]) if "," not in record["columna"] else None
        found.append({"kind": KIND, "archivo": name, "fila": fila, "columna": record["columna"],
                      "defecto": record["defecto"], "valor": value})  # fmt: skip
    return out, found


def _file(name: str, rows: list[Row], clean: int, style: FileStyle) -> SampleFile:
    columns = list(load_contract(KIND).column_names)
    frame = pl.DataFrame(rows, schema={c: pl.String for c in columns})
    return SampleFile(KIND, name, style, "", frame, clean, len(rows) - clean)


def build_targets(
    matricula: pl.DataFrame,
    trayectoria: pl.DataFrame,
    catalogs: Catalogs,
    budget_years: tuple[int, ...],
) -> TargetSample:
    periods = sorted(matricula.get_column("periodo").unique().to_list(), key=parse_period)
    truth = _Truth(matricula, trayectoria, catalogs)
    levels = sorted(catalogs.programas.get_column("nivel").drop_nulls().unique().to_list())
    units = sorted(matricula.filter(pl.col("periodo") == periods[-2])["cve_unidad"].unique())
    sizes = matricula.filter(pl.col("periodo") == periods[-2]).group_by("cve_programa").len()
    small = sizes.sort("len", "cve_programa").head(SMALL_PROGRAMS)["cve_programa"].to_list()
    idle = sorted(set(catalogs.unidades["cve_unidad"]) - set(matricula["cve_unidad"]))[0]
    pdi = _pdi(truth, periods, levels)
    year = f"20{periods[-2][:2]}"
    plain = FileStyle(format="csv", encoding="utf-8")
    files, clean, bad = [], [], []
    for name, key, rows, style in (
        ("pdi_2022-2026.csv", "pdi", pdi, plain),
        (f"poa_{year}.csv", "poa", _poa(truth, periods, units, small, idle), plain),
        (f"mir_e010_{budget_years[-1]}.xlsx", "mir", _mir(list(budget_years)), FileStyle("xlsx")),
        ("pdi_2022-2026_revision_2024.csv", "revision", _revision(pdi), plain),
    ):
        written, found = _with_bad_rows(name, key, rows)
        files.append(_file(name, written, len(rows), style))
        clean.extend(rows)
        bad.extend(found)
    columns = list(load_contract(KIND).column_names)
    return TargetSample(
        rows=pl.DataFrame(clean, schema={c: pl.String for c in columns}),
        files=files,
        bad_rows=pl.DataFrame(bad, schema=BAD_ROW_SCHEMA),
    )
