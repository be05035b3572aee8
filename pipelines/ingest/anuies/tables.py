"""The raw tables an ANUIES yearbook feeds: its program rows and its reconciliation for the
auditors."""

from pipelines.ingest.anuies.spec import load_spec
from pipelines.specs.contracts import LINEAGE_COLUMNS

MEASURE_COLUMNS = tuple(
    (f"{m.column}", "BIGINT") for m in load_spec().measures if m.column.endswith("_total")
)

ANUIES_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "anuies": (
        ("ciclo", "VARCHAR"),
        ("entidad", "VARCHAR"),
        ("municipio", "VARCHAR"),
        ("institucion", "VARCHAR"),
        ("escuela", "VARCHAR"),
        ("programa", "VARCHAR"),
        *MEASURE_COLUMNS,
        ("es_ipn", "BOOLEAN"),
        *LINEAGE_COLUMNS,
    ),
    "anuies_conciliacion": (
        ("ciclo", "VARCHAR"),
        ("nivel_total", "VARCHAR"),
        ("entidad", "VARCHAR"),
        ("municipio", "VARCHAR"),
        ("institucion", "VARCHAR"),
        ("escuela", "VARCHAR"),
        ("medida", "VARCHAR"),
        ("valor_archivo", "BIGINT"),
        ("suma_programas", "BIGINT"),
        ("diferencia", "BIGINT"),
        ("concilia", "BOOLEAN"),
        ("fila", "INTEGER"),
        ("n_programas", "BIGINT"),
        ("_carga_id", "VARCHAR"),
        ("_archivo", "VARCHAR"),
    ),
}
