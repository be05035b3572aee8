"""Staff positions: categorías by kind of staff and dedication, with their monthly pay.

Salaries are plausible 2022 figures in pesos for a full-time plaza (per weekly hour for
asignatura categories); they grow with seniority and a yearly raise (staff.py).
"""

from __future__ import annotations

import polars as pl

HOURS = {"TC": 40, "3/4T": 30, "MT": 20}
DEDICATION_PAY = {"TC": 1.0, "3/4T": 0.75, "MT": 0.5}

# (tipo_personal, tiempo_dedicacion) → {categoria: (weight, monthly pay for the dedication unit)}
# For ASIGNATURA the pay is per weekly hour; for the others it is a full-time salary.
CATEGORIES: dict[tuple[str, str], dict[str, tuple[float, float]]] = {
    ("DOCENTE", "CARRERA"): {
        "PROFESOR TITULAR C": (12, 41_500.0),
        "PROFESOR TITULAR B": (10, 37_200.0),
        "PROFESOR TITULAR A": (10, 33_800.0),
        "PROFESOR ASOCIADO C": (12, 30_100.0),
        "PROFESOR ASOCIADO B": (12, 27_400.0),
        "PROFESOR ASOCIADO A": (10, 25_000.0),
        "TÉCNICO DOCENTE DE CARRERA": (8, 19_800.0),
    },
    ("DOCENTE", "ASIGNATURA"): {
        "PROFESOR DE ASIGNATURA A": (30, 520.0),
        "PROFESOR DE ASIGNATURA B": (25, 585.0),
        "TÉCNICO DOCENTE DE ASIGNATURA": (15, 430.0),
    },
    ("PAAE", "CARRERA"): {
        "SECRETARIA EJECUTIVA": (14, 13_900.0),
        "ASISTENTE DE SERVICIOS EN PLANTEL": (16, 11_200.0),
        "TÉCNICO EN MANTENIMIENTO": (10, 12_600.0),
        "AUXILIAR DE INTENDENCIA": (14, 9_800.0),
        "ANALISTA ESPECIALIZADO": (10, 16_400.0),
        "TÉCNICO EN COMPUTACIÓN": (10, 14_700.0),
        "BIBLIOTECARIO": (6, 12_100.0),
        "DISEÑADOR GRÁFICO": (4, 15_300.0),
        "VIGILANTE": (8, 10_200.0),
        "CHOFER": (4, 10_900.0),
        "AUXILIAR DE LABORATORIO": (6, 11_600.0),
    },
    ("FUNCIONARIO", "CARRERA"): {
        "JEFE DE DEPARTAMENTO": (45, 38_600.0),
        "JEFE DE DIVISIÓN": (12, 47_900.0),
        "SUBDIRECTOR ACADÉMICO": (10, 58_300.0),
        "SUBDIRECTOR ADMINISTRATIVO": (10, 56_900.0),
        "COORDINADOR DE ENLACE": (12, 44_100.0),
        "DIRECTOR DE ÁREA": (6, 86_700.0),
        "DIRECTOR DE UNIDAD ACADÉMICA": (5, 79_800.0),
    },
}

# Dedications by tipo_personal, with weights (by unit level for docentes).
DEDICATIONS = {
    "DOCENTE": {"TC": 42, "3/4T": 5, "MT": 11, "ASIGNATURA": 42},
    "DOCENTE_INV": {"TC": 88, "3/4T": 2, "MT": 4, "ASIGNATURA": 6},
    "PAAE": {"TC": 86, "MT": 14},
    "FUNCIONARIO": {"TC": 100},
}

# grado_maximo weights by kind of staff (docentes at NMS units hold fewer graduate degrees).
DEGREES = ("BACHILLERATO", "TECNICO", "LICENCIATURA", "ESPECIALIDAD", "MAESTRIA", "DOCTORADO")
DEGREE_WEIGHTS = {
    "DOCENTE_NMS": (0, 6, 52, 6, 32, 4),
    "DOCENTE": (0, 1, 30, 5, 44, 20),
    "DOCENTE_INV": (0, 0, 4, 1, 25, 70),
    "PAAE": (38, 26, 30, 1, 5, 0),
    "FUNCIONARIO": (0, 2, 42, 6, 36, 14),
}
SNII_LEVELS = ("C", "I", "II", "III", "E")
SNII_WEIGHTS = (22, 52, 16, 8, 2)


def category_table() -> pl.DataFrame:
    """One row per categoría: tipo_personal, carrera/asignatura, categoria, peso, sueldo_base."""
    rows = [
        {
            "tipo_personal": kind,
            "clase": klass,
            "categoria": name,
            "peso": weight,
            "sueldo_base": pay,
        }
        for (kind, klass), names in CATEGORIES.items()
        for name, (weight, pay) in names.items()
    ]
    return pl.DataFrame(rows)
