-- Indicadores escolares (docs/INDICATORS.md) en forma larga, por periodo y ámbito (IPN, NIVEL,
-- UNIDAD, PROGRAMA). Un ámbito tiene datos en p si tiene inscritos o eventos en p; los conteos de
-- matrícula se publican donde la matrícula de p está cargada y los de trayectoria donde su
-- trayectoria lo está (un 0 entonces es un dato, no una ausencia).
with

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

inscripciones as (

    select * from {{ ref('int_escolar__inscripciones') }}

),

eventos as (

    select * from {{ ref('int_escolar__eventos') }}

),

abandono as (

    select * from {{ ref('int_escolar__abandono') }} where evaluable

),

cohortes as (

    select * from {{ ref('int_escolar__cohortes') }} where contado

),

titulacion as (

    select * from {{ ref('int_escolar__titulacion') }} where evaluable

),

inscripciones_por_ambito as (

    {{ por_ambito('inscripciones') }}

),

eventos_por_ambito as (

    {{ por_ambito('eventos') }}

),

abandono_por_ambito as (

    {{ por_ambito('abandono') }}

),

cohortes_por_ambito as (

    {{ por_ambito('cohortes') }}

),

titulacion_por_ambito as (

    {{ por_ambito('titulacion') }}

),

matricula as (

    select
        periodo, ambito, clave_ambito,
        count(*) as inscritos,
        sum(case when tipo_ingreso = 'NUEVO_INGRESO' then 1 else 0 end) as nuevo_ingreso,
        sum(case when sexo = 'M' then 1 else 0 end) as mujeres
    from inscripciones_por_ambito
    group by periodo, ambito, clave_ambito

),

trayectoria as (

    select
        periodo, ambito, clave_ambito,
        sum(case when tipo_evento = 'EGRESO' then 1 else 0 end) as egresados,
        sum(case when tipo_evento = 'TITULACION' then 1 else 0 end) as titulados
    from eventos_por_ambito
    group by periodo, ambito, clave_ambito

),

abandonos as (

    select
        periodo, ambito, clave_ambito,
        count(*) as evaluados,
        sum(case when abandona then 1 else 0 end) as abandonos
    from abandono_por_ambito
    group by periodo, ambito, clave_ambito

),

eficiencia as (

    select
        periodo, ambito, clave_ambito,
        count(*) as miembros,
        sum(case when egresa_a_tiempo then 1 else 0 end) as egresados_a_tiempo
    from cohortes_por_ambito
    group by periodo, ambito, clave_ambito

),

titulados as (

    select
        periodo, ambito, clave_ambito,
        count(*) as egresados,
        sum(case when titulado_a_tiempo then 1 else 0 end) as titulados_a_tiempo
    from titulacion_por_ambito
    group by periodo, ambito, clave_ambito

),

ambitos_con_datos as (

    select periodo, ambito, clave_ambito from matricula
    union
    select periodo, ambito, clave_ambito from trayectoria

),

celdas as (

    select
        ambitos_con_datos.*,
        actual.matricula_cargada,
        actual.trayectoria_cargada,
        coalesce(actual.cargado and siguiente.cargado, false) as abandono_evaluable,
        coalesce(actual.cargado and plazo.cargado, false) as titulacion_evaluable,
        coalesce(matricula.inscritos, 0) as inscritos,
        coalesce(matricula.nuevo_ingreso, 0) as nuevo_ingreso,
        coalesce(matricula.mujeres, 0) as mujeres,
        coalesce(trayectoria.egresados, 0) as egresados,
        coalesce(trayectoria.titulados, 0) as titulados,
        coalesce(abandonos.evaluados, 0) as evaluados,
        coalesce(abandonos.abandonos, 0) as abandonos,
        coalesce(titulados.egresados, 0) as egresados_evaluados,
        coalesce(titulados.titulados_a_tiempo, 0) as titulados_a_tiempo
    from ambitos_con_datos
    inner join periodos as actual on actual.periodo = ambitos_con_datos.periodo
    left join periodos as siguiente on siguiente.indice = actual.indice + 1
    left join periodos as plazo on plazo.indice = actual.indice + 3
    left join matricula
        on matricula.periodo = ambitos_con_datos.periodo
        and matricula.ambito = ambitos_con_datos.ambito
        and matricula.clave_ambito = ambitos_con_datos.clave_ambito
    left join trayectoria
        on trayectoria.periodo = ambitos_con_datos.periodo
        and trayectoria.ambito = ambitos_con_datos.ambito
        and trayectoria.clave_ambito = ambitos_con_datos.clave_ambito
    left join abandonos
        on abandonos.periodo = ambitos_con_datos.periodo
        and abandonos.ambito = ambitos_con_datos.ambito
        and abandonos.clave_ambito = ambitos_con_datos.clave_ambito
    left join titulados
        on titulados.periodo = ambitos_con_datos.periodo
        and titulados.ambito = ambitos_con_datos.ambito
        and titulados.clave_ambito = ambitos_con_datos.clave_ambito

),

{#- Cada indicador: su clave, su valor (filas_indicador.sql), la relación y la condición de las
    celdas donde se publica. -#}
{%- set filas = [
    ('MATRICULA_TOTAL', valor_sin_partes('inscritos'), 'celdas', 'matricula_cargada'),
    ('NUEVO_INGRESO', valor_sin_partes('nuevo_ingreso'), 'celdas', 'matricula_cargada'),
    ('PCT_MUJERES', valor_razon('mujeres', 'inscritos'), 'celdas', 'matricula_cargada'),
    ('EGRESADOS', valor_sin_partes('egresados'), 'celdas', 'trayectoria_cargada'),
    ('TITULADOS', valor_sin_partes('titulados'), 'celdas', 'trayectoria_cargada'),
    ('TASA_ABANDONO', valor_razon('abandonos', 'evaluados'), 'celdas', 'abandono_evaluable'),
    (
        'EFICIENCIA_TERMINAL', valor_razon('egresados_a_tiempo', 'miembros'),
        'eficiencia', 'miembros > 0'
    ),
    (
        'TASA_TITULACION', valor_razon('titulados_a_tiempo', 'egresados_evaluados'),
        'celdas', 'titulacion_evaluable'
    ),
] %}

indicadores as (

    {% for clave, valor, relacion, condicion in filas -%}
    {% if not loop.first %}union all

    {% endif -%}
    select
        '{{ clave }}' as clave_indicador,
        periodo,
        ambito,
        clave_ambito,
        {{ valor }}
    from {{ relacion }}
    where {{ condicion }}

    {% endfor %}
)

select * from indicadores
