"""Which loaded periods of each extract feed one cell of an indicator (models/indicadores.yml).

Read from the formulas: a school count uses its own period p; an indicator whose catalog entry
declares `periodos_posteriores` also reads the next periods of those extracts (TASA_ABANDONO
MAT(p+1), TASA_TITULACION the events up to p+3); EFICIENCIA_TERMINAL the events up to p+(d−1),
d the longest program duration in the scope. Staff reads the last cut-off date inside p. Yearly
budget figures read the last month loaded of the year (GASTO_POR_ALUMNO month 12 and the
enrollment of YY/2 and (YY+1)/1); monthly ones their month; ANUIES figures their ciclo.
"""

from __future__ import annotations

from datetime import date

from pipelines.core.periods import PERIOD_RE, period_of_date, shift_period
from pipelines.specs.indicator_catalog import Indicator


def school_period_of(kind: str, file_period: str) -> str | None:
    """The school period a loaded file belongs to (staff files carry their cut-off date)."""
    if kind == "plantilla":
        return period_of_date(date.fromisoformat(file_period))
    return file_period if PERIOD_RE.match(file_period or "") else None


def wanted_periods(indicator: Indicator, kind: str, periodo: str, longest_program: int) -> set[str]:
    """The school periods (or months, or ciclos) of `kind`'s files that feed the cell."""
    if indicator.periodicidad == "periodo escolar":
        ahead = indicator.periods_ahead(kind)
        if indicator.clave == "EFICIENCIA_TERMINAL" and kind == "trayectoria":
            ahead = max(longest_program - 1, 0)
        return {shift_period(periodo, k) for k in range(ahead + 1)}
    if (
        indicator.periodicidad == "año" and kind == "matricula"
    ):  # GASTO_POR_ALUMNO's average enrollment
        yy = int(periodo) % 100
        return {f"{yy:02d}/2", f"{(yy + 1) % 100:02d}/1"}
    return {periodo}


def files_feeding(
    indicator: Indicator, periodo: str, files: list[dict], longest_program: int
) -> list[dict]:
    """The manifest's loaded files (tipo, periodo, …) that the cell reads."""
    chosen = []
    for kind in indicator.fuente:
        own = [f for f in files if f["tipo"] == kind]
        if kind == "presupuesto" and indicator.periodicidad == "año":
            months = sorted(
                (f for f in own if f["periodo"].startswith(f"{periodo}-")),
                key=lambda f: f["periodo"],
            )
            wanted_month = (
                f"{periodo}-12"
                if indicator.clave == "GASTO_POR_ALUMNO"
                else (months[-1]["periodo"] if months else None)
            )
            chosen += [f for f in own if f["periodo"] == wanted_month]
        elif kind == "plantilla":
            chosen += _last_cut_off(own, wanted_periods(indicator, kind, periodo, longest_program))
        else:
            wanted = wanted_periods(indicator, kind, periodo, longest_program)
            chosen += [
                f for f in own if (school_period_of(kind, f["periodo"]) or f["periodo"]) in wanted
            ]
    return chosen


def _last_cut_off(files: list[dict], periods: set[str]) -> list[dict]:
    latest: dict[str, dict] = {}
    for f in sorted(files, key=lambda f: f["periodo"]):
        period = school_period_of("plantilla", f["periodo"])
        if period in periods:
            latest[period] = f
    return list(latest.values())
