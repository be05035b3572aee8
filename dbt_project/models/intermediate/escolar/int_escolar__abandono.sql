-- TASA_ABANDONO, alumno por alumno: un alumno de MAT(p) abandona si no está en MAT(p+1) (en
-- ninguna unidad ni programa) ni en EG(p) (en ningún programa). Sólo se evalúa cuando p y p+1
-- están cargados (sin la trayectoria de p no se sabe quién egresó).
with

inscripciones as (

    select * from {{ ref('int_escolar__inscripciones') }}

),

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

inscritos as (

    select distinct indice, id_alumno from inscripciones

),

egresados as (

    select distinct indice, id_alumno
    from {{ ref('int_escolar__eventos') }}
    where tipo_evento = 'EGRESO'

),

final as (

    select
        inscripciones.periodo,
        inscripciones.id_alumno,
        inscripciones.nivel,
        inscripciones.cve_unidad,
        inscripciones.cve_programa,
        coalesce(actual.cargado and siguiente.cargado, false) as evaluable,
        case
            when coalesce(actual.cargado and siguiente.cargado, false)
                then reinscritos.id_alumno is null and egresados.id_alumno is null
        end as abandona
    from inscripciones
    left join periodos as actual on actual.indice = inscripciones.indice
    left join periodos as siguiente on siguiente.indice = inscripciones.indice + 1
    left join inscritos as reinscritos
        on reinscritos.id_alumno = inscripciones.id_alumno
        and reinscritos.indice = inscripciones.indice + 1
    left join egresados
        on egresados.id_alumno = inscripciones.id_alumno
        and egresados.indice = inscripciones.indice

)

select * from final
