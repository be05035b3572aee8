"""Whole-file problems: recorded in raw.cargas with a message naming the file and the problem;
the other files still load."""

from __future__ import annotations

import pytest

from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration


def _write_good_file(settings):
    return write_extract(
        settings.landing_for("matricula") / "b_bueno.csv", valid_rows("matricula", 20)
    )


def _error_of(settings, name: str) -> str:
    [(estado, mensaje)] = query(
        settings, "SELECT estado, mensaje FROM raw.cargas WHERE archivo = ?", [f"matricula/{name}"]
    )
    assert estado == "ERROR"
    return mensaje


def _bad(settings, name: str, content: bytes):
    path = settings.landing_for("matricula") / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


HEADER = ",".join(valid_rows("matricula", 1)[0]).encode()

CASES = {
    "vacio": ("a_vacio.csv", b"", ["vacío"]),
    "solo_encabezado": ("a_solo_encabezado.csv", HEADER + b"\n", ["sólo tiene encabezado"]),
    "no_es_csv": ("a_foto.png", b"\x89PNG\r\n\x1a\n\x00\x00", ["formato .png"]),
    "binario": ("a_binario.csv", b"\x00\x01\x02\x00" * 50, ["bytes nulos"]),
    "utf16_con_marca": (
        "a_utf16.csv",
        (HEADER.decode() + "\n" + ",".join(valid_rows("matricula", 1)[0].values()) + "\n").encode(
            "utf-16"
        ),
        ["UTF-16", "CSV UTF-8"],
    ),
    "utf16_sin_marca": (
        "a_utf16le.csv",
        (HEADER.decode() + "\n").encode("utf-16-le") * 3,
        ["UTF-16"],
    ),
    "bytes_indescifrables": (
        "a_bytes.csv",
        HEADER + b"\n25/1,\x81\x8d\x90\n",
        ["ni Windows-1252", "posición"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_whole_file_problem_is_logged_and_other_files_load(settings, case):
    name, content, expected = CASES[case]
    _bad(settings, name, content)
    _write_good_file(settings)

    results = load(settings, "matricula")

    assert [r.estado for r in results] == ["ERROR", "CARGADO"]
    message = _error_of(settings, name)
    assert name in message
    for fragment in expected:
        assert fragment in message
    assert query(settings, "SELECT count(*) FROM raw.matricula") == [(20,)]


def test_a_missing_required_column_names_the_column(settings):
    rows = [{k: v for k, v in r.items() if k != "turno"} for r in valid_rows("matricula", 5)]
    write_extract(settings.landing_for("matricula") / "sin_turno.csv", rows)
    [result] = load(settings, "matricula")
    assert result.estado == "ERROR"
    assert "faltan columnas obligatorias: turno" in _error_of(settings, "sin_turno.csv")


def test_a_file_with_two_periods_is_rejected_whole(settings):
    rows = valid_rows("matricula", 20) + valid_rows("matricula", 25, periodo="25/2")[20:]
    write_extract(settings.landing_for("matricula") / "dos.csv", rows)
    [result] = load(settings, "matricula")
    assert result.estado == "ERROR"
    message = _error_of(settings, "dos.csv")
    assert (
        "2 periodos" in message
        and "25/1 en 20 filas" in message
        and "25/2 en 5 filas (primera: fila 22)" in message
    )
    assert query(settings, "SELECT count(*) FROM raw.matricula") == [(0,)]


def test_a_row_with_extra_fields_is_named(settings):
    good = ",".join(valid_rows("matricula", 1)[0].values()).encode()
    _bad(settings, "largo.csv", HEADER + b"\n" + good + b"\n" + good + b",sobra\n")
    [result] = load(settings, "matricula")
    assert result.estado == "ERROR"
    assert "fila 3: tiene 15 campos y el encabezado 14" in _error_of(settings, "largo.csv")


@pytest.mark.parametrize("blank_line", [False, True])
def test_a_short_row_is_rejected_at_its_first_empty_column(settings, blank_line):
    lines = [",".join(r.values()) for r in valid_rows("matricula", 30)]
    lines.insert(5, "25/1,2024639999")  # data row 6 → spreadsheet row 7
    if blank_line:
        lines.insert(2, "")  # a blank line is a row too: the short row is now row 8
    _bad(settings, "corto.csv", HEADER + b"\n" + "\n".join(lines).encode() + b"\n")
    [result] = load(settings, "matricula")
    assert (result.estado, result.filas_cargadas, result.filas_rechazadas) == ("CARGADO", 30, 1)
    assert query(settings, "SELECT fila, columna FROM raw.rechazos") == [
        (8 if blank_line else 7, "curp")
    ]


def test_a_file_over_the_reject_threshold_loads_nothing_and_keeps_every_reason(settings):
    rows = valid_rows("matricula", 40)
    for row in rows[:3]:
        row["sexo"] = "?"
    write_extract(settings.landing_for("matricula") / "malo.csv", rows)

    [result] = load(settings, "matricula")

    assert result.estado == "RECHAZADO"
    assert "3 de 40 filas" in result.mensaje and "umbral de 5%" in result.mensaje
    assert query(
        settings, "SELECT filas_leidas, filas_cargadas, filas_rechazadas FROM raw.cargas"
    ) == [(40, 0, 40)]
    assert query(settings, "SELECT count(*) FROM raw.matricula") == [(0,)]
    assert query(settings, "SELECT count(*), min(columna) FROM raw.rechazos") == [(3, "sexo")]


def test_the_threshold_is_configurable(settings, monkeypatch):
    import dataclasses

    rows = valid_rows("matricula", 40)
    for row in rows[:3]:
        row["sexo"] = "?"
    write_extract(settings.landing_for("matricula") / "malo.csv", rows)
    tolerant = dataclasses.replace(settings, max_reject_share=0.10)
    [result] = load(tolerant, "matricula")
    assert (result.estado, result.filas_cargadas) == ("CARGADO", 37)
