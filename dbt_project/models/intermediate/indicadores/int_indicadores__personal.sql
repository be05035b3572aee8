-- Indicadores de personal docente (docs/INDICATORS.md) en forma larga, por periodo (el que
-- contiene la última fecha de corte de la plantilla) y ámbito (IPN, NIVEL, UNIDAD).
-- ALUMNOS_POR_DOCENTE sólo en IPN y UNIDAD y donde la matrícula del periodo está cargada.
with

docentes as (

    select * from {{ ref('int_personal__docentes') }}

),

periodos as (

    select * from {{ ref('int_periodos__escolares') }}

),

inscripciones as (

    select * from {{ ref('int_escolar__inscripciones') }}

),

por_ambito as (

    select
        periodo, ambito, clave_ambito,
        count(*) as docentes,
        sum(etc) as etc,
        sum(case when con_posgrado then 1 else 0 end) as con_posgrado,
        sum(case when con_plaza_tc then 1 else 0 end) as con_plaza_tc,
        sum(case when en_snii then 1 else 0 end) as en_snii
    from docentes
    group by periodo, ambito, clave_ambito

),

inscripciones_por_ambito as (

    {{ por_ambito('inscripciones', ['IPN', 'UNIDAD']) }}

),

matricula as (

    select periodo, ambito, clave_ambito, count(*) as inscritos
    from inscripciones_por_ambito
    group by periodo, ambito, clave_ambito

),

-- Periodos con plantilla y con matrícula cargada; en ellos, todo ámbito con docentes o alumnos.
periodos_comparables as (

    select periodos.periodo
    from periodos
    where periodos.matricula_cargada and periodos.fecha_corte_plantilla is not null

),

docentes_ipn_y_unidad as (

    select * from por_ambito where ambito in ('IPN', 'UNIDAD')

),

alumnos_por_docente as (

    select
        coalesce(matricula.periodo, por_ambito.periodo) as periodo,
        coalesce(matricula.ambito, por_ambito.ambito) as ambito,
        coalesce(matricula.clave_ambito, por_ambito.clave_ambito) as clave_ambito,
        coalesce(matricula.inscritos, 0) as inscritos,
        coalesce(por_ambito.etc, 0) as etc
    from matricula
    full outer join docentes_ipn_y_unidad as por_ambito using (periodo, ambito, clave_ambito)

),

indicadores as (

    select
        'DOCENTES' as clave_indicador, periodo, ambito, clave_ambito,
        {{ valor_sin_partes('docentes') }}
    from por_ambito

    union all

    select
        'DOCENTES_ETC', periodo, ambito, clave_ambito,
        {{ valor_sin_partes('etc') }}
    from por_ambito

    union all

    select
        'ALUMNOS_POR_DOCENTE', periodo, ambito, clave_ambito,
        {{ valor_razon('inscritos', 'etc', factor=1) }}
    from alumnos_por_docente
    where
        alumnos_por_docente.periodo in (
            select periodos_comparables.periodo from periodos_comparables
        )

    union all

    select
        'PCT_DOCENTES_POSGRADO', periodo, ambito, clave_ambito,
        {{ valor_razon('con_posgrado', 'docentes') }}
    from por_ambito

    union all

    select
        'PCT_DOCENTES_TC', periodo, ambito, clave_ambito,
        {{ valor_razon('con_plaza_tc', 'docentes') }}
    from por_ambito

    union all

    select
        'PCT_DOCENTES_SNII', periodo, ambito, clave_ambito,
        {{ valor_razon('en_snii', 'docentes') }}
    from por_ambito

)

select * from indicadores
