"""The format variety the contracts accept: encodings, header spellings, date and amount formats,
XLSX."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_detected_and_logged(settings, encoding):
    rows = valid_rows("plantilla", 12, categoria="PROFESOR ASOCIADO B")
    for n, row in enumerate(rows):
        row["categoria"] = f"JEFE DE DEPARTAMENTO DE DISEÑO Y VINCULACIÓN {n}"
    write_extract(settings.landing_for("plantilla") / "p.csv", rows, encoding=encoding)
    [result] = load(settings, "plantilla")
    assert result.estado == "CARGADO"
    assert query(settings, "SELECT codificacion FROM raw.cargas") == [(encoding,)]
    assert query(settings, "SELECT min(categoria) FROM raw.plantilla") == [
        ("JEFE DE DEPARTAMENTO DE DISEÑO Y VINCULACIÓN 0",)
    ]


def test_header_names_ignore_case_spaces_accents_and_accept_aliases(settings):
    rows = valid_rows("matricula", 10)
    header = [
        " PERIODO ",
        "Número_Boleta",
        "Curp",
        "Fecha_Nacimiento",
        "SEXO",
        "cve_unidad ",
        "Cve_Programa",
        "modalidad",
        "Turno",
        " Semestre",
        "tipo_ingreso",
        "Discapacidad",
        "hablante_lengua_indígena",
        "Entidad_Procedencia",
    ]
    write_extract(settings.landing_for("matricula") / "m.csv", rows, header=header)
    [result] = load(settings, "matricula")
    assert (result.estado, result.filas_cargadas) == ("CARGADO", 10)


def test_an_unknown_extra_column_is_a_warning(settings):
    rows = [dict(r, observaciones="nada") for r in valid_rows("matricula", 10)]
    write_extract(settings.landing_for("matricula") / "m.csv", rows)
    [result] = load(settings, "matricula")
    assert result.filas_cargadas == 10
    assert "observaciones" in query(settings, "SELECT advertencias FROM raw.cargas")[0][0]


def test_both_date_formats_give_the_same_date(settings):
    rows = valid_rows("matricula", 10)
    rows[0]["fecha_nacimiento"] = "2005-03-09"
    rows[1]["fecha_nacimiento"] = "09/03/2005"
    write_extract(settings.landing_for("matricula") / "m.csv", rows)
    load(settings, "matricula")
    dates = query(settings, "SELECT fecha_nacimiento FROM raw.matricula WHERE _fila IN (2, 3)")
    assert dates == [(dt.date(2005, 3, 9),), (dt.date(2005, 3, 9),)]


def test_amounts_with_and_without_thousands_separators(settings):
    rows = valid_rows("presupuesto", 10)
    rows[0].update(aprobado="1,234,567.89", modificado="1234567.89")
    write_extract(settings.landing_for("presupuesto") / "p.csv", rows, encoding="cp1252")
    [result] = load(settings, "presupuesto")
    assert result.estado == "CARGADO"
    assert query(settings, "SELECT aprobado, modificado FROM raw.presupuesto WHERE _fila = 2") == [
        (Decimal("1234567.89"), Decimal("1234567.89"))
    ]


def test_an_xlsx_budget_file_loads_with_row_numbers_as_the_spreadsheet_shows(settings):
    rows = valid_rows("presupuesto", 20)
    rows[4]["partida"] = "99999"
    frame = pl.DataFrame(rows).with_columns(
        pl.col("ejercicio", "mes", "capitulo", "concepto", "partida").cast(pl.Int64),
        pl.col("aprobado", "modificado", "comprometido", "devengado", "ejercido", "pagado").cast(
            pl.Float64
        ),
    )
    path = settings.landing_for("presupuesto") / "presupuesto_2024_03.xlsx"
    path.parent.mkdir(parents=True)
    frame.write_excel(path)
    [result] = load(settings, "presupuesto")
    assert (result.estado, result.filas_cargadas, result.filas_rechazadas) == ("CARGADO", 19, 1)
    assert query(settings, "SELECT fila, columna FROM raw.rechazos") == [(6, "partida")]
    assert query(settings, "SELECT periodo, formato, codificacion FROM raw.cargas") == [
        ("2024-03", "xlsx", "xlsx")
    ]
