{#- Al terminar cada invocación de dbt, su invocation_id queda en el almacén (bitacora_dbt.invocaciones):
    la publicación nombra en su manifiesto la invocación que construyó los marts que publica. -#}
{% macro registrar_invocacion(results) %}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set fallidos = results | selectattr('status', 'in', ['error', 'fail']) | list | length -%}
        create schema if not exists bitacora_dbt;
        create table if not exists bitacora_dbt.invocaciones (
            invocation_id varchar, comando varchar, terminado_en timestamp, nodos integer, fallidos integer
        );
        insert into bitacora_dbt.invocaciones
        values ('{{ invocation_id }}', '{{ flags.WHICH }}', current_localtimestamp(), {{ results | length }},
                {{ fallidos }});
    {%- endif -%}
{% endmacro %}
