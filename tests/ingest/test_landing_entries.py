"""Every entry of a landing folder gets exactly one line in the load log, whatever it is: a name
that is not UTF-8, a broken link, a loop of links, a folder named like a file, a pipe; a budget
file whose period is no partition; rows in another encoding than the rest of their file. The good
files beside them still load."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipelines.ingest.checks import MIXED_ENCODING
from pipelines.ingest.reading import MIXED
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import load, query

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ODD_ENTRIES = {
    "matricula/roto.csv": "enlace simbólico roto",
    "matricula/ciclo.csv": "forma un ciclo",
    "matricula/carpeta.csv": "es una carpeta",
    "matricula/tuberia.csv": "no es un archivo regular",
}


def _lines(settings) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for archivo, estado, mensaje in query(
        settings, "SELECT archivo, estado, mensaje FROM raw.cargas ORDER BY iniciado_en"
    ):
        found.setdefault(archivo, []).append((estado, mensaje))
    return found


def test_every_odd_entry_has_one_line_with_its_reason_and_the_good_files_load(settings):
    folder = settings.landing_for("matricula")
    write_extract(folder / "bueno.csv", valid_rows("matricula", 20))
    latin1_name = Path(os.fsdecode(bytes(folder) + b"/a\xf1o.csv"))  # not UTF-8: a\udcf1o.csv
    write_extract(latin1_name, valid_rows("matricula", 20, periodo="24/2"))
    (folder / "roto.csv").symlink_to(folder / "no_existe.csv")
    (folder / "ciclo.csv").symlink_to(folder / "ciclo.csv")
    (folder / "carpeta.csv").mkdir()
    os.mkfifo(folder / "tuberia.csv")

    results = load(settings, "matricula")

    lines = _lines(settings)
    assert sorted(lines) == sorted(
        ["matricula/bueno.csv", "matricula/a\\xf1o.csv", *ODD_ENTRIES]
    ), lines
    assert all(len(line) == 1 for line in lines.values())
    assert lines["matricula/bueno.csv"][0][0] == "CARGADO"
    assert lines["matricula/a\\xf1o.csv"][0][0] == "CARGADO"  # its name is escaped, not lost
    for name, reason in ODD_ENTRIES.items():
        estado, mensaje = lines[name][0]
        assert estado == "ERROR" and reason in mensaje, (name, mensaje)
    assert query(settings, "SELECT DISTINCT _archivo FROM raw.matricula ORDER BY 1") == [
        ("matricula/a\\xf1o.csv",),
        ("matricula/bueno.csv",),
    ]
    assert len(results) == 6


def test_a_budget_file_before_the_first_partition_is_its_own_error(settings):
    folder = settings.landing_for("presupuesto")
    write_extract(folder / "p2012.csv", valid_rows("presupuesto", 10, ejercicio="2012"))
    write_extract(folder / "p2024.csv", valid_rows("presupuesto", 10))

    load(settings, "presupuesto")

    lines = _lines(settings)
    [(estado, mensaje)] = lines["presupuesto/p2012.csv"]
    assert estado == "ERROR" and "fuera de las particiones del presupuesto" in mensaje
    assert "2012-03" in mensaje and "2015-01" in mensaje
    assert [estado for estado, _ in lines["presupuesto/p2024.csv"]] == ["CARGADO"]


def test_rows_in_another_encoding_are_rejected_by_row_and_column_never_stored_garbled(settings):
    rows = valid_rows("plantilla", 60)
    for n in (2, 4, 9):
        rows[n]["categoria"] = f"ENSEÑANZA {n}"
    path = write_extract(settings.landing_for("plantilla") / "mezcla.csv", rows)
    lines = path.read_bytes().split(b"\n")
    for number in (3, 10):  # rows 2 and 9, lines 4 and 11 as an editor shows them: Windows-1252
        lines[number] = lines[number].replace("Ñ".encode(), "Ñ".encode("cp1252"))
    path.write_bytes(b"\n".join(lines))

    [result] = load(settings, "plantilla")

    assert (result.estado, result.filas_cargadas, result.filas_rechazadas) == ("CARGADO", 58, 2)
    assert query(settings, "SELECT codificacion FROM raw.cargas") == [(MIXED,)]
    assert query(settings, "SELECT fila, columna, motivo FROM raw.rechazos ORDER BY fila") == [
        (4, "categoria", MIXED_ENCODING),
        (11, "categoria", MIXED_ENCODING),
    ]
    stored = query(settings, "SELECT categoria FROM raw.plantilla WHERE categoria LIKE 'ENSE%'")
    assert stored == [("ENSEÑANZA 4",)]  # the UTF-8 row, read right; no 'ENSEÃ‘ANZA' anywhere


def test_an_entry_that_cannot_be_read_is_logged_once_until_it_changes(settings):
    folder = settings.landing_for("matricula")
    write_extract(folder / "bueno.csv", valid_rows("matricula", 20))
    broken = folder / "roto.csv"
    broken.symlink_to(folder / "no_existe.csv")

    load(settings, "matricula")
    again = load(settings, "matricula")
    assert [(r.archivo, r.estado) for r in again] == [
        ("matricula/bueno.csv", "OMITIDO"),
        ("matricula/roto.csv", "OMITIDO"),
    ]
    broken.unlink()
    time.sleep(0.01)
    broken.symlink_to(folder / "tampoco_existe.csv")  # changed: its error is logged again
    load(settings, "matricula")
    assert len(_lines(settings)["matricula/roto.csv"]) == 2
