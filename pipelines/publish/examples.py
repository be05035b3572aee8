"""Questions analysts ask, answered in SQL on the publication (README and diccionario.md show them;
a test runs every one on a real publication)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    pregunta: str
    sql: str


EXAMPLES = (
    Example(
        "Matrícula por nivel y sexo en cada periodo",
        """SELECT periodo, clave_ambito AS nivel, denominador AS matricula, numerador AS mujeres,
       denominador - numerador AS hombres, valor AS pct_mujeres
FROM indicadores
WHERE clave_indicador = 'PCT_MUJERES' AND ambito = 'NIVEL'
ORDER BY periodo, nivel""",
    ),
    Example(
        "Alumnos por docente de tiempo completo equivalente, por unidad, en el último periodo",
        """SELECT u.siglas, u.nombre, i.valor AS alumnos_por_docente, i.numerador AS matricula,
       i.denominador AS docentes_etc, i.suprimido
FROM indicadores AS i
JOIN dim_unidad AS u ON u.cve_unidad = i.clave_ambito AND u.es_actual
WHERE i.clave_indicador = 'ALUMNOS_POR_DOCENTE' AND i.ambito = 'UNIDAD'
  AND i.periodo = (SELECT max(periodo) FROM indicadores \
WHERE clave_indicador = 'ALUMNOS_POR_DOCENTE')
ORDER BY i.valor DESC NULLS LAST""",
    ),
    Example(
        "Avance presupuestal del último ejercicio, mes a mes",
        """SELECT periodo AS mes, valor AS avance_pct, numerador AS ejercido, \
denominador AS modificado
FROM indicadores
WHERE clave_indicador = 'AVANCE_PRESUPUESTAL' AND ambito = 'IPN'
  AND left(periodo, 4) = (SELECT max(periodo) FROM indicadores \
WHERE clave_indicador = 'PRESUPUESTO_DEVENGADO')
ORDER BY mes""",
    ),
    Example(
        "De qué archivos sale la publicación vigente y qué verificaciones pasó",
        """SELECT version, publicado_en, archivos_fuente, \
validacion_aprobada, verificaciones, avisos,
       dbt_invocation_id
FROM manifest
ORDER BY version DESC""",
    ),
)


def examples_markdown() -> list[str]:
    lines = [
        "## Consultas de ejemplo",
        "",
        'Con `siie sql "..."` (o `siie sql` para el modo interactivo):',
        "",
    ]
    for example in EXAMPLES:
        lines += [f"**{example.pregunta}**", "", "```sql", example.sql + ";", "```", ""]
    return lines
