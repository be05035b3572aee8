-- Los meses cargados de cada ejercicio y cuál es el último (los montos son acumulados de enero
-- al mes, así que el último mes cargado resume el ejercicio hasta hoy).
with

meses as (

    select distinct ejercicio, mes from {{ ref('stg_raw__presupuesto') }}

),

final as (

    select
        ejercicio,
        mes,
        mes = max(mes) over (partition by ejercicio) as es_ultimo_mes,
        max(mes) over (partition by ejercicio) = 12 as ejercicio_completo
    from meses

)

select * from final
