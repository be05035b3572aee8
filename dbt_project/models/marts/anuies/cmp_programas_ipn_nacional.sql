-- Cada programa del IPN frente a los programas del país con el mismo nombre (normalizado:
-- mayúsculas, sin acentos, espacios reducidos), por ciclo del anuario ANUIES.
--
-- Una institución cuenta una vez por programa aunque el anuario la escriba en varios municipios
-- (se identifica por su nombre normalizado); el IPN, una vez aunque un anuario nombre sus
-- unidades (todos sus renglones son es_ipn). Los totales nacionales incluyen al IPN. Un dato
-- faltante (`--`) no suma; una medida sin ningún dato queda nula.
with

programas as (

    select * from {{ ref('fct_anuies_programas') }}

),

por_institucion as (

    select
        ciclo,
        programa_normalizado,
        case when es_ipn then 'IPN' else {{ nombre_normalizado('institucion') }} end as institucion,
        bool_or(es_ipn) as es_ipn,
        min(programa) as programa,
        count(*) as programas,
        sum(matricula_total) as matricula,
        sum(nuevo_ingreso_total) as nuevo_ingreso,
        sum(egresados_total) as egresados,
        sum(titulados_total) as titulados
    from programas
    group by 1, 2, 3

),

con_lugar as (

    select
        *,
        rank() over (
            partition by ciclo, programa_normalizado order by matricula desc nulls last
        ) as lugar_matricula
    from por_institucion

),

nacional as (

    select
        ciclo,
        programa_normalizado,
        count(*) as instituciones,
        sum(programas) as programas,
        sum(matricula) as matricula,
        sum(nuevo_ingreso) as nuevo_ingreso,
        sum(egresados) as egresados,
        sum(titulados) as titulados
    from con_lugar
    group by 1, 2

),

ipn as (

    select * from con_lugar where es_ipn

),

final as (

    select
        cast(ipn.ciclo as varchar) as ciclo,
        cast(ipn.programa_normalizado as varchar) as programa_normalizado,
        cast(ipn.programa as varchar) as programa,
        cast(ipn.programas as bigint) as programas_ipn,
        cast(ipn.matricula as bigint) as matricula_ipn,
        cast(ipn.nuevo_ingreso as bigint) as nuevo_ingreso_ipn,
        cast(ipn.egresados as bigint) as egresados_ipn,
        cast(ipn.titulados as bigint) as titulados_ipn,
        cast(nacional.instituciones as bigint) as instituciones_nacionales,
        cast(nacional.programas as bigint) as programas_nacionales,
        cast(nacional.matricula as bigint) as matricula_nacional,
        cast(nacional.nuevo_ingreso as bigint) as nuevo_ingreso_nacional,
        cast(nacional.egresados as bigint) as egresados_nacional,
        cast(nacional.titulados as bigint) as titulados_nacional,
        cast({{ razon_redondeada('ipn.matricula', 'nacional.matricula') }} as decimal(5, 2))
            as participacion_matricula_ipn,
        cast({{ razon_redondeada('ipn.titulados', 'nacional.titulados') }} as decimal(5, 2))
            as participacion_titulados_ipn,
        cast(ipn.lugar_matricula as integer) as lugar_ipn_matricula
    from ipn
    inner join nacional using (ciclo, programa_normalizado)

)

select * from final
