with

programas as (

    select * from {{ ref('int_catalogos__programas') }}

),

final as (

    select
        cve_programa,
        nombre,
        cve_unidad,
        nivel_estudios,
        nivel,
        duracion_semestres,
        modalidad
    from programas

)

select * from final
