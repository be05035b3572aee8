"""What a gate found, as plain records: saved as JSON for the report, the manifest and the run
summary."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.core.config import Settings
from pipelines.quality.expectation import CRITICAL


@dataclass
class ExpectationOutcome:
    suite: str
    tipo: str
    descripcion: str
    severidad: str
    columna: str | None = None
    exito: bool = True
    evaluadas: int = 0
    inesperadas: int = 0
    lotes_fallidos: list[str] = field(default_factory=list)
    ejemplos: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class CheckOutcome:
    asset: str
    check: str
    titulo: str
    bloqueante: bool
    expectativas: list[ExpectationOutcome] = field(default_factory=list)
    lotes: int = 0
    filas: int = 0
    segundos: float = 0.0
    error: str | None = None
    particiones_ya_validadas: int = 0  # unchanged since they passed in an earlier run

    @property
    def fallidas(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectativas if not e.exito]

    @property
    def aprobada(self) -> bool:
        return not self.fallidas and self.error is None

    @property
    def severidad(self) -> str:
        """ERROR when a critical expectation failed (or the check could not run), else WARN."""
        if self.error or any(e.severidad == CRITICAL for e in self.fallidas):
            return "ERROR"
        return "WARN"

    @property
    def bloquea(self) -> bool:
        return self.bloqueante and not self.aprobada and self.severidad == "ERROR"

    @property
    def inesperadas(self) -> int:
        return sum(e.inesperadas for e in self.expectativas)


@dataclass
class GateResult:
    puerta: str
    run_id: str
    inicio: str
    fin: str = ""
    publica: bool = True  # the run includes the publication (not an ingestion-only run)
    verificaciones: list[CheckOutcome] = field(default_factory=list)
    conciliaciones: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def bloqueadas(self) -> list[CheckOutcome]:
        return [c for c in self.verificaciones if c.bloquea]

    @property
    def aprobada(self) -> bool:
        return not self.bloqueadas

    def check(self, asset: str, name: str) -> CheckOutcome:
        for outcome in self.verificaciones:
            if (outcome.asset, outcome.check) == (asset, name):
                return outcome
        raise KeyError(f"{asset}: no hay verificación {name!r}")


def blocked_reasons(gates: list[GateResult]) -> list[str]:
    """One line per blocking check that failed, with its first failed expectations."""
    reasons = []
    for gate in gates:
        for check in gate.bloqueadas:
            failed = "; ".join(
                f"{e.descripcion} ({e.inesperadas} inesperadas)" for e in check.fallidas[:3]
            )
            reasons.append(f"{check.asset} · {check.check}: {check.error or failed}")
    return reasons


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def results_dir(settings: Settings, run_id: str) -> Path:
    return settings.reports_dir / "validaciones" / run_id


def save_gate(settings: Settings, result: GateResult) -> Path:
    folder = results_dir(settings, result.run_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"puerta_{result.puerta}.json"
    path.write_text(
        json.dumps(asdict(result), ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    return path


def _gate_from_dict(data: dict) -> GateResult:
    checks = []
    for check in data.pop("verificaciones"):
        expectations = [ExpectationOutcome(**e) for e in check.pop("expectativas")]
        checks.append(CheckOutcome(**check, expectativas=expectations))
    return GateResult(**data, verificaciones=checks)


def load_gates(settings: Settings, run_id: str) -> list[GateResult]:
    """The gates a run saved (raw before marts), or [] when none ran."""
    folder = results_dir(settings, run_id)
    found = [
        _gate_from_dict(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(folder.glob("puerta_*.json"))
    ]
    order = {"raw": 0, "marts": 1}
    return sorted(found, key=lambda g: order.get(g.puerta, 2))
