"""The load log's two tables in raw (docs/CONTRACTS.md, the published `cargas`): `raw.cargas`,
one line per file received, and `raw.rechazos`, one line per rejected row. Their DuckDB columns
are declared here once; the DDL (pipelines.ingest.warehouse) and the dbt sources
(pipelines.transform.dbt_sources) read them."""

CARGAS_COLUMNS = (
    ("carga_id", "VARCHAR PRIMARY KEY"),
    ("tipo", "VARCHAR NOT NULL"),
    ("archivo", "VARCHAR NOT NULL"),
    ("sha256", "VARCHAR NOT NULL"),
    ("tamano_bytes", "BIGINT"),
    ("formato", "VARCHAR"),
    ("codificacion", "VARCHAR"),
    ("periodo", "VARCHAR"),
    ("filas_leidas", "INTEGER"),
    ("filas_cargadas", "INTEGER"),
    ("filas_rechazadas", "INTEGER"),
    ("estado", "VARCHAR NOT NULL"),
    ("mensaje", "VARCHAR"),
    ("advertencias", "VARCHAR"),
    ("iniciado_en", "TIMESTAMP"),
    ("terminado_en", "TIMESTAMP"),
)
RECHAZOS_COLUMNS = (
    ("carga_id", "VARCHAR NOT NULL"),
    ("tipo", "VARCHAR NOT NULL"),
    ("archivo", "VARCHAR NOT NULL"),
    ("sha256", "VARCHAR NOT NULL"),
    ("fila", "INTEGER NOT NULL"),
    ("columna", "VARCHAR"),
    ("motivo", "VARCHAR NOT NULL"),
    ("valor", "VARCHAR"),
    ("otros_motivos", "VARCHAR"),
    ("registro", "VARCHAR"),
)
