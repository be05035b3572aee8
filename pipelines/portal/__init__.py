"""The public portal of a published version: a static site in Spanish (`published/vN/portal/`),
built only from that version's DuckDB file and its open-data package (docs/PORTAL.md)."""
