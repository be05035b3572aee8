-- Los renglones de programa del anuario ANUIES (datos públicos agregados: instituciones, no
-- personas), con el nombre del programa normalizado para compararlo entre instituciones.
with

anuies as (

    select * from {{ ref('stg_raw__anuies') }}

),

final as (

    select
        cast(ciclo as varchar) as ciclo,
        cast(fila as integer) as fila,
        cast(entidad as varchar) as entidad,
        cast(municipio as varchar) as municipio,
        cast(institucion as varchar) as institucion,
        cast(escuela as varchar) as escuela,
        cast(programa as varchar) as programa,
        cast({{ nombre_normalizado('programa') }} as varchar) as programa_normalizado,
        cast(es_ipn as boolean) as es_ipn,
        cast(matricula_total as bigint) as matricula_total,
        cast(nuevo_ingreso_total as bigint) as nuevo_ingreso_total,
        cast(titulados_total as bigint) as titulados_total,
        cast(egresados_total as bigint) as egresados_total,
        cast(lugares_ofertados_total as bigint) as lugares_ofertados_total,
        cast(solicitudes_nuevo_ingreso_total as bigint) as solicitudes_nuevo_ingreso_total,
        cast(carga_id as varchar) as carga_id
    from anuies

)

select * from final
