"""Every row rule of the contracts: a bad row goes to raw.rechazos with file, row and column; the
rest loads."""

from __future__ import annotations

import pytest

from tests.ingest.extracts import ROW_BUILDERS, valid_rows, write_extract
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration

# (kind, changes to one valid row, expected column). One defect per case.
DEFECTS = [
    ("matricula", {"semestre": "tres"}, "semestre"),
    ("matricula", {"semestre": "0"}, "semestre"),
    ("matricula", {"semestre": "99"}, "semestre"),
    ("matricula", {"sexo": "X"}, "sexo"),
    ("matricula", {"turno": ""}, "turno"),
    ("matricula", {"boleta": "123456789"}, "boleta"),
    ("matricula", {"curp": "GOMA050101XDFRRNA1"}, "curp"),
    ("matricula", {"fecha_nacimiento": "31/02/2005"}, "fecha_nacimiento"),
    ("matricula", {"fecha_nacimiento": "2015-01-01"}, "fecha_nacimiento"),
    ("matricula", {"cve_unidad": "NOEXISTE"}, "cve_unidad"),
    ("matricula", {"cve_programa": "NOEXISTE"}, "cve_programa"),
    ("matricula", {"entidad_procedencia": "33"}, "entidad_procedencia"),
    ("trayectoria", {"tipo_evento": "REVALIDACION"}, "tipo_evento"),
    ("trayectoria", {"fecha_evento": "2024-07-31"}, "fecha_evento"),
    ("trayectoria", {"opcion_titulacion": "TESIS"}, "opcion_titulacion"),
    ("trayectoria", {"promedio": "11"}, "promedio"),
    ("trayectoria", {"tipo_evento": "BAJA_DEFINITIVA"}, "promedio"),
    ("plantilla", {"horas_semana": "45"}, "horas_semana"),
    ("plantilla", {"horas_semana": "20"}, "horas_semana"),
    ("plantilla", {"rfc": "GOMA80010"}, "rfc"),
    ("plantilla", {"fecha_ingreso": "1990-01-01"}, "fecha_ingreso"),
    ("plantilla", {"fecha_ingreso": "2025-01-01"}, "fecha_ingreso"),
    ("plantilla", {"sueldo_mensual": "-5"}, "sueldo_mensual"),
    ("plantilla", {"nivel_snii": "IV"}, "nivel_snii"),
    ("presupuesto", {"partida": "99999"}, "partida"),
    ("presupuesto", {"capitulo": "2000"}, "capitulo"),
    ("presupuesto", {"pagado": "999999999.00"}, "pagado"),
    ("presupuesto", {"aprobado": "doce"}, "aprobado"),
    ("presupuesto", {"fuente_financiamiento": "OTROS"}, "fuente_financiamiento"),
]


@pytest.mark.parametrize(
    ("kind", "changes", "column"),
    DEFECTS,
    ids=[f"{k}-{c}-{i}" for i, (k, _, c) in enumerate(DEFECTS)],
)
def test_a_bad_row_is_rejected_with_its_row_and_column(settings, kind, changes, column):
    rows = valid_rows(kind, 30)
    rows.insert(7, ROW_BUILDERS[kind](500, **changes))  # data row 8 → spreadsheet row 9
    path = write_extract(settings.landing_for(kind) / f"{kind}.csv", rows)

    [result] = load(settings, kind)

    assert result.estado == "CARGADO"
    assert (result.filas_leidas, result.filas_cargadas, result.filas_rechazadas) == (31, 30, 1)
    [(archivo, fila, columna, motivo)] = query(
        settings, "SELECT archivo, fila, columna, motivo FROM raw.rechazos"
    )
    assert archivo == f"{kind}/{path.name}"
    assert (fila, columna) == (9, column)
    assert motivo
    assert query(settings, f"SELECT count(*) FROM raw.{kind}") == [(30,)]


def test_of_two_rows_with_the_same_key_the_first_loads(settings):
    rows = valid_rows("matricula", 30)
    duplicate = dict(rows[3], sexo="M")
    rows.insert(10, duplicate)
    write_extract(settings.landing_for("matricula") / "m.csv", rows)

    [result] = load(settings, "matricula")

    assert (result.filas_cargadas, result.filas_rechazadas) == (30, 1)
    [(fila, columna, motivo)] = query(settings, "SELECT fila, columna, motivo FROM raw.rechazos")
    assert (fila, columna) == (12, "periodo, boleta")
    assert "fila 5" in motivo
    assert query(settings, "SELECT sexo FROM raw.matricula WHERE _fila = 5") == [("H",)]


def test_an_egreso_already_loaded_in_another_period_is_rejected(settings):
    folder = settings.landing_for("trayectoria")
    write_extract(folder / "t1.csv", valid_rows("trayectoria", 25))
    load(settings, "trayectoria")
    again = [
        dict(r, periodo="25/2", fecha_evento="2025-03-01")
        for r in valid_rows("trayectoria", 25)[:1]
    ]
    write_extract(
        folder / "t2.csv",
        again + valid_rows("trayectoria", 60, periodo="25/2", fecha_evento="2025-03-01")[25:],
    )

    results = load(settings, "trayectoria")

    assert [r.estado for r in results] == ["OMITIDO", "CARGADO"]
    [(fila, motivo)] = query(settings, "SELECT fila, motivo FROM raw.rechazos")
    assert fila == 2 and "25/1" in motivo


def test_rows_read_equal_rows_loaded_plus_rejected_in_the_load_log(settings):
    rows = valid_rows("matricula", 60)
    rows[5]["sexo"] = "Z"
    rows[40]["semestre"] = "x"
    write_extract(settings.landing_for("matricula") / "m.csv", rows)
    load(settings, "matricula")
    [(read, loaded, rejected)] = query(
        settings, "SELECT filas_leidas, filas_cargadas, filas_rechazadas FROM raw.cargas"
    )
    assert read == loaded + rejected == 60
    assert query(settings, "SELECT count(*) FROM raw.matricula")[0][0] == loaded
    assert query(settings, "SELECT count(*) FROM raw.rechazos")[0][0] == rejected == 2
