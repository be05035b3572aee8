with

source as (

    select * from {{ source('raw', 'rechazos') }}

),

renamed as (

    select
        -- ids
        carga_id,
        tipo,
        archivo,
        sha256,
        fila,

        -- atributos
        columna,
        motivo,
        valor,
        otros_motivos,
        registro

    from source

)

select * from renamed
