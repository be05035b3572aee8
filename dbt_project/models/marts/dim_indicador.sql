-- Generado por pipelines/transform/dbt_docs.py; no editar: python -m pipelines.transform.generate
-- El catálogo de indicadores (models/indicadores.yml) como tabla.
with

catalogo as (

    select * from (values
        ('MATRICULA_TOTAL', 'Matrícula total', 'Número de alumnos en MAT(p).', 'alumnos', 'matricula', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'conteo'),
        ('NUEVO_INGRESO', 'Alumnos de nuevo ingreso', 'Número de alumnos en NI(p).', 'alumnos', 'matricula', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'conteo'),
        ('PCT_MUJERES', 'Porcentaje de mujeres en la matrícula', 'Alumnas (sexo M) en MAT(p) / MAT(p) × 100.', 'porcentaje', 'matricula', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'razón'),
        ('EGRESADOS', 'Egresados', 'Número de eventos EGRESO del periodo p, en el ámbito del programa del evento.', 'alumnos', 'trayectoria', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'conteo'),
        ('TITULADOS', 'Titulados', 'Número de eventos TITULACION del periodo p, en el ámbito del programa del evento.', 'alumnos', 'trayectoria', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'conteo'),
        ('TASA_ABANDONO', 'Tasa de abandono', 'Alumnos de MAT(p) que no están en MAT(p+1) (en ninguna unidad ni programa) ni en EG(p) (en ningún programa) / MAT(p) × 100, cada alumno en el ámbito de su inscripción en p; sólo donde p y p+1 están cargados.', 'porcentaje', 'matricula, trayectoria', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'razón'),
        ('EFICIENCIA_TERMINAL', 'Eficiencia terminal por cohorte', 'Cohorte = NI(p) en semestre 1. Un miembro inscrito en un programa de d semestres cuenta sólo si el periodo p+(d−1) está cargado; numerador = miembros contados con EGRESO en el mismo programa en un periodo ≤ p+(d−1); denominador = miembros contados. Se publica en el periodo de inicio p de la cohorte donde el denominador no es 0 (en IPN y NIVEL cada miembro con su propia ventana).', 'porcentaje', 'matricula, trayectoria', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'razón'),
        ('TASA_TITULACION', 'Tasa de titulación', 'Egresados del periodo p con TITULACION en el mismo programa en un periodo ≤ p+3 / EG(p) × 100, en el ámbito del programa del egreso; sólo donde p y p+3 están cargados.', 'porcentaje', 'trayectoria', 'IPN, NIVEL, UNIDAD, PROGRAMA', 'periodo escolar', 'escolares', 'razón'),
        ('DOCENTES', 'Personal docente', 'Personas (id_empleado distintos) con una plaza DOCENTE en el ámbito, en la última fecha de corte de la plantilla dentro del periodo.', 'personas', 'plantilla', 'IPN, NIVEL, UNIDAD', 'periodo escolar', 'personal', 'conteo'),
        ('DOCENTES_ETC', 'Docentes equivalentes de tiempo completo', 'Σ sobre los docentes de min(horas, 40) / 40, donde las horas de un docente en un ámbito son la suma de horas_semana de sus plazas DOCENTE en ese ámbito.', 'personas', 'plantilla', 'IPN, NIVEL, UNIDAD', 'periodo escolar', 'personal', 'conteo'),
        ('ALUMNOS_POR_DOCENTE', 'Alumnos por docente ETC', 'MATRICULA_TOTAL / DOCENTES_ETC del mismo periodo y ámbito (una razón, sin × 100).', 'razón', 'matricula, plantilla', 'IPN, UNIDAD', 'periodo escolar', 'personal', 'razón'),
        ('PCT_DOCENTES_POSGRADO', 'Docentes con posgrado', 'Docentes cuyo grado máximo (el más alto de sus renglones) es ESPECIALIDAD, MAESTRIA o DOCTORADO / docentes × 100.', 'porcentaje', 'plantilla', 'IPN, NIVEL, UNIDAD', 'periodo escolar', 'personal', 'razón'),
        ('PCT_DOCENTES_TC', 'Docentes de tiempo completo', 'Docentes con alguna plaza DOCENTE de tiempo completo (TC) en el ámbito / docentes × 100.', 'porcentaje', 'plantilla', 'IPN, NIVEL, UNIDAD', 'periodo escolar', 'personal', 'razón'),
        ('PCT_DOCENTES_SNII', 'Docentes en el SNII', 'Docentes con nivel_snii no vacío en alguno de sus renglones / docentes × 100.', 'porcentaje', 'plantilla', 'IPN, NIVEL, UNIDAD', 'periodo escolar', 'personal', 'razón'),
        ('PRESUPUESTO_DEVENGADO', 'Presupuesto devengado', 'Devengado del último mes cargado del ejercicio (los montos son acumulados).', 'pesos', 'presupuesto', 'IPN, UNIDAD', 'año', 'presupuesto', 'ninguna'),
        ('AVANCE_PRESUPUESTAL', 'Avance presupuestal', 'Ejercido / modificado × 100, en cada mes cargado.', 'porcentaje', 'presupuesto', 'IPN, UNIDAD', 'mes', 'presupuesto', 'ninguna'),
        ('PCT_SERVICIOS_PERSONALES', 'Porcentaje del gasto en servicios personales', 'Devengado del capítulo 1000 / devengado × 100, en el último mes cargado del ejercicio.', 'porcentaje', 'presupuesto', 'IPN, UNIDAD', 'año', 'presupuesto', 'ninguna'),
        ('PCT_RECURSOS_PROPIOS', 'Porcentaje del gasto con recursos propios', 'Devengado con fuente de financiamiento PROPIOS / devengado × 100, en el último mes cargado del ejercicio.', 'porcentaje', 'presupuesto', 'IPN, UNIDAD', 'año', 'presupuesto', 'ninguna'),
        ('GASTO_POR_ALUMNO', 'Gasto por alumno', 'Devengado del mes 12 / ((MAT(YY/2) + MAT((YY+1)/1)) / 2), YY los dos últimos dígitos del ejercicio; sólo para ejercicios completos (mes 12 cargado) con la matrícula de ambos periodos cargada.', 'pesos', 'presupuesto, matricula', 'IPN, UNIDAD', 'año', 'presupuesto', 'ninguna'),
        ('PARTICIPACION_NACIONAL_LIC', 'Participación del IPN en la matrícula nacional de licenciatura', 'Matrícula de licenciatura del IPN en el anuario ANUIES / matrícula nacional de licenciatura × 100.', 'porcentaje', 'anuies', 'IPN', 'ciclo', 'anuies', 'ninguna'),
        ('TITULADOS_NACIONAL_LIC', 'Titulados de licenciatura en el país', 'Titulados de licenciatura en el país según el anuario ANUIES, para comparación.', 'personas', 'anuies', 'IPN', 'ciclo', 'anuies', 'ninguna')
    ) as catalogo (clave_indicador, nombre, formula, unidad, fuente, ambitos, periodicidad, familia, supresion)

),

final as (

    select
        cast(clave_indicador as varchar) as clave_indicador,
        cast(nombre as varchar) as nombre,
        cast(formula as varchar) as formula,
        cast(unidad as varchar) as unidad,
        cast(fuente as varchar) as fuente,
        cast(ambitos as varchar) as ambitos,
        cast(periodicidad as varchar) as periodicidad,
        cast(familia as varchar) as familia,
        cast(supresion as varchar) as supresion
    from catalogo

)

select * from final
