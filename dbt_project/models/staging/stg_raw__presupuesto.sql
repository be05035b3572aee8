with

source as (

    select * from {{ source('raw', 'presupuesto') }}

),

renamed as (

    select
        -- ids
        ejercicio,
        mes,
        cve_unidad,
        programa_presupuestario,
        fuente_financiamiento,
        capitulo,
        concepto,
        partida,

        -- medidas (pesos, acumulados de enero a mes)
        aprobado,
        modificado,
        comprometido,
        devengado,
        ejercido,
        pagado,

        -- linaje
        _carga_id as carga_id,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
