"""The floor: the least work that turns the landing files into SIIE's `indicadores`.

Plain DuckDB (and Polars for the XLSX budget files): read every file, cast it and drop the rows
SIIE rejects with the same casts and rules written as SQL, then run the SQL that dbt compiled
for `indicadores` and its upstream models, in dependency order. No orchestration, no load log
beyond what the models read, no rejection records, no pseudonyms, no quality gate, no
publication. See bench/README.md, "El piso".

    python -m bench.floor --landing DIR --out DIR
"""
