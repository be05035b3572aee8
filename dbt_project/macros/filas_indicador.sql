{#- Las columnas de valor de un renglón de indicador en forma larga (docs/CONTRACTS.md,
    "Published tables"): valor, numerador, denominador, todas DECIMAL(38,4). -#}

{#- Un conteo o un monto: el valor exacto, sin partes. -#}
{% macro valor_sin_partes(valor) -%}
    cast({{ valor }} as decimal(38, 4)) as valor,
    cast(null as decimal(38, 4)) as numerador,
    cast(null as decimal(38, 4)) as denominador
{%- endmacro %}

{#- Una razón: valor = numerador / denominador × factor redondeado, y las partes exactas. -#}
{% macro valor_razon(numerador, denominador, factor=100) -%}
    cast({{ razon_redondeada(numerador, denominador, factor) }} as decimal(38, 4)) as valor,
    cast({{ numerador }} as decimal(38, 4)) as numerador,
    cast({{ denominador }} as decimal(38, 4)) as denominador
{%- endmacro %}
