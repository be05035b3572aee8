"""Which of the yearbook's rows are IPN's, by institution name (variants in models/anuies.yml)."""

from __future__ import annotations

import polars as pl

from pipelines.ingest.anuies.spec import YearbookSpec, load_spec, name_key
from pipelines.ingest.anuies.yearbook import Yearbook


def is_ipn_name(institucion: str | None, spec: YearbookSpec | None = None) -> bool:
    """`INSTITUTO POLITÉCNICO NACIONAL`, `Instituto Politecnico Nacional`, `IPN - ESCOM`,
    `ESCUELA SUPERIOR DE CÓMPUTO (IPN)` → True; `INSTITUTO POLITÉCNICO DE LA FRONTERA`,
    `UNIVERSIDAD POLITÉCNICA DE ...`, CINVESTAV → False."""
    if not institucion:
        return False
    spec = spec or load_spec()
    name = name_key(institucion)
    padded = f" {name} "
    if any(f" {excluded} " in padded for excluded in spec.ipn_exclude):
        return False
    return any(name == n or name.startswith(n + " ") for n in spec.ipn_names) or any(
        name.endswith(" " + s) for s in spec.ipn_suffixes
    )


def mark_ipn(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` (programas or totales) with a boolean column `es_ipn`."""
    spec = load_spec()
    names = frame["institucion"].drop_nulls().unique().to_list()
    ipn_names = [n for n in names if is_ipn_name(n, spec)]
    return frame.with_columns(es_ipn=pl.col("institucion").is_in(ipn_names).fill_null(False))


def find_ipn(programas: pl.DataFrame) -> pl.DataFrame:
    """IPN's rows of `programas` (or of `totales`)."""
    return mark_ipn(programas).filter("es_ipn").drop("es_ipn")


def national_reference(yearbook: Yearbook) -> dict[str, int]:
    """IPN's and the nation's licenciatura matrícula and titulados, summed from the program rows
    (the parts of PARTICIPACION_NACIONAL_LIC and TITULADOS_NACIONAL_LIC)."""
    programas = mark_ipn(yearbook.programas)
    ipn = programas.filter("es_ipn")
    return {
        "matricula_ipn": int(ipn["matricula_total"].sum()),
        "matricula_nacional": int(programas["matricula_total"].sum()),
        "titulados_ipn": int(ipn["titulados_total"].sum()),
        "titulados_nacional": int(programas["titulados_total"].sum()),
    }
