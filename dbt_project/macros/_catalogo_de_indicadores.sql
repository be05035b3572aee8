{#- Generado por pipelines/transform/dbt_macros.py desde pipelines/core/config.py (AMBITOS) y models/indicadores.yml (familias); no editar:
    python -m pipelines.transform.generate -#}
{% macro ambitos_de_publicacion() -%}
    {{ return(['IPN', 'NIVEL', 'UNIDAD', 'PROGRAMA']) }}
{%- endmacro %}

{% macro familias_de_indicadores() -%}
    {{ return(['escolares', 'personal', 'presupuesto', 'anuies']) }}
{%- endmacro %}
