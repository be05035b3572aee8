"""How students move through a program, by nivel_estudios: the assumptions of the population.

The shares are plausible for IPN rather than measured; they only need to give a coherent,
realistic-looking history (cohorts, repetition, dropout, egreso, titulación).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STUDENTS_PER_PERIOD_AT_SCALE_1 = 190_000
LEVEL_SHARE = {"NMS": 0.35, "NS": 0.60, "POS": 0.05}
TITULATION_LAGS = (0.15, 0.35, 0.25, 0.15, 0.10)  # periods after the egreso: 0…4
MAX_REPEATS = 2
MAX_EXTRA = 2  # semesters past the program's duration (alumnos rezagados)


@dataclass(frozen=True)
class StudyModel:
    dropout: float  # share of entrants who leave without completing
    dropout_decay: float  # geometric parameter: most dropouts leave in the first semesters
    repeats: tuple[float, float, float]  # P(0, 1, 2 repeated semesters)
    extra: tuple[float, float, float]  # P(0, 1, 2 extra semesters past the duration)
    late_egreso: float  # share whose EGRESO is recorded the period after their last semester
    titulation: float  # share of egresados who get a degree (sooner or later)
    entry_age: tuple[float, float, float]  # youngest age, mean excess over it, oldest age
    second_half_entry: float  # share of entrants in periods YY/2
    female: tuple[float, float]  # range of the share of women in a program
    promedio_mean: float
    options: dict[str, float]  # opcion_titulacion weights


MODELS = {
    "BACHILLERATO_TECNOLOGICO": StudyModel(
        0.30, 0.40, (0.80, 0.15, 0.05), (0.90, 0.07, 0.03), 0.10, 0.55, (14.2, 1.0, 19.0),
        0.08, (0.30, 0.55), 8.1,
        {"CURRICULAR": 40, "SEMINARIO": 20, "ESCOLARIDAD": 15, "EXPERIENCIA_PROFESIONAL": 10,
         "TESIS": 5, "OTRA": 10},
    ),
    "LICENCIATURA": StudyModel(
        0.36, 0.30, (0.78, 0.16, 0.06), (0.82, 0.12, 0.06), 0.20, 0.70, (17.3, 1.4, 35.0),
        0.25, (0.20, 0.65), 8.2,
        {"TESIS": 15, "CURRICULAR": 25, "EXPERIENCIA_PROFESIONAL": 15, "SEMINARIO": 25,
         "ESCOLARIDAD": 15, "OTRA": 5},
    ),
    "ESPECIALIDAD": StudyModel(
        0.10, 0.50, (0.95, 0.05, 0.0), (1.0, 0.0, 0.0), 0.20, 0.80, (23.0, 4.0, 45.0),
        0.40, (0.30, 0.60), 8.9, {"CURRICULAR": 40, "TESIS": 30, "OTRA": 30},
    ),
    "MAESTRIA": StudyModel(
        0.20, 0.40, (0.90, 0.08, 0.02), (0.85, 0.10, 0.05), 0.20, 0.70, (23.0, 4.0, 50.0),
        0.40, (0.25, 0.55), 9.0, {"TESIS": 85, "OTRA": 15},
    ),
    "DOCTORADO": StudyModel(
        0.25, 0.30, (0.90, 0.08, 0.02), (0.80, 0.12, 0.08), 0.20, 0.80, (25.0, 5.0, 55.0),
        0.40, (0.25, 0.50), 9.3, {"TESIS": 100},
    ),
}  # fmt: skip


def dropout_length_pmf(model: StudyModel, duration: int) -> np.ndarray:
    """P(a dropout is enrolled for k periods), k = 1 … duration-1."""
    ks = np.arange(1, max(duration - 1, 1) + 1)
    pmf = model.dropout_decay * (1 - model.dropout_decay) ** (ks - 1)
    return pmf / pmf.sum()


def expected_enrolled_periods(model: StudyModel, duration: int) -> float:
    """How many periods an entrant is enrolled, on average (turns targets into cohort sizes)."""
    levels = np.arange(3)
    completer = duration + np.dot(levels, model.repeats) + np.dot(levels, model.extra)
    pmf = dropout_length_pmf(model, duration)
    dropout = np.dot(np.arange(1, len(pmf) + 1), pmf)
    return (1 - model.dropout) * completer + model.dropout * dropout
