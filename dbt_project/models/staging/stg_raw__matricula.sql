with

source as (

    select * from {{ source('raw', 'matricula') }}

),

renamed as (

    select
        -- ids
        periodo,
        id_alumno,
        cve_unidad,
        cve_programa,

        -- atributos
        sexo,
        fecha_nacimiento,
        modalidad,
        turno,
        semestre,
        tipo_ingreso,
        discapacidad = 'S' as con_discapacidad,
        hablante_lengua_indigena = 'S' as hablante_lengua_indigena,
        entidad_procedencia,

        -- linaje
        _carga_id as carga_id,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
