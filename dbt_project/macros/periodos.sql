{#- Aritmética de periodos escolares YY/N (docs/CONTRACTS.md, "Periods"). El índice de un periodo
    es año·2 + (N − 1), de modo que p + k es índice + k (25/1 → 25/2 → 26/1). -#}

{% macro periodo_indice(periodo) -%}
    ((2000 + cast(substr({{ periodo }}, 1, 2) as integer)) * 2 + cast(substr({{ periodo }}, 4, 1) as integer) - 1)
{%- endmacro %}

{% macro periodo_de_indice(indice) -%}
    (lpad(cast(cast(floor(({{ indice }}) / 2) as integer) % 100 as varchar), 2, '0') || '/' || cast((({{ indice }}) % 2) + 1 as varchar))
{%- endmacro %}

{#- El periodo cuyas fechas contienen `fecha`: YY/1 va de agosto de 20YY−1 a enero de 20YY. -#}
{% macro periodo_de_fecha(fecha) -%}
    case
        when extract(month from {{ fecha }}) >= 8
            then lpad(cast((extract(year from {{ fecha }}) + 1) % 100 as varchar), 2, '0') || '/1'
        when extract(month from {{ fecha }}) = 1
            then lpad(cast(extract(year from {{ fecha }}) % 100 as varchar), 2, '0') || '/1'
        else lpad(cast(extract(year from {{ fecha }}) % 100 as varchar), 2, '0') || '/2'
    end
{%- endmacro %}
