{#- Generado por pipelines/transform/dbt_macros.py desde models/contracts/*.yml; no editar:
    python -m pipelines.transform.generate -#}
{% macro valores_de_contrato(extracto, columna) -%}
    {%- set valores = {
        'matricula': {'sexo': ['H', 'M'], 'modalidad': ['ESCOLARIZADA', 'NO_ESCOLARIZADA', 'MIXTA'], 'turno': ['M', 'V', 'MX'], 'tipo_ingreso': ['NUEVO_INGRESO', 'REINGRESO'], 'discapacidad': ['S', 'N'], 'hablante_lengua_indigena': ['S', 'N'], 'entidad_procedencia': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32']},
        'trayectoria': {'tipo_evento': ['EGRESO', 'TITULACION', 'BAJA_DEFINITIVA'], 'opcion_titulacion': ['TESIS', 'CURRICULAR', 'EXPERIENCIA_PROFESIONAL', 'SEMINARIO', 'ESCOLARIDAD', 'OTRA']},
        'plantilla': {'sexo': ['H', 'M'], 'tipo_personal': ['DOCENTE', 'PAAE', 'FUNCIONARIO'], 'tipo_nombramiento': ['BASE', 'INTERINATO', 'HONORARIOS'], 'tiempo_dedicacion': ['TC', '3/4T', 'MT', 'ASIGNATURA'], 'grado_maximo': ['BACHILLERATO', 'TECNICO', 'LICENCIATURA', 'ESPECIALIDAD', 'MAESTRIA', 'DOCTORADO'], 'nivel_snii': ['C', 'I', 'II', 'III', 'E']},
        'presupuesto': {'fuente_financiamiento': ['FISCAL', 'PROPIOS'], 'capitulo': ['1000', '2000', '3000', '4000', '5000', '6000', '7000', '8000', '9000']},
        'metas': {'instrumento': ['PDI', 'POA', 'MIR'], 'ambito': ['IPN', 'NIVEL', 'UNIDAD', 'PROGRAMA']},
    } -%}
    {{ return(valores[extracto][columna]) }}
{%- endmacro %}
