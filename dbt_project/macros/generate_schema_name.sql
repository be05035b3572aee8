{#- Los esquemas se llaman como la capa (staging, intermediate, marts, catalogos, snapshots),
    sin el prefijo del esquema del target que dbt antepone por omisión. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
