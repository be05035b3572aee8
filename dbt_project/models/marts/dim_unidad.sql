-- Unidades del IPN con su historia (SCD tipo 2, desde el snapshot de cat_unidades): una versión
-- por cambio; es_actual marca la versión vigente en el catálogo de hoy.
with

versiones as (

    select * from {{ ref('snp_unidades') }}

),

final as (

    select
        cast(dbt_scd_id as varchar) as unidad_version_id,
        cast(cve_unidad as varchar) as cve_unidad,
        cast(siglas as varchar) as siglas,
        cast(nombre as varchar) as nombre,
        cast(nivel as varchar) as nivel,
        cast(entidad as varchar) as entidad,
        cast(vigente_desde as date) as vigente_desde,
        cast(vigente_hasta as date) as vigente_hasta,
        cast(dbt_valid_from as timestamp) as version_desde,
        cast(dbt_valid_to as timestamp) as version_hasta,
        dbt_valid_to is null as es_actual
    from versiones

)

select * from final
