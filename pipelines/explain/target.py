"""`siie explain … --meta CLAVE_INSTRUMENTO`: one target of the plan as published in `evaluacion`,
the file it comes from and its revision history — every row loaded for its key, from any file,
oldest first — read from the working warehouse (raw.metas, raw.cargas). Targets are plan data,
not statistics; what the table shows of the figure (nothing when it is suppressed) is the
publication's."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.access.connection import connect_read_only, publication_path
from pipelines.core.config import Settings
from pipelines.explain.explanation import ExplainError

EVALUATION_KEY = "clave_instrumento, clave_indicador, ambito, clave_ambito, periodo"
HISTORY_SQL = """
SELECT m._archivo AS archivo, m._fila AS fila, m.meta, m.linea_base,
       strftime(m.fecha_registro, '%Y-%m-%d') AS fecha_registro, m._carga_id AS carga_id,
       c.sha256, strftime(m._cargado_en, '%Y-%m-%dT%H:%M:%S') AS cargado_en
FROM raw.metas AS m LEFT JOIN raw.cargas AS c ON c.carga_id = m._carga_id
WHERE (m.clave_instrumento, m.clave_indicador, m.ambito, m.clave_ambito, m.periodo)
    = (?, ?, ?, ?, ?)
ORDER BY m.fecha_registro, m._cargado_en, m._archivo, m._fila
"""


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def explain_target(
    settings: Settings,
    clave_instrumento: str,
    clave: str,
    periodo: str,
    ambito: str,
    clave_ambito: str | None = None,
    version: int | None = None,
) -> dict:
    ambito = ambito.upper()
    key = [clave_instrumento, clave, ambito, clave_ambito or ambito, periodo]
    with connect_read_only(publication_path(settings, version)) as con:
        rows = _dicts(
            con.execute(f"SELECT * FROM evaluacion WHERE ({EVALUATION_KEY}) = (?, ?, ?, ?, ?)", key)
        )
    if not rows:
        raise ExplainError(
            f"La publicación no tiene la meta {' · '.join(key)} (tabla evaluacion). Consulte "
            'las metas con: siie sql "SELECT * FROM evaluacion"'
        )
    history = _history(Path(settings.warehouse_path), key)
    return {
        "meta": {k: _plain(v) for k, v in rows[0].items()},
        "historial": history,
        "archivo_vigente": history[-1]["archivo"] if history else None,
    }


def _history(warehouse: Path, key: list[str]) -> list[dict]:
    if not warehouse.exists():
        return []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [{k: _plain(v) for k, v in r.items()} for r in _dicts(con.execute(HISTORY_SQL, key))]


def _plain(value: object) -> object:
    """JSON-ready: decimals as text exactly as stored."""
    return str(value) if value is not None and type(value).__name__ == "Decimal" else value


def render_target_text(e: dict) -> str:
    m = e["meta"]
    lines = [
        f"{m['clave_instrumento']} · {m['clave_indicador']} · {m['periodo']} · "
        f"{m['ambito']} {m['clave_ambito']}",
        f"  Meta vigente: {m['meta']} (original {m['meta_original']}; línea base "
        f"{m['linea_base'] or '—'}; sentido {m['sentido']})",
        f"  Semáforo: {m['semaforo']}",
    ]
    if m["semaforo"] == "CONFIDENCIAL":
        lines.append(
            "  Cifra: suprimida por el control de divulgación (no se muestra nada de ella)"
        )
    else:
        lines.append(
            f"  Cifra publicada: {m['valor'] or '—'}; cumplimiento {m['cumplimiento'] or '—'} %; "
            f"periodo anterior {m['valor_anterior'] or '—'}"
        )
    lines += ["", f"Archivo de la meta vigente: {e['archivo_vigente'] or '— (sin almacén)'}"]
    lines.append("Historial de registros (del más antiguo al vigente):")
    for h in e["historial"]:
        lines.append(
            f"  {h['fecha_registro']}  meta {h['meta']}  línea base {h['linea_base'] or '—'}  "
            f"{h['archivo']} fila {h['fila']} (carga {h['carga_id']}, sha256 {h['sha256'][:12]}…)"
        )
    return "\n".join(lines)
