-- Indicadores presupuestales (docs/INDICATORS.md) en forma larga, en IPN y UNIDAD. Anuales
-- (YYYY) al último mes cargado del ejercicio; AVANCE_PRESUPUESTAL mensual (YYYY-MM) en cada mes
-- cargado; GASTO_POR_ALUMNO sólo para ejercicios completos con la matrícula de YY/2 y (YY+1)/1
-- cargada.
with

presupuesto as (

    select * from {{ ref('stg_raw__presupuesto') }}

),

meses as (

    select * from {{ ref('int_presupuesto__meses') }}

),

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

inscripciones as (

    select * from {{ ref('int_escolar__inscripciones') }}

),

presupuesto_por_ambito as (

    {{ por_ambito('presupuesto', ['IPN', 'UNIDAD']) }}

),

montos as (

    select
        ejercicio, mes, ambito, clave_ambito,
        sum(modificado) as modificado,
        sum(devengado) as devengado,
        sum(ejercido) as ejercido,
        sum(case when capitulo = 1000 then devengado else 0 end) as devengado_servicios_personales,
        sum(case when fuente_financiamiento = 'PROPIOS' then devengado else 0 end)
            as devengado_recursos_propios
    from presupuesto_por_ambito
    group by ejercicio, mes, ambito, clave_ambito

),

al_ultimo_mes as (

    select montos.*
    from montos
    inner join meses using (ejercicio, mes)
    where meses.es_ultimo_mes

),

-- Matrícula promedio del año YYYY: (MAT(YY/2) + MAT((YY+1)/1)) / 2. YY/2 tiene índice 2·YYYY + 1
-- y (YY+1)/1, índice 2·(YYYY + 1).
inscripciones_por_ambito as (

    {{ por_ambito('inscripciones', ['IPN', 'UNIDAD']) }}

),

matricula as (

    select indice, ambito, clave_ambito, count(*) as inscritos
    from inscripciones_por_ambito
    group by indice, ambito, clave_ambito

),

anios_comparables as (

    select distinct meses.ejercicio
    from meses
    inner join periodos as febrero on febrero.indice = 2 * meses.ejercicio + 1
    inner join periodos as agosto on agosto.indice = 2 * (meses.ejercicio + 1)
    where meses.mes = 12 and febrero.matricula_cargada and agosto.matricula_cargada

),

ambitos_gasto as (

    select ejercicio, ambito, clave_ambito from montos where mes = 12
    union
    select anios.ejercicio, matricula.ambito, matricula.clave_ambito
    from (select distinct ejercicio from meses where mes = 12) as anios
    inner join matricula
        on matricula.indice in (2 * anios.ejercicio + 1, 2 * (anios.ejercicio + 1))

),

gasto as (

    select
        ambitos_gasto.ejercicio,
        ambitos_gasto.ambito,
        ambitos_gasto.clave_ambito,
        coalesce(diciembre.devengado, 0) as devengado,
        cast(coalesce(febrero.inscritos, 0) + coalesce(agosto.inscritos, 0) as decimal(38, 0)) * 0.5
            as matricula_promedio
    from ambitos_gasto
    inner join anios_comparables using (ejercicio)
    left join montos as diciembre
        on diciembre.ejercicio = ambitos_gasto.ejercicio
        and diciembre.mes = 12
        and diciembre.ambito = ambitos_gasto.ambito
        and diciembre.clave_ambito = ambitos_gasto.clave_ambito
    left join matricula as febrero
        on febrero.indice = 2 * ambitos_gasto.ejercicio + 1
        and febrero.ambito = ambitos_gasto.ambito
        and febrero.clave_ambito = ambitos_gasto.clave_ambito
    left join matricula as agosto
        on agosto.indice = 2 * (ambitos_gasto.ejercicio + 1)
        and agosto.ambito = ambitos_gasto.ambito
        and agosto.clave_ambito = ambitos_gasto.clave_ambito

),

indicadores as (

    select
        'PRESUPUESTO_DEVENGADO' as clave_indicador, cast(ejercicio as varchar) as periodo,
        ambito, clave_ambito,
        {{ valor_sin_partes('devengado') }}
    from al_ultimo_mes

    union all

    select
        'AVANCE_PRESUPUESTAL',
        cast(ejercicio as varchar) || '-' || lpad(cast(mes as varchar), 2, '0'),
        ambito, clave_ambito,
        {{ valor_razon('ejercido', 'modificado') }}
    from montos

    union all

    select
        'PCT_SERVICIOS_PERSONALES', cast(ejercicio as varchar), ambito, clave_ambito,
        {{ valor_razon('devengado_servicios_personales', 'devengado') }}
    from al_ultimo_mes

    union all

    select
        'PCT_RECURSOS_PROPIOS', cast(ejercicio as varchar), ambito, clave_ambito,
        {{ valor_razon('devengado_recursos_propios', 'devengado') }}
    from al_ultimo_mes

    union all

    select
        'GASTO_POR_ALUMNO', cast(ejercicio as varchar), ambito, clave_ambito,
        {{ valor_razon('devengado', 'matricula_promedio', factor=1) }}
    from gasto

)

select * from indicadores
