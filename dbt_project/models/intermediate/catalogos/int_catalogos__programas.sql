-- Programas del catálogo con su nivel educativo (NMS, NS, POS) y su duración.
with

programas as (

    select * from {{ ref('cat_programas') }}

),

final as (

    select
        cast(cve_programa as varchar) as cve_programa,
        cast(nombre as varchar) as nombre,
        cast(cve_unidad as varchar) as cve_unidad,
        cast(nivel_estudios as varchar) as nivel_estudios,
        {{ nivel_de_estudios('nivel_estudios') }} as nivel,
        cast(duracion_semestres as integer) as duracion_semestres,
        cast(modalidad as varchar) as modalidad
    from programas

)

select * from final
