{#- Generado por pipelines/transform/dbt_macros.py desde models/divulgacion.yml; no editar:
    python -m pipelines.transform.generate -#}
{% macro sueldos_minimo_personas() -%}
    {{ return(10) }}
{%- endmacro %}
