{#- Para un hecho incremental por partición (periodo, fecha de corte, ejercicio y mes): las
    particiones de `fuente` cuya carga es más reciente que la que ya está en el hecho. Un periodo
    nuevo o un archivo corregido (que reemplaza su periodo en raw) se recalculan; el resto de la
    historia no se toca. Se usa dentro de `{% if is_incremental() %}`. -#}
{% macro particiones_por_recalcular(fuente, particion) -%}
    {%- set columnas = particion if particion is not string else [particion] -%}
    select {{ columnas | join(', ') }}
    from (
        select {{ columnas | join(', ') }}, max(cargado_en) as cargado_en
        from {{ fuente }}
        group by {{ columnas | join(', ') }}
    ) as en_raw
    left join (
        select {{ columnas | join(', ') }}, max(cargado_en) as cargado_en
        from {{ this }}
        group by {{ columnas | join(', ') }}
    ) as en_hecho using ({{ columnas | join(', ') }})
    where en_hecho.cargado_en is null or en_raw.cargado_en > en_hecho.cargado_en
{%- endmacro %}
