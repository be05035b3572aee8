{#- Un nombre escrito para compararse con otros: mayúsculas, sin acentos, diéresis ni tilde de la
    ñ, y los espacios (también el no separable que dejan las hojas de cálculo) reducidos a uno,
    sin espacios a los lados: "Ingeniería en  Sistemas Computacionales " →
    INGENIERIA EN SISTEMAS COMPUTACIONALES. La puntuación se conserva. -#}
{% macro nombre_normalizado(texto) -%}
    trim(regexp_replace(upper(strip_accents({{ texto }})), '[\s\x{00A0}]+', ' ', 'g'))
{%- endmacro %}
