{#- Cada valor no nulo es un ciclo escolar YYYY-YYYY de dos años consecutivos (2017-2018). Falla
    con cada renglón que no lo es. -#}
{% test es_ciclo_escolar(model, column_name) %}
    select {{ column_name }} as valor
    from {{ model }}
    where {{ column_name }} is not null
      and not (
          regexp_full_match({{ column_name }}, '[0-9]{4}-[0-9]{4}')
          and try_cast(substr({{ column_name }}, 6, 4) as integer) = try_cast(substr({{ column_name }}, 1, 4) as integer) + 1
      )
{% endtest %}
