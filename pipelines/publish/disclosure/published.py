"""The published `indicadores` and `fct_matricula`: each figure shown only where its
confidentiality status (the suppression pattern) is F, with the status beside it.
"""

from __future__ import annotations

from pipelines.publish.disclosure.pattern import CELL_STATUS_TABLE, ROW_STATUS_TABLE
from pipelines.specs.disclosure import FREE

STATUS_COLUMN = "estado_confidencialidad"


def _shown(column: str) -> str:
    return f"CASE WHEN estado = '{FREE}' THEN {column} END AS {column}"


def published_indicators_sql(source: str) -> str:
    key = "clave_indicador, periodo, ambito, clave_ambito"
    return f"""
SELECT {key},
       {_shown("valor")}, {_shown("numerador")}, {_shown("denominador")},
       estado <> '{FREE}' AS suprimido, estado AS {STATUS_COLUMN}
FROM (
    SELECT i.*, coalesce(s.estado, '{FREE}') AS estado
    FROM {source} AS i LEFT JOIN (SELECT * FROM {ROW_STATUS_TABLE}) AS s USING ({key})
)
ORDER BY {key}
"""


def published_matricula_sql(source: str) -> str:
    key = "periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso"
    return f"""
SELECT {key}, {_shown("alumnos")}, estado <> '{FREE}' AS suprimido,
    estado AS {STATUS_COLUMN}, carga_id
FROM (
    SELECT f.*, coalesce(s.estado, '{FREE}') AS estado
    FROM {source} AS f LEFT JOIN (SELECT * FROM {CELL_STATUS_TABLE}) AS s USING ({key})
)
ORDER BY ALL
"""
