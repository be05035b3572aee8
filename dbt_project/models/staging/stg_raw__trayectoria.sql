with

source as (

    select * from {{ source('raw', 'trayectoria') }}

),

renamed as (

    select
        -- ids
        periodo,
        id_alumno,
        cve_unidad,
        cve_programa,

        -- atributos
        tipo_evento,
        opcion_titulacion,

        -- medidas
        promedio,

        -- fechas
        fecha_evento,

        -- linaje
        _carga_id as carga_id,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
