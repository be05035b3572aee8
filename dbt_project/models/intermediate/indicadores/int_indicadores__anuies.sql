-- Indicadores de referencia nacional (docs/INDICATORS.md, "National reference") en forma larga: por
-- ciclo del anuario ANUIES (periodo YYYY-YYYY), en el ámbito IPN. Los totales nacionales son la
-- suma de los renglones de programa, que es el total general del archivo (raw.anuies_conciliacion
-- registra que concilian; un total general que no concilia rechaza el archivo). Un dato faltante
-- (`--`) no suma.
with

anuies as (

    select * from {{ ref('stg_raw__anuies') }}

),

por_ciclo as (

    select
        ciclo,
        coalesce(sum(case when es_ipn then matricula_total end), 0) as matricula_ipn,
        sum(matricula_total) as matricula_nacional,
        sum(titulados_total) as titulados_nacional
    from anuies
    group by ciclo

),

indicadores as (

    select
        'PARTICIPACION_NACIONAL_LIC' as clave_indicador, ciclo as periodo,
        'IPN' as ambito, 'IPN' as clave_ambito,
        {{ valor_razon('matricula_ipn', 'matricula_nacional') }}
    from por_ciclo

    union all

    select
        'TITULADOS_NACIONAL_LIC', ciclo, 'IPN', 'IPN',
        {{ valor_sin_partes('titulados_nacional') }}
    from por_ciclo

)

select * from indicadores
