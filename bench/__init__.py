"""SIIE's benchmark: how long a load takes and how much memory it needs, against the floor.

`python -m bench` generates the sample extracts once per scale (cached under bench/cache/),
runs `siie run` for a full refresh, an incremental period and a no-op, runs the floor (the same
indicators in plain DuckDB SQL), checks that both give the same indicators, and writes
bench/results.json, bench/RESULTS.md and bench/escala.png. See bench/README.md.
"""
