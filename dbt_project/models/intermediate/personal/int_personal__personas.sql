-- Una persona por fecha de corte, con lo que la describe (docs/CONTRACTS.md, plantilla): si sus
-- renglones difieren, el grado y el nivel SNII más altos; sexo, el menor código (H antes que M)
-- para que el resultado no dependa del orden del archivo. Es docente si alguna plaza es DOCENTE.
with

plazas as (

    select * from {{ ref('stg_raw__plantilla') }}

),

personas as (

    select
        fecha_corte,
        id_empleado,
        min(sexo) as sexo,
        max({{ orden_en_escala('grado', 'grado_maximo') }}) as orden_grado,
        max({{ orden_en_escala('snii', 'nivel_snii') }}) as orden_snii,
        max(case when tipo_personal = 'DOCENTE' then 1 else 0 end) = 1 as es_docente
    from plazas
    group by fecha_corte, id_empleado

),

final as (

    select
        fecha_corte,
        id_empleado,
        sexo,
        {{ valor_en_escala('grado', 'orden_grado') }} as grado_maximo,
        {{ valor_en_escala('snii', 'orden_snii') }} as nivel_snii,
        es_docente
    from personas

)

select * from final
