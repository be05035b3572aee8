-- Plantilla agregada por fecha de corte, unidad, tipo de personal, tiempo de dedicación, grado
-- máximo y sexo (grado y sexo de la persona: el más alto de sus renglones). Los sueldos sólo
-- como suma en celdas de al menos sueldos_minimo_personas() personas (10, models/divulgacion.yml;
-- docs/CONTRACTS.md), si no, nulos. Incremental por fecha de corte.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='fecha_corte',
        on_schema_change='fail',
    )
}}

with

plazas as (

    select * from {{ ref('stg_raw__plantilla') }}
    {% if is_incremental() -%}
    {%- set recalcular = particiones_por_recalcular(ref('stg_raw__plantilla'), 'fecha_corte') %}
    where fecha_corte in ({{ recalcular }})
    {%- endif %}

),

personas as (

    select * from {{ ref('int_personal__personas') }}

),

final as (

    select
        plazas.periodo,
        plazas.fecha_corte,
        plazas.cve_unidad,
        plazas.tipo_personal,
        plazas.tiempo_dedicacion,
        personas.grado_maximo,
        personas.sexo,
        count(*) as plazas,
        count(distinct plazas.id_empleado) as personas,
        cast(sum(plazas.horas_semana) as bigint) as horas_semana,
        case
            when count(distinct plazas.id_empleado) >= {{ sueldos_minimo_personas() }}
                then cast(sum(plazas.sueldo_mensual) as decimal(38, 2))
        end as sueldo_mensual_total,
        max(plazas.carga_id) as carga_id,
        max(plazas.cargado_en) as cargado_en
    from plazas
    inner join personas
        on personas.fecha_corte = plazas.fecha_corte
        and personas.id_empleado = plazas.id_empleado
    group by
        plazas.periodo, plazas.fecha_corte, plazas.cve_unidad, plazas.tipo_personal,
        plazas.tiempo_dedicacion, personas.grado_maximo, personas.sexo

)

select * from final
