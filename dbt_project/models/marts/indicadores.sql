-- Todos los indicadores de docs/INDICATORS.md en forma larga (docs/CONTRACTS.md, "Published
-- tables"): la unión de un modelo por familia del catálogo (models/indicadores.yml).
--
-- Control de divulgación: aquí valor va sin suprimir y `suprimido` es siempre falso; la
-- publicación aplica la supresión primaria y secundaria que declara models/divulgacion.yml.
--
-- Punto de extensión: una familia nueva es un modelo int_indicadores__<familia> con las columnas
-- de abajo; basta con agregar su nombre a `familias` de models/indicadores.yml y correr
-- `make generate`, que escribe la macro familias_de_indicadores().
{%- set familias = familias_de_indicadores() %}

with

{% for familia in familias -%}
{{ familia }} as (

    select
        clave_indicador, periodo, ambito, clave_ambito, valor, numerador, denominador
    from {{ ref('int_indicadores__' ~ familia) }}

),

{% endfor -%}

unidos as (

    {% for familia in familias -%}
    select * from {{ familia }}
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}

),

final as (

    select
        cast(unidos.clave_indicador as varchar) as clave_indicador,
        cast(unidos.periodo as varchar) as periodo,
        cast(unidos.ambito as varchar) as ambito,
        cast(unidos.clave_ambito as varchar) as clave_ambito,
        unidos.valor,
        unidos.numerador,
        unidos.denominador,
        false as suprimido
    from unidos

)

select * from final
