{#- Unicidad de una combinación de columnas (la llave de un hecho o de indicadores). -#}
{% test combinacion_unica(model, columnas) %}
    select {{ columnas | join(', ') }}, count(*) as renglones
    from {{ model }}
    group by {{ columnas | join(', ') }}
    having count(*) > 1
{% endtest %}
