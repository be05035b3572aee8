"""The auditors' report: one self-contained HTML page (inline CSS, no script, no network).

Stock GX Data Docs load their CSS from a CDN and render unstyled offline, so the page is built
here from the gate's results: load log, rejections by file and reason, control totals across
layers, every check with its outcome, and the publication history.
"""

from __future__ import annotations

import os
from datetime import datetime
from html import escape
from pathlib import Path

from pipelines.config import Settings
from pipelines.explain.render import render_text
from pipelines.publish.report_data import ReportData, Rows, gather
from pipelines.quality.results import CheckOutcome

STYLE = (Path(__file__).with_name("report_style.css")).read_text(encoding="utf-8")
LATEST = "informe.html"
SECTIONS = (("resumen", "Resumen"), ("verificaciones", "Verificaciones"), ("conciliacion", "Conciliación de totales"),
            ("cargas", "Bitácora de cargas"), ("rechazos", "Rechazos por archivo y motivo"), ("anuies", "ANUIES"),
            ("divulgacion", "Control de divulgación"), ("cifras", "De dónde salen las cifras"),
            ("historial", "Historial de publicaciones"))


def report_path(settings: Settings, run_id: str) -> Path:
    return settings.reports_dir / f"informe_{run_id}.html"


def _cell(value) -> str:
    if value is None:
        return "<td>—</td>"
    if isinstance(value, bool):
        return f"<td>{'sí' if value else 'no'}</td>"
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit()):
        return f'<td class="num">{escape(str(value))}</td>'
    return f"<td>{escape(str(value))}</td>"


def table(rows: Rows, columns: list[str] | None = None, row_class=None) -> str:
    if not rows:
        return '<p class="nota">Sin renglones.</p>'
    columns = columns or list(rows[0])
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows:
        css = row_class(row) if row_class else ""
        body.append(f'<tr class="{css}">' + "".join(_cell(row.get(c)) for c in columns) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _badge(check: CheckOutcome) -> str:
    if check.aprobada:
        return '<span class="insignia aprobada">aprobada</span>'
    css, text = ("error", "FALLÓ (bloquea)") if check.bloquea else ("aviso", "aviso")
    return f'<span class="insignia {css}">{text}</span>'


def _status(data: ReportData) -> str:
    attempt = data.attempt
    if attempt and attempt.publicada:
        return f'<div class="estado ok">Publicada la versión {attempt.version} (versión vigente).</div>'
    if attempt:
        reasons = "".join(f"<li>{escape(r)}</li>" for r in attempt.motivos)
        current = f"sigue vigente la versión {attempt.version_vigente}" if attempt.version_vigente else "aún no hay publicación"
        return f'<div class="estado error">No se publicó; {current}.<ul>{reasons}</ul></div>'
    blocked = [c for g in data.gates for c in g.bloqueadas]
    if data.gates and not any(g.publica for g in data.gates):
        state = "error" if blocked else "pendiente"
        return (f'<div class="estado {state}">Ejecución de carga: valida los extractos que cargó; publica la '
                "ejecución «transformacion_y_publicacion».</div>")
    if blocked:
        items = "".join(f"<li>{escape(c.asset)} · {escape(c.check)}</li>" for c in blocked)
        return f'<div class="estado error">Falló una verificación bloqueante; no se publicará.<ul>{items}</ul></div>'
    return '<div class="estado pendiente">Publicación pendiente: la ejecución sigue en curso.</div>'


def _cards(data: ReportData) -> str:
    checks = [c for g in data.gates for c in g.verificaciones]
    cards = [
        ("archivos en la bitácora", len(data.cargas)),
        ("archivos con error o rechazados", sum(1 for c in data.cargas if c["estado"] in ("ERROR", "RECHAZADO"))),
        ("renglones rechazados", sum(r["filas"] for r in data.rechazos)),
        ("verificaciones aprobadas", sum(1 for c in checks if c.aprobada)),
        ("verificaciones fallidas", sum(1 for c in checks if c.bloquea)),
        ("avisos", sum(1 for c in checks if not c.aprobada and not c.bloquea)),
    ]
    return '<div class="tarjetas">' + "".join(f'<div class="tarjeta"><b>{v}</b>{escape(k)}</div>' for k, v in cards) + "</div>"


def _differs(row: dict) -> str:
    values = {v for k, v in row.items() if k not in ("periodo", "ejercicio", "ultimo_mes", "extracto", "leidas", "rechazadas")}
    return "difiere" if len(values) > 1 else ""


def _layers_class(row: dict) -> str:
    return "difiere" if row["leidas"] != row["cargadas"] + row["rechazadas"] or row["cargadas"] != row["en_raw"] else ""


def _reconciliation(data: ReportData) -> str:
    parts = ["<h3>Archivos → raw (archivos cargados vigentes)</h3>",
             '<p class="nota">leídas = cargadas + rechazadas, y cargadas = renglones en raw.</p>',
             table(data.capas, row_class=_layers_class)]
    titles = {"conciliacion_matricula": "Alumnos: raw.matricula → fct_matricula → indicadores (MATRICULA_TOTAL)",
              "conciliacion_presupuesto": "Devengado del último mes: raw.presupuesto → fct_presupuesto → indicadores"}
    reconciled = {name: rows for g in data.gates for name, rows in g.conciliaciones.items()}
    for name, title in titles.items():
        rows = reconciled.get(name)
        parts += [f"<h3>{escape(title)}</h3>",
                  table(rows, row_class=_differs) if rows is not None else '<p class="nota">La puerta de los marts no se ejecutó.</p>']
    return "".join(parts)


def _check_details(check: CheckOutcome) -> str:
    rows = [{"expectativa": e.descripcion, "columna": e.columna, "severidad": e.severidad,
             "resultado": "cumple" if e.exito else "NO CUMPLE", "evaluadas": e.evaluadas, "inesperadas": e.inesperadas,
             "particiones": "; ".join(e.lotes_fallidos) or None, "ejemplos": ", ".join(e.ejemplos) or e.error}
            for e in sorted(check.expectativas, key=lambda e: e.exito)]
    error = f'<p class="estado error">{escape(check.error)}</p>' if check.error else ""
    opened = " open" if not check.aprobada else ""
    return (f"<details{opened}><summary>{escape(check.asset)} · {escape(check.check)} — {escape(check.titulo)}</summary>"
            f"{error}{table(rows, row_class=lambda r: 'difiere' if r['resultado'] != 'cumple' else '')}</details>")


CHECK_COLUMNS = ("puerta", "asset", "verificación", "resultado", "bloqueante", "expectativas", "fallidas",
                 "renglones inesperados", "lotes", "renglones validados", "segundos")


def _check_row(gate: str, check: CheckOutcome) -> str:
    numbers = (check.bloqueante, len(check.expectativas), len(check.fallidas), check.inesperadas, check.lotes,
               check.filas, check.segundos)
    return (f"<tr><td>{escape(gate)}</td><td>{escape(check.asset)}</td><td>{escape(check.check)}</td>"
            f"<td>{_badge(check)}</td>{''.join(_cell(n) for n in numbers)}</tr>")


def _checks(data: ReportData) -> str:
    if not data.gates:
        return '<p class="nota">Ninguna puerta de calidad se ejecutó en esta ejecución.</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in CHECK_COLUMNS)
    rows = "".join(_check_row(g.puerta, c) for g in data.gates for c in g.verificaciones)
    details = "".join(_check_details(c) for g in data.gates for c in g.verificaciones)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{details}"


def _history(data: ReportData) -> str:
    rows = [{"fecha": a.fecha, "ejecución": a.run_id, "resultado": "publicada" if a.publicada else "no publicada",
             "versión": a.version, "vigente tras el intento": a.version_vigente,
             "en disco": (a.version in data.kept) if a.version else None,
             "archivos de origen": (a.manifest or {}).get("archivos_fuente"),
             "dbt": (a.manifest or {}).get("dbt_invocation_id"), "motivos": "; ".join(a.motivos) or None}
            for a in reversed(data.attempts)]
    current = f"Versión vigente: {data.current}." if data.current else "Aún no hay publicación vigente."
    return f"<p>{current} Versiones en disco: {', '.join(map(str, data.kept)) or 'ninguna'}.</p>{table(rows)}"


def _disclosure(data: ReportData) -> str:
    """Per published version: cells hidden (primary A, secondary D) and the share of the total they
    hold, per family, and the result of the disclosure audit."""
    parts = []
    for attempt in reversed(data.attempts):
        disclosure = (attempt.manifest or {}).get("divulgacion")
        if not attempt.publicada or not disclosure:
            continue
        audit = disclosure.get("auditoria", {})
        verdict = ("aprobada" if audit.get("aprobada") else "no aprobada")
        parts.append(
            f"<h3>Versión {attempt.version}</h3><p>Auditoría de divulgación {verdict}: "
            f"{audit.get('celdas_primarias', 0)} celdas con supresión primaria, ninguna acotable a menos del nivel "
            f"de protección ({audit.get('programas_lineales', 0)} programas lineales, {audit.get('segundos', 0)} s); "
            f"supresión en {disclosure.get('segundos_supresion', 0)} s.</p>"
            + table(disclosure.get("perdida_informacion", []),
                    ["familia", "celdas", "primarias", "secundarias", "total", "oculto", "porcentaje_oculto"]))
    return "".join(parts) or '<p class="nota">Ninguna versión publicada registra control de divulgación.</p>'


def _explanations(data: ReportData) -> str:
    """The chosen cells (SIIE_INFORME_EXPLICAR) as `siie explain` prints them, one fold each."""
    if not data.explicaciones:
        return '<p class="nota">Sin publicación vigente, o SIIE_INFORME_EXPLICAR vacío: ninguna cifra que explicar.</p>'
    parts = [('<p>Lo mismo que imprime <code>siie explain</code> para las cifras elegidas en SIIE_INFORME_EXPLICAR, '
              "en su último periodo publicado.</p>")]
    for explanation in data.explicaciones:
        cell = explanation["celda"]
        if cell is None:
            parts.append(f'<p class="nota">{escape(explanation["spec"])}: {escape(explanation["error"])}</p>')
            continue
        command = " ".join(["siie explain", cell["clave_indicador"], cell["periodo"], cell["ambito"],
                            *([cell["clave_ambito"]] if cell["ambito"] != "IPN" else [])])
        parts.append(f'<details id="cifra-{escape(cell["clave_indicador"])}"><summary>{escape(command)}</summary>'
                     f"<pre>{escape(render_text(explanation))}</pre></details>")
    return "".join(parts)


def render(data: ReportData) -> str:
    nav = "".join(f'<a href="#{key}">{escape(title)}</a>' for key, title in SECTIONS)
    sections = {
        "resumen": _status(data) + _cards(data),
        "cargas": table(data.cargas),
        "rechazos": table(data.rechazos),
        "conciliacion": _reconciliation(data),
        "verificaciones": _checks(data),
        "anuies": table(data.anuies) if data.anuies else '<p class="nota">No hay anuario ANUIES cargado.</p>',
        "divulgacion": _disclosure(data),
        "cifras": _explanations(data),
        "historial": _history(data),
    }
    body = "".join(f'<section id="{key}"><h2>{escape(title)}</h2>{sections[key]}</section>' for key, title in SECTIONS)
    generated = datetime.now().astimezone().isoformat(timespec="seconds")
    return (f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>SIIE — Informe para auditoría</title>'
            f"<style>{STYLE}</style></head><body><header class=\"barra\"><h1>SIIE · Informe para auditoría</h1>"
            f"<p>Ejecución {escape(data.run_id)} · generado {generated}</p></header><nav>{nav}</nav><main>{body}</main>"
            "</body></html>")


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_report(settings: Settings, run_id: str) -> Path:
    """Write reports/informe_<run_id>.html and refresh reports/informe.html; return the former."""
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    html = render(gather(settings, run_id))
    path = report_path(settings, run_id)
    _write_atomically(path, html)
    _write_atomically(settings.reports_dir / LATEST, html)
    return path
