-- Anuario ANUIES de licenciatura: un renglón por programa, institución y municipio del ciclo.
with

source as (

    select * from {{ source('raw', 'anuies') }}

),

renamed as (

    select
        -- ids
        ciclo,
        _fila as fila,

        -- atributos
        entidad,
        municipio,
        institucion,
        escuela,
        programa,
        es_ipn,

        -- medidas (nulas donde el anuario no tiene el dato)
        matricula_total,
        nuevo_ingreso_total,
        titulados_total,
        egresados_total,
        lugares_ofertados_total,
        solicitudes_nuevo_ingreso_total,

        -- linaje
        _carga_id as carga_id,
        _cargado_en as cargado_en

    from source

)

select * from renamed
