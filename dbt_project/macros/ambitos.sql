{#- Repite cada renglón de `relacion` una vez por ámbito (docs/INDICATORS.md) con las columnas
    `ambito` y `clave_ambito`: IPN, el nivel (columna `nivel`), la unidad (`cve_unidad`) y el
    programa (`cve_programa`). Así un alumno o un docente cuenta una vez en cada ámbito. Sin
    `ambitos`, todos: ambitos_de_publicacion() (macro generada de pipelines/core/config.py). -#}
{% macro por_ambito(relacion, ambitos=none) -%}
    {%- set ambitos = ambitos_de_publicacion() if ambitos is none else ambitos -%}
    {%- set claves = {
        'IPN': "'IPN'",
        'NIVEL': relacion ~ '.nivel',
        'UNIDAD': relacion ~ '.cve_unidad',
        'PROGRAMA': relacion ~ '.cve_programa',
    } -%}
    select
        ambitos.ambito,
        case ambitos.ambito
            {%- for ambito in ambitos %}
            when '{{ ambito }}' then {{ claves[ambito] }}
            {%- endfor %}
        end as clave_ambito,
        {{ relacion }}.*
    from {{ relacion }}
    cross join (
        {%- for ambito in ambitos %}
        select '{{ ambito }}' as ambito{% if not loop.last %} union all{% endif %}
        {%- endfor %}
    ) as ambitos
{%- endmacro %}
