{#- Nivel educativo (NMS, NS, POS) de un programa según su nivel_estudios (docs/INDICATORS.md). -#}
{% macro nivel_de_estudios(nivel_estudios) -%}
    case {{ nivel_estudios }}
        when 'BACHILLERATO_TECNOLOGICO' then 'NMS'
        when 'LICENCIATURA' then 'NS'
        when 'ESPECIALIDAD' then 'POS'
        when 'MAESTRIA' then 'POS'
        when 'DOCTORADO' then 'POS'
    end
{%- endmacro %}

{#- Escalas ordenadas de menor a mayor: las listas de valores del contrato de plantilla, en su
    orden (BACHILLERATO < TECNICO < LICENCIATURA < ESPECIALIDAD < MAESTRIA < DOCTORADO; SNII:
    C (candidato) < I < II < III < E (emérito)). El grado y el nivel SNII de una persona son los
    más altos de sus renglones. -#}
{% macro escala(nombre) -%}
    {%- set columnas = {'grado': 'grado_maximo', 'snii': 'nivel_snii'} -%}
    {{ return(valores_de_contrato('plantilla', columnas[nombre])) }}
{%- endmacro %}

{#- La posición (1, 2, …) de `valor` en la escala; 0 si está vacío o fuera de ella. -#}
{% macro orden_en_escala(nombre, valor) -%}
    case {{ valor }}
        {%- for v in escala(nombre) %}
        when '{{ v }}' then {{ loop.index }}
        {%- endfor %}
        else 0
    end
{%- endmacro %}

{#- El valor de la escala en la posición `orden`; nulo para 0. -#}
{% macro valor_en_escala(nombre, orden) -%}
    case {{ orden }}
        {%- for v in escala(nombre) %}
        when {{ loop.index }} then '{{ v }}'
        {%- endfor %}
    end
{%- endmacro %}
