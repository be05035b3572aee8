"""The published tables (docs/CONTRACTS.md, "Published tables") and how each is read from the
warehouse.

The working DuckDB file is attached read-only as `almacen`; each table is created in the new
publication from one SELECT. Disclosure control is applied here (pipelines.publish.disclosure);
nothing at the level of a student or an employee is selected. fct_plantilla is not published
(models/divulgacion.yml, `no_publicadas`, says why).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.publish.disclosure.published import published_indicators_sql, published_matricula_sql
from pipelines.publish.evaluation import comparison_sql, evaluation_sql
from pipelines.specs.disclosure import load_declaration

SOURCE = "almacen"
MARTS = f"{SOURCE}.marts"
MART_MODELS = (
    "indicadores",
    "dim_indicador",
    "dim_unidad",
    "dim_programa",
    "dim_periodo",
    "fct_matricula",
    "fct_presupuesto",
    "fct_anuies_programas",
    "cmp_programas_ipn_nacional",
    "metas_vigentes",
)


@dataclass(frozen=True)
class PublishedTable:
    name: str
    sql: str
    description: str


def published_tables() -> list[PublishedTable]:
    return [
        PublishedTable(
            "indicadores",
            published_indicators_sql(f"{MARTS}.indicadores"),
            "Todos los indicadores institucionales en forma larga, con control de divulgación "
            "(estado_confidencialidad: F libre, C confidencial).",
        ),
        PublishedTable(
            "dim_indicador",
            f"SELECT * FROM {MARTS}.dim_indicador ORDER BY clave_indicador",
            "Catálogo de indicadores: nombre, fórmula, unidad, ámbitos y regla de supresión.",
        ),
        PublishedTable(
            "dim_unidad",
            f"SELECT * FROM {MARTS}.dim_unidad ORDER BY cve_unidad, version_desde",
            "Unidades académicas y administrativas del IPN, con su historia de cambios.",
        ),
        PublishedTable(
            "dim_programa",
            f"SELECT * FROM {MARTS}.dim_programa ORDER BY cve_programa",
            "Programas académicos, con su unidad, nivel de estudios y duración.",
        ),
        PublishedTable(
            "dim_periodo",
            f"SELECT * FROM {MARTS}.dim_periodo ORDER BY periodo",
            "Periodos escolares YY/N con sus fechas y qué extractos están cargados.",
        ),
        PublishedTable(
            "fct_matricula",
            published_matricula_sql(f"{MARTS}.fct_matricula"),
            "Matrícula agregada por periodo, unidad, programa, sexo, semestre y tipo de ingreso "
            f"(las celdas de 1 a {load_declaration().count_below - 1} alumnos y las que las "
            "protegen se ocultan con la marca C).",
        ),
        PublishedTable(
            "fct_presupuesto",
            f"SELECT * FROM {MARTS}.fct_presupuesto ORDER BY ALL",
            "Ejercicio del presupuesto por ejercicio, "
            "mes y clave presupuestal, acumulado de enero al mes.",
        ),
        PublishedTable(
            "fct_anuies_programas",
            f"SELECT * FROM {MARTS}.fct_anuies_programas ORDER BY ALL",
            "Anuario estadístico ANUIES (licenciatura): un renglón por programa, "
            "institución y municipio (datos públicos nacionales; es_ipn marca los del IPN).",
        ),
        PublishedTable(
            "cmp_programas_ipn_nacional",
            f"SELECT * FROM {MARTS}.cmp_programas_ipn_nacional ORDER BY ALL",
            "Cada programa de licenciatura del IPN frente al mismo programa en el país (ANUIES).",
        ),
        PublishedTable(
            "cargas",
            "SELECT carga_id, tipo, archivo, sha256, periodo, formato, codificacion, filas_leidas, "
            "filas_cargadas, filas_rechazadas, estado, iniciado_en "
            f"FROM {SOURCE}.raw.cargas ORDER BY iniciado_en",
            "Bitácora de cargas: cada archivo recibido, "
            "su SHA-256 y su resultado (carga_id enlaza con los hechos).",
        ),
        *evaluation_tables(),
    ]


def evaluation_tables() -> list[PublishedTable]:
    """Computed from the `indicadores` just published (after it in this list), not from the
    marts: pipelines/publish/evaluation.py."""
    return [
        PublishedTable(
            "evaluacion",
            evaluation_sql(f"{MARTS}.metas_vigentes"),
            "Cada meta vigente del PDI, el POA y las MIR frente a la cifra publicada de su "
            "indicador: cumplimiento, semáforo (VERDE, AMARILLO, ROJO, CONFIDENCIAL, PENDIENTE, "
            "SIN_DATO) y variación respecto del periodo anterior.",
        ),
        PublishedTable(
            "comparacion_unidades",
            comparison_sql(f"{MARTS}.dim_unidad"),
            "Cada unidad frente a las unidades de su nivel en cada indicador con sentido y "
            "periodo: número de pares, mediana, posición (1 = la mejor) y valor del IPN; sólo "
            "cifras publicadas sin supresión.",
        ),
    ]
