"""How a target of the plan is judged (docs/EVALUATION.md): the semáforo and its thresholds,
written once. The publication computes the table `evaluacion` with them; the evaluation report
shows them in its legend."""

from __future__ import annotations

GREEN, YELLOW, RED = "VERDE", "AMARILLO", "ROJO"
CONFIDENTIAL = "CONFIDENCIAL"  # the figure is suppressed: nothing about it is shown
PENDING = "PENDIENTE"  # no figure of the indicator is published for that period, at any ámbito
NO_DATA = "SIN_DATO"  # the period is published, but this cell is absent or null without suppression

# cumplimiento (rounded to 2 decimals) at or above each threshold takes its colour; below the
# last, RED.
THRESHOLDS: tuple[tuple[str, int], ...] = ((GREEN, 95), (YELLOW, 85))
SEMAFOROS = (GREEN, YELLOW, RED, CONFIDENTIAL, PENDING, NO_DATA)
