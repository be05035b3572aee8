"""The publication stage's parts — suppression, its audit, the open-data package, the portal — from
the stage lines `siie run` writes to its log (`✓ title (12.3 s)`), so that what each adds to a
load is reported apart (the Dagster event log sees the publication as one step)."""

from __future__ import annotations

import re
from pathlib import Path

PARTS = {
    "supresion": "Control de divulgación",
    "auditoria": "Auditoría de divulgación",
    "datos_abiertos": "Datos abiertos",
    "portal": "Portal de indicadores",
}
PART_TITLES = {
    "supresion": "supresión",
    "auditoria": "auditoría",
    "datos_abiertos": "datos abiertos",
    "portal": "portal",
}
LOG_NAMED = "Bitácora de la ejecución: "
STAGE_DONE = re.compile(r"^[✓⚠] (?P<title>.+) \((?P<seconds>\d+(?:\.\d+)?) s\)$")


def run_log(output: str) -> Path | None:
    """The log a `siie run` named on its first lines."""
    for line in output.splitlines():
        if line.startswith(LOG_NAMED):
            return Path(line.removeprefix(LOG_NAMED).strip())
    return None


def publication_parts(log_text: str) -> dict[str, float]:
    """Seconds of each part that ran (summed, should one run twice); a part that did not run is
    absent."""
    found: dict[str, float] = {}
    for line in log_text.splitlines():
        done = STAGE_DONE.match(line.strip())
        if not done:
            continue
        for part, title in PARTS.items():
            if done["title"].startswith(title):
                found[part] = found.get(part, 0.0) + float(done["seconds"])
    return found
