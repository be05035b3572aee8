{#- Generado por pipelines/transform/dbt_macros.py desde models/contracts/*.yml; no editar:
    python -m pipelines.transform.generate -#}
{% macro columnas_de_contrato(extracto) -%}
    {%- set columnas = {
        'matricula': ['periodo', 'id_alumno', 'fecha_nacimiento', 'sexo', 'cve_unidad', 'cve_programa', 'modalidad', 'turno', 'semestre', 'tipo_ingreso', 'discapacidad', 'hablante_lengua_indigena', 'entidad_procedencia'],
        'trayectoria': ['periodo', 'id_alumno', 'cve_unidad', 'cve_programa', 'tipo_evento', 'fecha_evento', 'opcion_titulacion', 'promedio'],
        'plantilla': ['fecha_corte', 'id_empleado', 'sexo', 'fecha_nacimiento', 'fecha_ingreso', 'cve_unidad', 'tipo_personal', 'tipo_nombramiento', 'categoria', 'tiempo_dedicacion', 'horas_semana', 'grado_maximo', 'nivel_snii', 'sueldo_mensual'],
        'presupuesto': ['ejercicio', 'mes', 'cve_unidad', 'programa_presupuestario', 'fuente_financiamiento', 'capitulo', 'concepto', 'partida', 'aprobado', 'modificado', 'comprometido', 'devengado', 'ejercido', 'pagado'],
        'metas': ['instrumento', 'clave_instrumento', 'clave_indicador', 'ambito', 'clave_ambito', 'periodo', 'meta', 'linea_base', 'fecha_registro'],
    } -%}
    {{ return(columnas[extracto]) }}
{%- endmacro %}
