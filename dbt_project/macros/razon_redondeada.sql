{#- Una razón numerador / denominador × factor, redondeada a 2 decimales con la mitad alejándose
    de cero (docs/INDICATORS.md); NULL cuando el denominador es 0. -#}
{% macro razon_redondeada(numerador, denominador, factor=100) -%}
    {{ return(adapter.dispatch('razon_redondeada', 'siie')(numerador, denominador, factor)) }}
{%- endmacro %}

{% macro default__razon_redondeada(numerador, denominador, factor) -%}
    case when {{ denominador }} = 0 then null
         else round(cast({{ numerador }} as numeric(38, 10)) * {{ factor }} / {{ denominador }}, 2) end
{%- endmacro %}

{#- DuckDB divide DECIMAL en DOUBLE, y el DOUBLE no redondea exactamente las mitades (1.005):
    se trabaja en milésimas con enteros de 128 bits. Las partes tienen a lo más 3 decimales
    (conteos, pesos con centavos y docentes ETC, múltiplos de 1/40). -#}
{% macro duckdb__razon_redondeada(numerador, denominador, factor) -%}
    {%- set n = "cast(round((" ~ numerador ~ ") * 1000) as hugeint)" -%}
    {%- set d = "cast(round((" ~ denominador ~ ") * 1000) as hugeint)" -%}
    case when {{ d }} = 0 then null
         else cast(
             sign({{ n }}) * sign({{ d }})
             * ((2 * abs({{ n }}) * {{ factor }} * 100 + abs({{ d }})) // (2 * abs({{ d }})))
             as decimal(38, 0)) * 0.01
    end
{%- endmacro %}
