"""An independent computation of the indicators at ámbitos IPN and NIVEL, straight from
docs/INDICATORS.md and the generator's clean frames (what loads), with Polars and Python
fractions — no dbt SQL.

Boletas stand for students and employee numbers for people: pseudonyms are 1:1, so counting per
boleta is counting per id_alumno. Every period of the sample is loaded (its matricula and its
trayectoria files); the test checks that precondition against raw.cargas.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import polars as pl

from pipelines.core.periods import parse_period, period_of_date, shift_period

SCHOOL_LEVEL = {
    "BACHILLERATO_TECNOLOGICO": "NMS",
    "LICENCIATURA": "NS",
    "ESPECIALIDAD": "POS",
    "MAESTRIA": "POS",
    "DOCTORADO": "POS",
}
GRADES = ["BACHILLERATO", "TECNICO", "LICENCIATURA", "ESPECIALIDAD", "MAESTRIA", "DOCTORADO"]
POSTGRADUATE = {"ESPECIALIDAD", "MAESTRIA", "DOCTORADO"}

Row = tuple[str, str, str, str, Decimal | None, Decimal | None, Decimal | None]


def rounded(value: Fraction) -> Decimal:
    """Two decimals, half away from zero (all parts here are non-negative)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def exact(value: Fraction | int | Decimal) -> Decimal:
    value = Fraction(value)
    return Decimal(value.numerator) / Decimal(value.denominator)


def count_row(code: str, periodo: str, ambito: str, clave: str, value) -> Row:
    return (code, periodo, ambito, clave, exact(value), None, None)


def ratio_row(code: str, periodo: str, ambito: str, clave: str, num, den, factor: int = 100) -> Row:
    num, den = Fraction(num), Fraction(den)
    value = None if den == 0 else rounded(num * factor / den)
    return (code, periodo, ambito, clave, value, exact(num), exact(den))


def index(periodo: str) -> int:
    year, half = parse_period(periodo)
    return year * 2 + half - 1


class Reference:
    def __init__(self, sample, programas: pl.DataFrame, unidades: pl.DataFrame, loaded: set[str]):
        self.loaded = loaded
        level = programas.select(
            "cve_programa",
            pl.col("nivel_estudios").replace_strict(SCHOOL_LEVEL).alias("nivel"),
            pl.col("duracion_semestres").cast(pl.Int64).alias("duracion"),
        )
        self.mat = sample.matricula.join(level, on="cve_programa", how="left")
        self.events = sample.trayectoria.join(level, on="cve_programa", how="left")
        self.staff = sample.plantilla.join(
            unidades.select("cve_unidad", pl.col("nivel").alias("nivel_unidad")),
            on="cve_unidad",
            how="left",
        )
        self.budget = sample.presupuesto

    # ámbitos IPN and NIVEL of a frame with a level column
    @staticmethod
    def scopes(frame: pl.DataFrame, level: str = "nivel"):
        yield "IPN", "IPN", frame
        for (clave,), part in frame.group_by(level):
            yield "NIVEL", clave, part

    def rows(self) -> list[Row]:
        return self.school() + self.staff_rows() + self.budget_rows()

    # ---- school -------------------------------------------------------------------------
    def school(self) -> list[Row]:
        rows: list[Row] = []
        periods = sorted(set(self.mat["periodo"]) | set(self.events["periodo"]), key=index)
        for p in periods:
            mat_p = self.mat.filter(pl.col("periodo") == p)
            ev_p = self.events.filter(pl.col("periodo") == p)
            ambitos = {("IPN", "IPN")} | {
                ("NIVEL", n) for n in set(mat_p["nivel"]) | set(ev_p["nivel"])
            }
            for ambito, clave in sorted(ambitos):
                mat, ev = (
                    (mat_p, ev_p)
                    if ambito == "IPN"
                    else (
                        mat_p.filter(pl.col("nivel") == clave),
                        ev_p.filter(pl.col("nivel") == clave),
                    )
                )
                rows += self._school_cell(p, ambito, clave, mat, ev)
            rows += self._efficiency(p, mat_p)
        return rows

    def _school_cell(self, p, ambito, clave, mat, ev) -> list[Row]:
        rows = []
        if p in self.loaded:  # matricula and trayectoria of p loaded (every sample period)
            enrolled = mat.height
            rows.append(count_row("MATRICULA_TOTAL", p, ambito, clave, enrolled))
            rows.append(
                count_row(
                    "NUEVO_INGRESO",
                    p,
                    ambito,
                    clave,
                    mat.filter(pl.col("tipo_ingreso") == "NUEVO_INGRESO").height,
                )
            )
            rows.append(
                ratio_row(
                    "PCT_MUJERES",
                    p,
                    ambito,
                    clave,
                    mat.filter(pl.col("sexo") == "M").height,
                    enrolled,
                )
            )
            graduates = ev.filter(pl.col("tipo_evento") == "EGRESO")
            rows.append(count_row("EGRESADOS", p, ambito, clave, graduates.height))
            rows.append(
                count_row(
                    "TITULADOS",
                    p,
                    ambito,
                    clave,
                    ev.filter(pl.col("tipo_evento") == "TITULACION").height,
                )
            )
            if shift_period(p, 1) in self.loaded:
                rows.append(
                    ratio_row("TASA_ABANDONO", p, ambito, clave, self._dropouts(p, mat), enrolled)
                )
            if shift_period(p, 3) in self.loaded:
                rows.append(
                    ratio_row(
                        "TASA_TITULACION",
                        p,
                        ambito,
                        clave,
                        self._titled(p, graduates),
                        graduates.height,
                    )
                )
        return rows

    def _dropouts(self, p: str, mat: pl.DataFrame) -> int:
        back = set(self.mat.filter(pl.col("periodo") == shift_period(p, 1))["boleta"])
        graduated = set(
            self.events.filter((pl.col("periodo") == p) & (pl.col("tipo_evento") == "EGRESO"))[
                "boleta"
            ]
        )
        return sum(1 for b in mat["boleta"] if b not in back and b not in graduated)

    def _titled(self, p: str, graduates: pl.DataFrame) -> int:
        titles = self.events.filter(pl.col("tipo_evento") == "TITULACION")
        limit = index(p) + 3
        titled = {
            (b, prog)
            for b, prog, per in titles.select("boleta", "cve_programa", "periodo").iter_rows()
            if index(per) <= limit
        }
        return sum(
            1
            for b, prog in graduates.select("boleta", "cve_programa").iter_rows()
            if (b, prog) in titled
        )

    def _efficiency(self, p: str, mat_p: pl.DataFrame) -> list[Row]:
        cohort = mat_p.filter(
            (pl.col("tipo_ingreso") == "NUEVO_INGRESO") & (pl.col("semestre") == 1)
        )
        egresos = {}
        for b, prog, per in (
            self.events.filter(pl.col("tipo_evento") == "EGRESO")
            .select("boleta", "cve_programa", "periodo")
            .iter_rows()
        ):
            egresos[(b, prog)] = min(egresos.get((b, prog), 10**9), index(per))
        counted = []
        for b, prog, d, nivel in cohort.select(
            "boleta", "cve_programa", "duracion", "nivel"
        ).iter_rows():
            end = shift_period(p, d - 1)
            if end in self.loaded:
                counted.append((nivel, egresos.get((b, prog), 10**9) <= index(end)))
        rows = []
        members = pl.DataFrame(counted, schema=["nivel", "a_tiempo"], orient="row")
        for ambito, clave, part in self.scopes(members):
            if part.height > 0:
                rows.append(
                    ratio_row(
                        "EFICIENCIA_TERMINAL", p, ambito, clave, part["a_tiempo"].sum(), part.height
                    )
                )
        return rows

    # ---- staff --------------------------------------------------------------------------
    def staff_rows(self) -> list[Row]:
        staff = self.staff.with_columns(
            pl.col("fecha_corte")
            .map_elements(period_of_date, return_dtype=pl.String)
            .alias("periodo")
        )
        latest = staff.group_by("periodo").agg(pl.col("fecha_corte").max())
        staff = staff.join(latest, on=["periodo", "fecha_corte"])
        grade_rank = pl.col("grado_maximo").replace_strict({g: i for i, g in enumerate(GRADES)})
        people = staff.group_by("periodo", "num_empleado").agg(
            grade_rank.max().alias("grado"), pl.col("nivel_snii").is_not_null().any().alias("snii")
        )
        teaching = staff.filter(pl.col("tipo_personal") == "DOCENTE")
        rows = []
        for (p,), plazas in teaching.group_by("periodo"):
            for ambito, clave, part in self.scopes(plazas, "nivel_unidad"):
                per_person = (
                    part.group_by("num_empleado")
                    .agg(
                        pl.col("horas_semana").sum().alias("horas"),
                        (pl.col("tiempo_dedicacion") == "TC").any().alias("tc"),
                    )
                    .join(people.filter(pl.col("periodo") == p), on="num_empleado")
                )
                docentes = per_person.height
                etc = sum(Fraction(min(h, 40), 40) for h in per_person["horas"])
                posgrado = per_person.filter(pl.col("grado") >= GRADES.index("ESPECIALIDAD")).height
                rows.append(count_row("DOCENTES", p, ambito, clave, docentes))
                rows.append(count_row("DOCENTES_ETC", p, ambito, clave, etc))
                rows.append(
                    ratio_row("PCT_DOCENTES_POSGRADO", p, ambito, clave, posgrado, docentes)
                )
                rows.append(
                    ratio_row("PCT_DOCENTES_TC", p, ambito, clave, per_person["tc"].sum(), docentes)
                )
                rows.append(
                    ratio_row(
                        "PCT_DOCENTES_SNII", p, ambito, clave, per_person["snii"].sum(), docentes
                    )
                )
                if ambito == "IPN" and p in set(self.mat["periodo"]):
                    enrolled = self.mat.filter(pl.col("periodo") == p).height
                    rows.append(
                        ratio_row("ALUMNOS_POR_DOCENTE", p, ambito, clave, enrolled, etc, factor=1)
                    )
        return rows

    # ---- budget (ámbito IPN) ------------------------------------------------------------
    def budget_rows(self) -> list[Row]:
        rows = []
        for (year,), months in self.budget.group_by("ejercicio"):
            for (month,), part in months.group_by("mes"):
                rows.append(
                    ratio_row(
                        "AVANCE_PRESUPUESTAL",
                        f"{year}-{month:02d}",
                        "IPN",
                        "IPN",
                        part["ejercido"].sum(),
                        part["modificado"].sum(),
                    )
                )
            last = months.filter(pl.col("mes") == months["mes"].max())
            devengado = last["devengado"].sum()
            rows.append(count_row("PRESUPUESTO_DEVENGADO", str(year), "IPN", "IPN", devengado))
            personal = last.filter(pl.col("capitulo") == 1000)["devengado"].sum()
            propios = last.filter(pl.col("fuente_financiamiento") == "PROPIOS")["devengado"].sum()
            rows.append(
                ratio_row("PCT_SERVICIOS_PERSONALES", str(year), "IPN", "IPN", personal, devengado)
            )
            rows.append(
                ratio_row("PCT_RECURSOS_PROPIOS", str(year), "IPN", "IPN", propios, devengado)
            )
            february, august = f"{year % 100:02d}/2", f"{(year + 1) % 100:02d}/1"
            enrolled = set(self.mat["periodo"])
            if months["mes"].max() == 12 and february in enrolled and august in enrolled:
                mean = Fraction(self._enrolled(february) + self._enrolled(august), 2)
                rows.append(
                    ratio_row(
                        "GASTO_POR_ALUMNO", str(year), "IPN", "IPN", devengado, mean, factor=1
                    )
                )
        return rows

    def _enrolled(self, periodo: str) -> int:
        return self.mat.filter(pl.col("periodo") == periodo).height
