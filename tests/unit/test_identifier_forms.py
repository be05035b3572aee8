"""The forms of the contracts' identifiers: digits are ASCII in the contract's rule, and the
scrubber finds an identifier inside any string (the literals here, not the contracts' regexes)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from pipelines.ingest.identifiers import (
    identifier_in_free_text,
    recorded_name,
    scrub_field,
    scrub_message,
    scrub_value,
)
from pipelines.specs.contracts import all_contracts

pytestmark = pytest.mark.unit

BOLETA, CURP, RFC, EMPLEADO = "9713904253", "ZUQX540726HDFJCB04", "ZUQX540726AB2", "7345612"
LOOK_ALIKES = {
    "full-width": "９７１３９０４２５３",
    "Arabic-Indic": "٩٧١٣٩٠٤٢٥٣",
    "Devanagari": "९७१३९०४२५३",
}


def test_no_contract_pattern_takes_a_unicode_digit_class():
    for contract in all_contracts().values():
        for column in contract.columns:
            assert not (column.regex and "\\d" in column.regex), (contract.kind, column.name)


@pytest.mark.parametrize("script", list(LOOK_ALIKES))
def test_look_alike_digits_break_the_boleta_rule_in_python_and_in_polars(script):
    boleta = all_contracts()["matricula"].column("boleta").regex
    assert boleta and re.fullmatch(boleta, BOLETA)
    assert not re.fullmatch(boleta, LOOK_ALIKES[script])
    assert pl.Series([BOLETA, LOOK_ALIKES[script]]).str.contains(boleta).to_list() == [True, False]


@pytest.mark.parametrize(
    "text",
    [
        f"ALUMNO {BOLETA} CURP {CURP} " + "x" * 5000,
        f"baja_{BOLETA}_{CURP}.csv",
        f"25/1;{BOLETA};{CURP};2005-01-01",
        f"E777 {CURP.lower()}",
        f"RFC:{RFC}",
        f"boleta {LOOK_ALIKES['full-width']}",
    ],
)
def test_an_identifier_inside_a_longer_string_is_masked(text):
    for scrubbed in (scrub_value(text), scrub_message(text), scrub_field(text, "presupuesto")):
        for identifier in (BOLETA, CURP, CURP.lower(), RFC, LOOK_ALIKES["full-width"]):
            assert identifier not in scrubbed
    assert len(scrub_message(text)) == len(text)  # masked in place: positions still readable


def test_an_employee_number_is_masked_where_it_can_be_one():
    assert EMPLEADO not in scrub_field(EMPLEADO, "plantilla")
    assert EMPLEADO not in scrub_field(f"2024-10-15,{EMPLEADO},GOMA", "plantilla")
    assert scrub_field("2024-13-01", "plantilla") == "2024-13-01"  # one field keeps its year
    assert scrub_field("35101", "presupuesto") == "35101"  # a budget key stays readable
    assert scrub_message("fila 1234 de 2026") == "fila 1234 de 2026"


def test_a_file_name_with_a_year_is_not_masked():
    assert recorded_name("matricula/matricula_2025_1.csv") == "matricula/matricula_2025_1.csv"
    assert CURP not in recorded_name(f"matricula/baja_{CURP}.csv")


def test_free_text_search_finds_identifiers_not_staff_categories():
    values = [
        "PROFESOR TITULAR C",
        "TECNICO DOCENTE DE ASIGNATURA B 2024",
        f"PROFESOR {CURP}",
        f"PROF. RFC {RFC}",
        f"ASISTENTE {BOLETA}",
        f"ASISTENTE {LOOK_ALIKES['Arabic-Indic']}",
    ]
    found = pl.Series(values).str.contains(identifier_in_free_text()).to_list()
    assert found == [False, False, True, True, True, True]
