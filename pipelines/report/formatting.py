"""How the report writes what it shows: numbers as a person reads them (thousands separators,
counts without decimals), short hashes, dates, and Spanish column headers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pipelines.core.clock import in_zone
from pipelines.core.wording import number as wording_number

SHORT_HASH = 12

# Column headers of the report's tables (the warehouse's names stay in `siie sql`).
LABELS = {
    # the plan's targets (pipelines/report/targets.py)
    "instrumento": "Instrumento",
    "metas_vigentes": "Metas vigentes",
    "metas_revisadas": "Metas revisadas",
    "meta_distinta_de_la_original": "Meta distinta de la original",
    "VERDE": "Verde",
    "AMARILLO": "Amarillo",
    "ROJO": "Rojo",
    "CONFIDENCIAL": "Confidencial",
    "PENDIENTE": "Pendiente",
    "SIN_DATO": "Sin dato",
    "tipo": "Extracto",
    "extracto": "Extracto",
    "archivo": "Archivo",
    "periodo": "Periodo",
    "estado": "Estado",
    "formato": "Formato",
    "codificacion": "Codificación",
    "filas_leidas": "Leídas",
    "filas_cargadas": "Cargadas",
    "filas_rechazadas": "Rechazadas",
    "sha256": "sha256",
    "mensaje": "Mensaje",
    "advertencias": "Advertencias",
    "iniciado_en": "Iniciada",
    "columna": "Columna",
    "motivo": "Motivo",
    "filas": "Renglones",
    "primera_fila": "Primer renglón",
    "archivos": "Archivos",
    "leidas": "Leídas",
    "cargadas": "Cargadas",
    "rechazadas": "Rechazadas",
    "en_raw": "En raw",
    "ciclo": "Ciclo",
    "nivel_total": "Subtotal de",
    "medida": "Medida",
    "comparaciones": "Comparaciones",
    "concilian": "Concilian",
    "no_concilian": "No concilian",
    "diferencia_absoluta": "Diferencia absoluta",
    "familia": "Familia",
    "celdas": "Celdas",
    "primarias": "Primarias",
    "secundarias": "Secundarias",
    "total": "Total",
    "oculto": "Oculto",
    "porcentaje_oculto": "% oculto",
    "ejercicio": "Ejercicio",
    "ultimo_mes": "Último mes",
    "raw": "raw",
    "fct_matricula": "fct_matricula",
    "fct_presupuesto": "fct_presupuesto",
    "indicadores": "indicadores",
    # control totals across layers (pipelines.quality.registry, conciliacion_*)
    "alumnos_raw": "Alumnos en raw.matricula",
    "alumnos_fct_matricula": "Alumnos en fct_matricula",
    "matricula_total_ipn": "MATRICULA_TOTAL del IPN",
    "matricula_total_suma_niveles": "MATRICULA_TOTAL: suma de niveles",
    "matricula_total_suma_unidades": "MATRICULA_TOTAL: suma de unidades",
    "matricula_total_suma_programas": "MATRICULA_TOTAL: suma de programas",
    "devengado_raw": "Devengado en raw.presupuesto",
    "devengado_fct_presupuesto": "Devengado en fct_presupuesto",
    "presupuesto_devengado_ipn": "PRESUPUESTO_DEVENGADO del IPN",
    "presupuesto_devengado_suma_unidades": "PRESUPUESTO_DEVENGADO: suma de unidades",
    # publication history
    "fecha": "Fecha",
    "ejecucion": "Ejecución",
    "resultado": "Resultado",
    "version": "Versión",
    "vigente_tras_el_intento": "Vigente tras el intento",
    "en_disco": "En disco",
    "archivos_de_origen": "Archivos de origen",
    "dbt": "Invocación de dbt",
    "motivos": "Motivos",
    "expectativa": "Expectativa",
    "severidad": "Severidad",
    "evaluadas": "Evaluadas",
    "inesperadas": "Inesperadas",
    "particiones": "Particiones",
    "ejemplos": "Ejemplos",
}


# Columns that hold a year, a period or a month: written as they are, never as 2,023.
CODES = {"ejercicio", "periodo", "ciclo", "ultimo_mes", "mes"}
# GX's severities as the report says them.
SEVERITIES = {"critical": "crítica (bloquea)", "warning": "aviso", "info": "informativa"}


def label(column: str) -> str:
    """The Spanish header of a column; a column without one is a mistake of the report's, and
    tests/report/test_report.py checks every header shown has one."""
    return LABELS.get(column, column.replace("_", " ").capitalize())


def _is_numeric_text(value: str) -> bool:
    text = value.strip().lstrip("-")
    return bool(text) and text.replace(".", "", 1).isdigit()


def number(value) -> str:
    """1234 → 1,234; 3822.00 → 3,822 (a count stored as a decimal); 12.3456 → 12.35."""
    if isinstance(value, str):
        value = Decimal(value)
    return wording_number(value, decimals=2)


def is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float | Decimal) or (
        isinstance(value, str) and _is_numeric_text(value)
    )


def cell_text(value) -> str:
    """A table cell: — for nothing, sí/no, numbers as `number`, timestamps to the second."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "sí" if value else "no"
    if is_number(value):
        return number(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clock_time(value: datetime | str | None, zone: str | None = None) -> str:
    """A moment to the second, on the office's clock when `zone` is given (ISO text accepted)."""
    if value is None or value == "":
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if zone:
        moment = in_zone(moment, zone)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def short_hash(value: str | None) -> str:
    return f"{value[:SHORT_HASH]}…" if value and len(value) > SHORT_HASH else (value or "—")


def percent(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f} %" if whole else "—"
