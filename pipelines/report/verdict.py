"""The first screen's answer to "can I trust this version?": a state, one sentence, the figures
behind it and everything that needs an auditor's attention."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.quality.results import CheckOutcome
from pipelines.report.data import ReportData
from pipelines.report.formatting import number

OK, WARNING, ERROR, PENDING = "ok", "aviso", "error", "pendiente"


@dataclass
class Verdict:
    state: str
    headline: str
    reasons: list[str] = field(default_factory=list)  # why it did not publish
    attention: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (value, what it counts)


def _checks(data: ReportData):
    return [c for g in data.gates for c in g.verificaciones]


def check_detail(check: CheckOutcome, examples: int = 3) -> str:
    """What a failed or warning check found: each failed expectation, how many cases, and the
    first cases as GX recorded them."""
    if check.error:
        return check.error
    parts = []
    for e in check.fallidas[:2]:
        cases = f"{number(e.inesperadas)} {'caso' if e.inesperadas == 1 else 'casos'}"
        shown = "; ".join(e.ejemplos[:examples])
        parts.append(f"{e.descripcion} — {cases}" + (f": {shown}" if shown else ""))
    return "; ".join(parts)


def _headline(data: ReportData) -> tuple[str, str, list[str]]:
    attempt = data.attempt
    if attempt and attempt.publicada:
        return (
            OK,
            f"Publicada la versión {attempt.version}: pasó todas las verificaciones que bloquean.",
            [],
        )
    if attempt and attempt.version_vigente and attempt.nothing_new:
        return (
            OK,
            f"Sin cambios que publicar: sigue vigente la versión {attempt.version_vigente}.",
            [],
        )
    if attempt:
        current = (
            f"sigue vigente la versión {attempt.version_vigente}"
            if attempt.version_vigente
            else "aún no hay publicación"
        )
        return ERROR, f"No se publicó; {current}.", list(attempt.motivos)
    blocked = [c for c in _checks(data) if c.bloquea]
    if blocked:
        return ERROR, "Falló una verificación que bloquea: no se publicará.", []
    if data.gates and not any(g.publica for g in data.gates):
        return (
            PENDING,
            (
                "Ejecución de carga: validó los extractos que cargó; "
                "la publicación la hace la ejecución «transformacion_y_publicacion»."
            ),
            [],
        )
    return PENDING, "Publicación pendiente: la ejecución sigue en curso.", []


def _attention(data: ReportData) -> list[str]:
    items = list(data.warnings)
    for check in _checks(data):
        if check.aprobada:
            continue
        kind = "FALLÓ (bloquea)" if check.bloquea else "AVISO"
        items.append(f"{kind} — {check.asset} · {check.check}: {check_detail(check)}")
    for load in data.run_loads:
        if load["estado"] in ("ERROR", "RECHAZADO"):
            items.append(
                f"Archivo {load['estado'].lower()}: {load['archivo']} — {load['mensaje'] or ''}"
            )
    for layer in data.layers:
        if (
            layer["leidas"] != layer["cargadas"] + layer["rechazadas"]
            or layer["cargadas"] != layer["en_raw"]
        ):
            items.append(
                f"Los totales de {layer['extracto']} no concilian entre la bitácora y raw."
            )
    unreconciled = sum(row["no_concilian"] for row in data.anuies)
    if unreconciled:
        items.append(
            f"ANUIES: {number(unreconciled)} subtotales del anuario no concilian con "
            "la suma de sus renglones (es el archivo de ANUIES; ver la sección ANUIES)."
        )
    return list(dict.fromkeys(items))  # a check that warned in two runs of the report is said once


def _files_figure(loads: list[dict]) -> tuple[str, str]:
    loaded = sum(c["estado"] != "RECHAZADO" and c["estado"] != "ERROR" for c in loads)
    failed = len(loads) - loaded
    what = "archivo cargado" if loaded == 1 else "archivos cargados"
    if failed:
        what += f" de {number(len(loads))} nuevos ({number(failed)} rechazado"
        what += "s o con error)" if failed > 1 else " o con error)"
    return number(loaded), f"{what} en esta ejecución"


def _figures(data: ReportData) -> list[tuple[str, str]]:
    loads = data.run_loads
    checks = data.check_tally
    version = data.attempt.version if data.attempt and data.attempt.publicada else data.current
    return [
        _files_figure(loads),
        (number(sum(c["filas_cargadas"] or 0 for c in loads)), "renglones cargados"),
        (number(sum(c["filas_rechazadas"] or 0 for c in loads)), "renglones rechazados"),
        (f"{number(checks.approved)} / {number(checks.total)}", "verificaciones aprobadas"),
        (number(version) if version else "—", "versión vigente"),
    ]


def verdict(data: ReportData) -> Verdict:
    state, headline, reasons = _headline(data)
    attention = _attention(data)
    if state == OK and attention:
        state = WARNING
    return Verdict(state, headline, reasons, attention, _figures(data))
