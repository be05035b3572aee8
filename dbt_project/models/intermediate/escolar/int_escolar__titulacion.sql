-- TASA_TITULACION, egreso por egreso: un egresado de p se titula a tiempo si tiene una
-- TITULACION en el mismo programa en un periodo ≤ p + 3. Sólo se evalúa cuando p y p + 3 están
-- cargados.
with

eventos as (

    select * from {{ ref('int_escolar__eventos') }}

),

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

titulaciones as (

    select id_alumno, cve_programa, min(indice) as indice_titulacion
    from eventos
    where tipo_evento = 'TITULACION'
    group by id_alumno, cve_programa

),

egresos as (

    select * from eventos where tipo_evento = 'EGRESO'

),

final as (

    select
        egresos.periodo,
        egresos.id_alumno,
        egresos.nivel,
        egresos.cve_unidad,
        egresos.cve_programa,
        {{ periodo_de_indice('egresos.indice + 3') }} as periodo_plazo,
        coalesce(actual.cargado and plazo.cargado, false) as evaluable,
        case
            when coalesce(actual.cargado and plazo.cargado, false)
                then coalesce(titulaciones.indice_titulacion <= egresos.indice + 3, false)
        end as titulado_a_tiempo
    from egresos
    left join periodos as actual on actual.indice = egresos.indice
    left join periodos as plazo on plazo.indice = egresos.indice + 3
    left join titulaciones
        on titulaciones.id_alumno = egresos.id_alumno
        and titulaciones.cve_programa = egresos.cve_programa

)

select * from final
