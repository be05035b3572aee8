-- MAT(p): un renglón por alumno inscrito y periodo, con el nivel y la duración de su programa.
with

matricula as (

    select * from {{ ref('stg_raw__matricula') }}

),

programas as (

    select * from {{ ref('int_catalogos__programas') }}

),

final as (

    select
        matricula.periodo,
        {{ periodo_indice('matricula.periodo') }} as indice,
        matricula.id_alumno,
        programas.nivel,
        matricula.cve_unidad,
        matricula.cve_programa,
        programas.duracion_semestres,
        matricula.sexo,
        matricula.semestre,
        matricula.tipo_ingreso
    from matricula
    left join programas on programas.cve_programa = matricula.cve_programa

)

select * from final
