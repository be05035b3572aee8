-- Un docente por periodo y ámbito (IPN, NIVEL de su unidad, UNIDAD): cuenta una vez en IPN y en
-- cada nivel, y una vez en cada unidad donde tiene una plaza DOCENTE. Sus horas en el ámbito son
-- la suma de horas_semana de sus plazas DOCENTE en ese ámbito, y su aporte a los docentes
-- equivalentes de tiempo completo es min(horas, 40) / 40.
with

plazas as (

    select * from {{ ref('int_personal__plazas_docentes') }}

),

personas as (

    select * from {{ ref('int_personal__personas') }}

),

plazas_por_ambito as (

    {{ por_ambito('plazas', ['IPN', 'NIVEL', 'UNIDAD']) }}

),

docentes as (

    select
        periodo,
        fecha_corte,
        ambito,
        clave_ambito,
        id_empleado,
        sum(horas_semana) as horas_semana,
        max(case when tiempo_dedicacion = 'TC' then 1 else 0 end) = 1 as con_plaza_tc
    from plazas_por_ambito
    group by periodo, fecha_corte, ambito, clave_ambito, id_empleado

),

final as (

    select
        docentes.periodo,
        docentes.ambito,
        docentes.clave_ambito,
        docentes.id_empleado,
        docentes.horas_semana,
        cast(least(docentes.horas_semana, 40) as decimal(38, 0)) * 0.025 as etc,
        docentes.con_plaza_tc,
        personas.grado_maximo in ('ESPECIALIDAD', 'MAESTRIA', 'DOCTORADO') as con_posgrado,
        personas.nivel_snii is not null as en_snii
    from docentes
    left join personas
        on personas.fecha_corte = docentes.fecha_corte
        and personas.id_empleado = docentes.id_empleado

)

select * from final
