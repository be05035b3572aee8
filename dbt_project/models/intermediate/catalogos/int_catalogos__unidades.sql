-- La versión más reciente de cada unidad en la historia del catálogo (snapshot), aunque la
-- unidad ya no esté en el catálogo vigente: los datos de una unidad cerrada conservan su nivel.
with

versiones as (

    select
        *,
        row_number() over (partition by cve_unidad order by dbt_valid_from desc) as version_desc
    from {{ ref('snp_unidades') }}

),

final as (

    select
        cast(cve_unidad as varchar) as cve_unidad,
        cast(siglas as varchar) as siglas,
        cast(nombre as varchar) as nombre,
        cast(nivel as varchar) as nivel,
        cast(entidad as varchar) as entidad,
        dbt_valid_to is null as en_catalogo_vigente
    from versiones
    where version_desc = 1

)

select * from final
