-- Las plazas DOCENTE de la última fecha de corte de cada periodo (la plantilla que cuenta para
-- los indicadores de personal), con el nivel de su unidad (NMS, NS, POS, INV, CENTRAL).
with

plazas as (

    select * from {{ ref('stg_raw__plantilla') }}

),

unidades as (

    select * from {{ ref('int_catalogos__unidades') }}

),

ultimos_cortes as (

    select periodo, max(fecha_corte) as fecha_corte
    from plazas
    group by periodo

),

final as (

    select
        plazas.periodo,
        plazas.fecha_corte,
        plazas.id_empleado,
        unidades.nivel,
        plazas.cve_unidad,
        plazas.categoria,
        plazas.tiempo_dedicacion,
        plazas.horas_semana
    from plazas
    inner join ultimos_cortes
        on ultimos_cortes.periodo = plazas.periodo
        and ultimos_cortes.fecha_corte = plazas.fecha_corte
    left join unidades on unidades.cve_unidad = plazas.cve_unidad
    where plazas.tipo_personal = 'DOCENTE'

)

select * from final
