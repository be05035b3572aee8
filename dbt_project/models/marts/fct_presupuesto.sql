-- Ejercicio del presupuesto por ejercicio, mes y clave presupuestal, con los seis momentos del
-- gasto acumulados de enero al mes (dinero público: se publica completo). Incremental por
-- ejercicio y mes.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['ejercicio', 'mes'],
        on_schema_change='fail',
    )
}}

with

presupuesto as (

    select * from {{ ref('stg_raw__presupuesto') }}
    {% if is_incremental() -%}
    {%- set recalcular = particiones_por_recalcular(
        ref('stg_raw__presupuesto'), ['ejercicio', 'mes']
    ) %}
    where (ejercicio, mes) in ({{ recalcular }})
    {%- endif %}

),

final as (

    select
        ejercicio,
        mes,
        cve_unidad,
        programa_presupuestario,
        fuente_financiamiento,
        capitulo,
        concepto,
        partida,
        cast(sum(aprobado) as decimal(38, 2)) as aprobado,
        cast(sum(modificado) as decimal(38, 2)) as modificado,
        cast(sum(comprometido) as decimal(38, 2)) as comprometido,
        cast(sum(devengado) as decimal(38, 2)) as devengado,
        cast(sum(ejercido) as decimal(38, 2)) as ejercido,
        cast(sum(pagado) as decimal(38, 2)) as pagado,
        max(carga_id) as carga_id,
        max(cargado_en) as cargado_en
    from presupuesto
    group by
        ejercicio, mes, cve_unidad, programa_presupuestario, fuente_financiamiento,
        capitulo, concepto, partida

)

select * from final
