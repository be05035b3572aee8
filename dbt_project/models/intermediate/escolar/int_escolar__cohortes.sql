-- EFICIENCIA_TERMINAL, miembro por miembro: la cohorte de p es NI(p) en semestre 1. Un miembro
-- en un programa de d semestres cuenta sólo si el periodo p + (d − 1) está cargado, y egresa a
-- tiempo si tiene un EGRESO en el mismo programa en un periodo ≤ p + (d − 1).
with

inscripciones as (

    select * from {{ ref('int_escolar__inscripciones') }}

),

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

egresos as (

    select id_alumno, cve_programa, min(indice) as indice_egreso
    from {{ ref('int_escolar__eventos') }}
    where tipo_evento = 'EGRESO'
    group by id_alumno, cve_programa

),

miembros as (

    select
        *,
        indice + duracion_semestres - 1 as indice_fin
    from inscripciones
    where tipo_ingreso = 'NUEVO_INGRESO' and semestre = 1

),

final as (

    select
        miembros.periodo,
        miembros.id_alumno,
        miembros.nivel,
        miembros.cve_unidad,
        miembros.cve_programa,
        miembros.duracion_semestres,
        {{ periodo_de_indice('miembros.indice_fin') }} as periodo_fin,
        coalesce(fin.cargado, false) as contado,
        coalesce(fin.cargado, false)
        and coalesce(egresos.indice_egreso <= miembros.indice_fin, false) as egresa_a_tiempo
    from miembros
    left join periodos as fin on fin.indice = miembros.indice_fin
    left join egresos
        on egresos.id_alumno = miembros.id_alumno
        and egresos.cve_programa = miembros.cve_programa

)

select * from final
