"""The published `indicadores` and `fct_matricula`: each figure shown only where its
confidentiality status (the suppression pattern) is F, and one public mark, C, for every hidden
figure — which rule hid it (A primary, D secondary) stays in the warehouse's own records.
"""

from __future__ import annotations

from pipelines.publish.disclosure.pattern import CELL_STATUS_TABLE, ROW_STATUS_TABLE
from pipelines.specs.disclosure import CONFIDENTIAL, FREE

STATUS_COLUMN = "estado_confidencialidad"


def _shown(column: str) -> str:
    return f"CASE WHEN estado = '{FREE}' THEN {column} END AS {column}"


def _public_status() -> str:
    return (
        f"estado <> '{FREE}' AS suprimido, "
        f"CASE WHEN estado = '{FREE}' THEN '{FREE}' ELSE '{CONFIDENTIAL}' END AS {STATUS_COLUMN}"
    )


def published_indicators_sql(source: str) -> str:
    key = "clave_indicador, periodo, ambito, clave_ambito"
    return f"""
SELECT {key},
       {_shown("valor")}, {_shown("numerador")}, {_shown("denominador")},
       {_public_status()}
FROM (
    SELECT i.*, coalesce(s.estado, '{FREE}') AS estado
    FROM {source} AS i LEFT JOIN (SELECT * FROM {ROW_STATUS_TABLE}) AS s USING ({key})
)
ORDER BY {key}
"""


def published_matricula_sql(source: str) -> str:
    key = "periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso"
    return f"""
SELECT {key}, {_shown("alumnos")}, {_public_status()}, carga_id
FROM (
    SELECT f.*, coalesce(s.estado, '{FREE}') AS estado
    FROM {source} AS f LEFT JOIN (SELECT * FROM {CELL_STATUS_TABLE}) AS s USING ({key})
)
ORDER BY ALL
"""
