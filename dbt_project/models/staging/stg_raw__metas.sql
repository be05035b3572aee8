with

source as (

    select * from {{ source('raw', 'metas') }}

),

renamed as (

    select
        -- las columnas del contrato, en su orden (models/contracts/metas.yml): la clave de la meta
        -- (instrumento, indicador, ámbito y periodo), su valor y cuándo se fijó o revisó
        {%- for columna in columnas_de_contrato('metas') %}
        {{ columna }},
        {%- endfor %}

        -- linaje
        _carga_id as carga_id,
        _archivo as archivo,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
