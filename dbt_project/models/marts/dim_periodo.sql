with

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

final as (

    select
        periodo,
        indice,
        cast(2000 + cast(substr(periodo, 1, 2) as integer) as integer) as anio,
        cast(substr(periodo, 4, 1) as integer) as numero,
        cast(1999 + cast(substr(periodo, 1, 2) as integer) as varchar)
            || '-' || cast(2000 + cast(substr(periodo, 1, 2) as integer) as varchar) as ciclo_escolar,
        case when substr(periodo, 4, 1) = '1'
            then cast(cast(1999 + cast(substr(periodo, 1, 2) as integer) as varchar) || '-08-01' as date)
            else cast(cast(2000 + cast(substr(periodo, 1, 2) as integer) as varchar) || '-02-01' as date)
        end as fecha_inicio,
        case when substr(periodo, 4, 1) = '1'
            then cast(cast(2000 + cast(substr(periodo, 1, 2) as integer) as varchar) || '-01-31' as date)
            else cast(cast(2000 + cast(substr(periodo, 1, 2) as integer) as varchar) || '-07-31' as date)
        end as fecha_fin,
        {{ periodo_de_indice('indice - 1') }} as periodo_anterior,
        {{ periodo_de_indice('indice + 1') }} as periodo_siguiente,
        matricula_cargada,
        trayectoria_cargada,
        cargado,
        fecha_corte_plantilla
    from periodos

)

select * from final
