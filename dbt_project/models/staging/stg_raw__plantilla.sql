with

source as (

    select * from {{ source('raw', 'plantilla') }}

),

renamed as (

    select
        -- ids
        fecha_corte,
        {{ periodo_de_fecha('fecha_corte') }} as periodo,
        id_empleado,
        cve_unidad,
        categoria,

        -- atributos
        sexo,
        tipo_personal,
        tipo_nombramiento,
        tiempo_dedicacion,
        grado_maximo,
        nullif(trim(nivel_snii), '') as nivel_snii,

        -- medidas
        horas_semana,
        sueldo_mensual,

        -- fechas
        fecha_nacimiento,
        fecha_ingreso,

        -- linaje
        _carga_id as carga_id,
        _fila as fila,
        _cargado_en as cargado_en

    from source

)

select * from renamed
