{#- accepted_values con la lista del contrato (models/contracts/<extracto>.yml), sin reescribirla:
    falla con cada renglón cuyo valor no está en la lista. Los nulos no se revisan aquí. -#}
{% test valores_del_contrato(model, column_name, extracto, columna=none) %}
    {%- set valores = valores_de_contrato(extracto, columna or column_name) %}
    select {{ column_name }} as valor
    from {{ model }}
    where {{ column_name }} is not null
      and cast({{ column_name }} as varchar) not in (
        {%- for v in valores %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor -%}
      )
{% endtest %}
