-- Conciliación de cada renglón de total del anuario con la suma de sus programas.
with

source as (

    select * from {{ source('raw', 'anuies_conciliacion') }}

),

renamed as (

    select
        -- ids
        ciclo,
        fila,
        medida,

        -- atributos
        nivel_total,
        entidad,
        municipio,
        institucion,
        escuela,
        concilia,

        -- medidas
        valor_archivo,
        suma_programas,
        diferencia,
        n_programas,

        -- linaje
        _carga_id as carga_id

    from source

)

select * from renamed
