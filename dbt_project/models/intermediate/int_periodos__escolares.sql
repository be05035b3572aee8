-- Periodos escolares de la historia cargada, sin huecos, con su índice (p + k = índice + k) y si
-- su matrícula y su trayectoria están cargadas (raw.cargas, estado CARGADO). Un periodo está
-- cargado cuando lo están ambas (docs/INDICATORS.md).
with recursive

cargas as (

    select * from {{ ref('stg_raw__cargas') }}
    where estado = 'CARGADO' and tipo in ('matricula', 'trayectoria')

),

cargados as (

    select
        periodo,
        max(case when tipo = 'matricula' then 1 else 0 end) = 1 as matricula_cargada,
        max(case when tipo = 'trayectoria' then 1 else 0 end) = 1 as trayectoria_cargada
    from cargas
    group by periodo

),

cortes as (

    select periodo, max(fecha_corte) as fecha_corte_plantilla
    from {{ ref('stg_raw__plantilla') }}
    group by periodo

),

conocidos as (

    select periodo from cargados
    union
    select periodo from cortes

),

limites as (

    select
        min({{ periodo_indice('periodo') }}) as primero,
        max({{ periodo_indice('periodo') }}) as ultimo
    from conocidos

),

serie as (

    select primero as indice from limites where primero is not null
    union all
    select serie.indice + 1 from serie cross join limites where serie.indice < limites.ultimo

),

final as (

    select
        {{ periodo_de_indice('serie.indice') }} as periodo,
        serie.indice,
        coalesce(cargados.matricula_cargada, false) as matricula_cargada,
        coalesce(cargados.trayectoria_cargada, false) as trayectoria_cargada,
        coalesce(cargados.matricula_cargada and cargados.trayectoria_cargada, false) as cargado,
        cortes.fecha_corte_plantilla
    from serie
    left join cargados on cargados.periodo = {{ periodo_de_indice('serie.indice') }}
    left join cortes on cortes.periodo = {{ periodo_de_indice('serie.indice') }}

)

select * from final
