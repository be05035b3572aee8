{#- La columna no es menor que `otra` en el mismo renglón (p. ej. un total nacional frente a la
    parte del IPN). Falla con cada renglón donde lo es; un nulo en cualquiera de las dos no se
    revisa. -#}
{% test no_menor_que(model, column_name, otra) %}
    select {{ column_name }}, {{ otra }}
    from {{ model }}
    where {{ column_name }} < {{ otra }}
{% endtest %}
