with

source as (

    select * from {{ source('raw', 'presupuesto') }}

),

renamed as (

    select
        -- las columnas del contrato, en su orden (models/contracts/presupuesto.yml): la clave
        -- presupuestal por ejercicio y mes, y los montos en pesos, acumulados de enero a mes
        {%- for columna in columnas_de_contrato('presupuesto') %}
        {{ columna }},
        {%- endfor %}

        -- linaje
        _carga_id as carga_id,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
