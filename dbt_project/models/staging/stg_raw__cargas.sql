-- La escriben las cuatro cargas: el traductor de Dagster la hace depender de las cuatro.
with

source as (

    select * from {{ source('raw', 'cargas') }}

),

renamed as (

    select
        -- ids
        carga_id,
        tipo,
        periodo,
        archivo,
        sha256,

        -- atributos
        formato,
        codificacion,
        estado,
        mensaje,
        advertencias,

        -- medidas
        tamano_bytes,
        filas_leidas,
        filas_cargadas,
        filas_rechazadas,

        -- fechas
        iniciado_en,
        terminado_en

    from source

)

select * from renamed
