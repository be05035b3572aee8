with

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

-- YY/1 va de agosto de 20YY-1 a enero de 20YY; YY/2, de febrero a julio de 20YY.
con_anio as (

    select
        *,
        2000 + cast(substr(periodo, 1, 2) as integer) as anio_fin,
        substr(periodo, 4, 1) = '1' as es_primer_periodo
    from periodos

),

final as (

    select
        periodo,
        indice,
        cast(anio_fin as integer) as anio,
        cast(substr(periodo, 4, 1) as integer) as numero,
        cast(anio_fin - 1 as varchar) || '-' || cast(anio_fin as varchar) as ciclo_escolar,
        case
            when es_primer_periodo then make_date(anio_fin - 1, 8, 1)
            else make_date(anio_fin, 2, 1)
        end as fecha_inicio,
        case
            when es_primer_periodo then make_date(anio_fin, 1, 31)
            else make_date(anio_fin, 7, 31)
        end as fecha_fin,
        {{ periodo_de_indice('indice - 1') }} as periodo_anterior,
        {{ periodo_de_indice('indice + 1') }} as periodo_siguiente,
        matricula_cargada,
        trayectoria_cargada,
        cargado,
        fecha_corte_plantilla
    from con_anio

)

select * from final
