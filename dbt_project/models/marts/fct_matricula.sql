-- Matrícula agregada (sin renglones de alumnos): alumnos por periodo, unidad, programa, sexo,
-- semestre y tipo de ingreso. Incremental por periodo: una carga nueva sólo recalcula su periodo.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='periodo',
        on_schema_change='fail',
    )
}}

with

matricula as (

    select * from {{ ref('stg_raw__matricula') }}
    {% if is_incremental() -%}
    where periodo in ({{ particiones_por_recalcular(ref('stg_raw__matricula'), 'periodo') }})
    {%- endif %}

),

final as (

    select
        periodo,
        cve_unidad,
        cve_programa,
        sexo,
        semestre,
        tipo_ingreso,
        count(*) as alumnos,
        max(carga_id) as carga_id,
        max(cargado_en) as cargado_en
    from matricula
    group by periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso

)

select * from final
