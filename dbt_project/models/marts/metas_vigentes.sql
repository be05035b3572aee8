-- La meta vigente de cada clave (instrumento, indicador, ámbito, clave de ámbito, periodo): de
-- todos los renglones cargados de esa clave, en cualquier archivo, el de fecha_registro más
-- reciente fija meta y linea_base; el más antiguo, meta_original. Un empate de fechas lo decide
-- la carga más reciente (y después el nombre del archivo), para que el resultado no dependa del
-- orden de lectura.
with

metas as (

    select * from {{ ref('stg_raw__metas') }}

),

ordenadas as (

    select
        *,
        row_number() over (
            partition by clave_instrumento, clave_indicador, ambito, clave_ambito, periodo
            order by fecha_registro desc, cargado_en desc, archivo desc, fila desc
        ) as orden_reciente,
        first_value(meta) over (
            partition by clave_instrumento, clave_indicador, ambito, clave_ambito, periodo
            order by fecha_registro asc, cargado_en asc, archivo asc, fila asc
        ) as primera_meta,
        count(*) over (
            partition by clave_instrumento, clave_indicador, ambito, clave_ambito, periodo
        ) as registros
    from metas

),

final as (

    select
        cast(instrumento as varchar) as instrumento,
        cast(clave_instrumento as varchar) as clave_instrumento,
        cast(clave_indicador as varchar) as clave_indicador,
        cast(ambito as varchar) as ambito,
        cast(clave_ambito as varchar) as clave_ambito,
        cast(periodo as varchar) as periodo,
        cast(meta as decimal(18, 2)) as meta,
        cast(primera_meta as decimal(18, 2)) as meta_original,
        cast(linea_base as decimal(18, 2)) as linea_base,
        cast(fecha_registro as date) as fecha_registro,
        cast(registros - 1 as integer) as revisiones,
        cast(archivo as varchar) as archivo,
        cast(carga_id as varchar) as carga_id
    from ordenadas
    where orden_reciente = 1

)

select * from final
