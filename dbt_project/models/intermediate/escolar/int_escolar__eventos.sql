-- Eventos de trayectoria (EG, TIT, BAJA) con el nivel del programa del evento.
with

eventos as (

    select * from {{ ref('stg_raw__trayectoria') }}

),

programas as (

    select * from {{ ref('int_catalogos__programas') }}

),

final as (

    select
        eventos.periodo,
        {{ periodo_indice('eventos.periodo') }} as indice,
        eventos.id_alumno,
        programas.nivel,
        eventos.cve_unidad,
        eventos.cve_programa,
        eventos.tipo_evento
    from eventos
    left join programas on programas.cve_programa = eventos.cve_programa

)

select * from final
