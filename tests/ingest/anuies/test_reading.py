"""The ANUIES yearbook reader: the real 2017-2018 yearbook, and small synthetic yearbooks
(good layouts, then every kind of bad input) written into tmp_path."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from pipelines.ingest.anuies.ipn import find_ipn, is_ipn_name, mark_ipn, national_reference
from pipelines.ingest.anuies.reading import read_yearbook
from pipelines.ingest.anuies.reconcile import grand_total_reconciles, reconcile
from pipelines.ingest.anuies.rows import parse_count
from pipelines.ingest.anuies.spec import YearbookError
from pipelines.ingest.anuies.yearbook import Yearbook
from sample_extracts.reference_samples import ANUIES_YEARBOOK_2017_2018

pytestmark = pytest.mark.unit

REAL_YEARBOOK = ANUIES_YEARBOOK_2017_2018  # the real file, kept in the repository
SIX = [
    "matricula_total",
    "nuevo_ingreso_total",
    "titulados_total",
    "egresados_total",
    "lugares_ofertados_total",
    "solicitudes_nuevo_ingreso_total",
]


# ---------------------------------------------------------------- the real yearbook, 2017-2018


@pytest.fixture(scope="module")
def real() -> Yearbook:
    if not REAL_YEARBOOK.is_file():
        pytest.fail(
            f"falta el anuario real {REAL_YEARBOOK}: estas pruebas lo necesitan, no se omiten"
        )
    started = time.perf_counter()
    yearbook = read_yearbook(REAL_YEARBOOK)
    print(f"\nlectura del anuario real: {time.perf_counter() - started:.2f} s")
    return yearbook


def test_real_layout_and_ciclo(real: Yearbook) -> None:
    assert real.ciclo == "2017-2018"
    assert real.formato == "xlsx"
    assert real.fila_encabezado == 6
    assert list(real.medidas) == SIX
    assert real.programas.columns[:6] == [
        "fila",
        "entidad",
        "municipio",
        "institucion",
        "escuela",
        "programa",
    ]


def test_real_counts(real: Yearbook) -> None:
    assert real.programas.height == 22370
    per_level = dict(real.totales.group_by("nivel_total").len().iter_rows())
    assert per_level == {"ENTIDAD": 32, "MUNICIPIO": 709, "INSTITUCION": 3691, "NACIONAL": 1}
    assert real.programas["fila"].to_list()[:2] == [
        10,
        11,
    ]  # rows 7-9: state, municipality, institution
    assert real.totales.filter(pl.col("nivel_total") == "NACIONAL")["fila"].item() == 26809
    assert (
        real.programas.select(pl.col("entidad", "municipio", "institucion").null_count())
        .sum_horizontal()
        .item()
        == 0
    )
    assert real.programas.select(pl.col(SIX).null_count()).sum_horizontal().item() == 0


def test_real_every_total_is_reconciled(real: Yearbook) -> None:
    rec = reconcile(real)
    assert rec.height == real.totales.height * len(SIX)
    assert set(rec["fila"].unique()) == set(real.totales["fila"])
    mismatches = rec.filter(~pl.col("concilia"))
    assert mismatches.height == 0, f"totales que no concilian:\n{mismatches}"
    assert grand_total_reconciles(rec)
    assert rec.filter(pl.col("nivel_total") == "MUNICIPIO")["n_programas"].min() > 0


def test_real_national_total_equals_sum_of_programs(real: Yearbook) -> None:
    grand = real.totales.filter(pl.col("nivel_total") == "NACIONAL").select(SIX).row(0, named=True)
    assert grand == real.programas.select(pl.col(SIX).sum()).row(0, named=True)
    assert grand["matricula_total"] == 3946882
    assert grand["titulados_total"] == 417825


def test_real_ipn_programs_add_up_to_ipn_institution_totals(real: Yearbook) -> None:
    ipn_programs = find_ipn(real.programas)
    ipn_totals = find_ipn(real.totales.filter(pl.col("nivel_total") == "INSTITUCION"))
    assert ipn_totals.height == 12  # one per municipality where IPN teaches licenciatura
    assert ipn_programs.height == 90
    assert ipn_programs.select(pl.col(SIX).sum()).row(0) == ipn_totals.select(
        pl.col(SIX).sum()
    ).row(0)
    assert set(ipn_programs["institucion"]) == {"INSTITUTO POLITÉCNICO NACIONAL"}
    reference = national_reference(real)
    assert reference == {
        "matricula_ipn": 108412,
        "matricula_nacional": 3946882,
        "titulados_ipn": 11299,
        "titulados_nacional": 417825,
    }


def test_real_other_polytechnics_are_not_ipn(real: Yearbook) -> None:
    names = real.programas["institucion"].unique()
    polytechnics = [n for n in names if "POLITÉCNIC" in n]
    # Universidades Politécnicas, Instituto Politécnico de la Frontera, ...
    assert len(polytechnics) > 60
    assert [n for n in polytechnics if is_ipn_name(n)] == ["INSTITUTO POLITÉCNICO NACIONAL"]


# ---------------------------------------------------------------- synthetic yearbooks

HEADER = [
    "ENTIDAD FEDERATIVA",
    "MUNICIPIO",
    "INSTITUCIÓN DE EDUCACIÓN SUPERIOR",
    "PROGRAMADEESTUDIOS",
    "Matrícula Total",
    "Nuevo Ingreso Total",
    "Titulados Total",
    "Egresados Total",
    "Lugares Ofertados Total",
    "Solicitudes de Nuevo Ingreso Total",
]
SAMPLE = {
    "AGUASCALIENTES": {
        "AGUASCALIENTES": {
            "UNIVERSIDAD AUTÓNOMA DE AGUASCALIENTES": [
                ("LICENCIATURA EN DERECHO", (1200, 300, 100, 120, 400, 900)),
                ("LICENCIATURA EN MEDICINA", (2000, 500, 200, 250, 600, 3000)),
            ],
            "UNIVERSIDAD POLITÉCNICA DE AGUASCALIENTES": [
                ("INGENIERÍA MECATRÓNICA", (80, 20, 0, 7, 30, 45))
            ],
        }
    },
    "CIUDAD DE MÉXICO": {
        "GUSTAVO A. MADERO": {
            "INSTITUTO POLITÉCNICO NACIONAL": [
                ("INGENIERÍA EN SISTEMAS COMPUTACIONALES", (1500, 400, 150, 180, 420, 2100)),
                ("INGENIERÍA ELÉCTRICA", (900, 200, 90, 100, 210, 800)),
            ]
        },
        "COYOACÁN": {
            "INSTITUTO POLITÉCNICO NACIONAL": [
                ("LICENCIATURA EN ENFERMERÍA", (300, 80, 30, 35, 85, 600))
            ],
            "INSTITUTO POLITÉCNICO DE LA FRONTERA": [
                ("LICENCIATURA EN TURISMO", (40, 10, 2, 3, 12, 15))
            ],
        },
    },
}
# spreadsheet rows of SAMPLE as yearbook_rows lays it out (title, blank, header = row 3)
SAMPLE_PROGRAM_FILAS = [7, 8, 10, 14, 15, 18, 20]
SAMPLE_TOTAL = (6020, 1510, 572, 695, 1757, 7460)


def _sum(groups) -> list[int]:
    if isinstance(groups, list):
        return [sum(counts[k] for _, counts in groups) for k in range(6)]
    parts = [_sum(g) for g in groups.values()]
    return [sum(p[k] for p in parts) for k in range(6)]


def yearbook_rows(
    data=SAMPLE, title="ANUARIO ESTADÍSTICO DE EDUCACIÓN SUPERIOR, CICLO ESCOLAR 2019-2020"
):
    rows = [[title], [], list(HEADER)]
    for entidad, municipios in data.items():
        rows.append([entidad, None, None, None, *_sum(municipios)])
        for municipio, institutions in municipios.items():
            rows.append([None, municipio, None, None, *_sum(institutions)])
            for institution, programs in institutions.items():
                rows.append([None, None, institution, None, *_sum(programs)])
                rows += [[None, None, None, name, *counts] for name, counts in programs]
    rows.append(["Total general", None, None, None, *_sum(data)])
    rows += [
        [],
        ["Fuente: Formatos 911 de Educación Superior."],
        ["Nota: Las celdas marcadas como -- implica que la información no existe."],
    ]
    return rows


def write_xlsx(path: Path, rows) -> Path:
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Hoja1")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    return path


def write_csv(path: Path, rows, encoding="utf-8", number=str) -> Path:
    with path.open("w", newline="", encoding=encoding) as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow(
                ["" if v is None else number(v) if isinstance(v, int) else v for v in row]
            )
    return path


def error_of(path: Path) -> str:
    with pytest.raises(YearbookError) as caught:
        read_yearbook(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_synthetic_yearbook_is_read_with_filas_and_forward_filled_labels(tmp_path: Path) -> None:
    yearbook = read_yearbook(write_xlsx(tmp_path / "anuario.xlsx", yearbook_rows()))
    assert yearbook.ciclo == "2019-2020"
    assert yearbook.fila_encabezado == 3
    assert yearbook.programas["fila"].to_list() == SAMPLE_PROGRAM_FILAS
    enfermeria = yearbook.programas.filter(pl.col("programa") == "LICENCIATURA EN ENFERMERÍA").row(
        0, named=True
    )
    assert (enfermeria["entidad"], enfermeria["municipio"], enfermeria["institucion"]) == (
        "CIUDAD DE MÉXICO",
        "COYOACÁN",
        "INSTITUTO POLITÉCNICO NACIONAL",
    )
    assert enfermeria["matricula_total"] == 300 and enfermeria["escuela"] is None
    levels = yearbook.totales["nivel_total"].to_list()
    assert (
        levels.count("ENTIDAD") == 2
        and levels.count("MUNICIPIO") == 3
        and levels.count("INSTITUCION") == 5
    )
    assert levels[-1] == "NACIONAL"
    assert yearbook.totales.row(-1)[-6:] == SAMPLE_TOTAL
    rec = reconcile(yearbook)
    assert rec["concilia"].all() and grand_total_reconciles(rec)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_exports_read_like_the_workbook(tmp_path: Path, encoding: str) -> None:
    rows = yearbook_rows()
    from_xlsx = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    from_csv = read_yearbook(
        write_csv(tmp_path / "a.csv", rows, encoding, number=lambda v: f" {v:,} ")
    )
    assert from_csv.formato == "csv" and from_csv.codificacion == encoding
    assert from_csv.programas.equals(from_xlsx.programas)
    assert from_csv.totales.equals(from_xlsx.totales)


def test_first_state_row_repeating_inner_labels_is_the_state_total(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows[3][1:3] = [
        "AGUASCALIENTES",
        "UNIVERSIDAD AUTÓNOMA DE AGUASCALIENTES",
    ]  # as the real file's row 7
    yearbook = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    first = yearbook.totales.row(0, named=True)
    assert (first["nivel_total"], first["municipio"], first["institucion"]) == (
        "ENTIDAD",
        None,
        None,
    )
    assert any("fila" in w and "4" in w and "interiores" in w for w in yearbook.advertencias)
    assert reconcile(yearbook)["concilia"].all()


def test_mismatching_totals_are_reported_and_only_the_grand_total_is_fatal(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows[5][4] += 7  # institution total of UAA, Matrícula Total
    yearbook = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    rec = reconcile(yearbook)
    bad = rec.filter(~pl.col("concilia"))
    assert bad.select(
        "nivel_total",
        "institucion",
        "medida",
        "valor_archivo",
        "suma_programas",
        "diferencia",
        "fila",
    ).rows() == [
        (
            "INSTITUCION",
            "UNIVERSIDAD AUTÓNOMA DE AGUASCALIENTES",
            "matricula_total",
            3207,
            3200,
            7,
            6,
        )
    ]
    assert grand_total_reconciles(rec)
    rows[-4][6] -= 1  # grand total, Titulados Total
    assert not grand_total_reconciles(
        reconcile(read_yearbook(write_xlsx(tmp_path / "b.xlsx", rows)))
    )


def test_missing_grand_total_is_a_warning_and_does_not_reconcile(tmp_path: Path) -> None:
    rows = [r for r in yearbook_rows() if r[:1] != ["Total general"]]
    yearbook = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    assert any("total general" in w for w in yearbook.advertencias)
    assert not grand_total_reconciles(reconcile(yearbook))


def test_no_data_and_empty_cells_are_null_not_zero(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows[6][6] = "--"  # Derecho, Titulados Total
    rows[7][7] = None  # Medicina, Egresados Total
    yearbook = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    derecho, medicina = yearbook.programas.head(2).iter_rows(named=True)
    assert derecho["titulados_total"] is None and medicina["egresados_total"] is None
    assert any("sin dato" in w for w in yearbook.advertencias)
    assert any("vacías" in w for w in yearbook.advertencias)
    bad = reconcile(yearbook).filter(~pl.col("concilia"))
    assert set(bad["medida"]) == {"titulados_total", "egresados_total"}
    assert set(bad["diferencia"]) == {100, 250}


def test_ciclo_from_title_wins_over_file_name_and_file_name_is_the_fallback(tmp_path: Path) -> None:
    titled = read_yearbook(write_xlsx(tmp_path / "anuario_2018-2019.xlsx", yearbook_rows()))
    assert titled.ciclo == "2019-2020"
    assert any("nombre del archivo" in w and "2018-2019" in w for w in titled.advertencias)
    untitled = read_yearbook(
        write_xlsx(tmp_path / "anuario_2018-19.xlsx", yearbook_rows(title="ANUARIO"))
    )
    assert untitled.ciclo == "2018-2019"
    message = error_of(write_xlsx(tmp_path / "anuario.xlsx", yearbook_rows(title="ANUARIO")))
    assert "ciclo" in message


def test_columns_are_mapped_by_name_so_order_and_empty_columns_do_not_matter(
    tmp_path: Path,
) -> None:
    expected = read_yearbook(write_xlsx(tmp_path / "a.xlsx", yearbook_rows())).programas
    reordered = [
        row[:4] + row[9:10] + row[4:9] if len(row) == 10 else row for row in yearbook_rows()
    ]
    assert read_yearbook(write_xlsx(tmp_path / "b.xlsx", reordered)).programas.equals(expected)
    widened = [row[:4] + [None] + row[4:] if len(row) == 10 else row for row in yearbook_rows()]
    yearbook = read_yearbook(write_xlsx(tmp_path / "c.xlsx", widened))
    assert yearbook.programas.equals(expected)
    assert any("columna E sin encabezado" in w for w in yearbook.advertencias)


def test_data_shifted_under_the_header_is_rejected_with_row_and_column(tmp_path: Path) -> None:
    rows = yearbook_rows()
    shifted = rows[:3] + [row[:4] + [None] + row[4:] if len(row) == 10 else row for row in rows[3:]]
    message = error_of(write_xlsx(tmp_path / "a.xlsx", shifted))
    assert "fila 4, columna K" in message and "sin encabezado" in message


def test_renamed_measure_is_rejected(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows[2][4] = "Matricula Tot."
    message = error_of(write_xlsx(tmp_path / "a.xlsx", rows))
    assert (
        "'Matrícula Total'" in message and "E='Matricula Tot.'" in message and "fila 3" in message
    )


def test_missing_measure_is_rejected(tmp_path: Path) -> None:
    rows = [row[:7] + row[8:] if len(row) == 10 else row for row in yearbook_rows()]
    message = error_of(write_csv(tmp_path / "a.csv", rows))
    assert "faltan las columnas 'Egresados Total'" in message


def test_text_in_a_measure_cell_is_rejected_with_row_and_column(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows[9][5] = "doscientos"  # Mecatrónica, Nuevo Ingreso Total, spreadsheet row 10
    rows[12][8] = "12.5"
    message = error_of(write_xlsx(tmp_path / "a.xlsx", rows))
    assert "fila 10, columna F (Nuevo Ingreso Total): 'doscientos'" in message
    assert "fila 13, columna I (Lugares Ofertados Total): '12.5'" in message
    assert message.startswith(str(tmp_path))


def test_a_matricula_extract_is_not_a_yearbook(tmp_path: Path) -> None:
    path = tmp_path / "matricula_25-1.csv"
    path.write_text("boleta,curp,periodo,clave_unidad\n2020630001,XXXX000101HDFXXX01,25/1,ESCOM\n")
    message = error_of(path)
    assert (
        "no es un anuario ANUIES" in message
        and "'ENTIDAD FEDERATIVA'" in message
        and "A='boleta'" in message
    )


def test_a_random_workbook_is_not_a_yearbook(tmp_path: Path) -> None:
    message = error_of(
        write_xlsx(tmp_path / "presupuesto.xlsx", [["ejercicio", "mes", "monto"], [2024, 3, 10.5]])
    )
    assert "no es un anuario ANUIES" in message and "fila 1" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("vacio.csv", b"", "vacío"),
        ("blancos.csv", b"\r\n \r\n", "vacío"),
        ("roto.xlsx", b"PK\x03\x04 esto no es un zip", "XLSX"),
        ("viejo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "97-2003"),
        ("unicode.csv", "ENTIDAD,INSTITUCIÓN\r\nCDMX,IPN\r\n".encode("utf-16"), "UTF-16"),
        ("binario.csv", b"\x00\x01\x02\x00" * 50, "bytes nulos"),
    ],
)
def test_empty_or_unreadable_files_are_rejected(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in error_of(path)


def test_an_empty_workbook_is_rejected(tmp_path: Path) -> None:
    assert "ninguna celda" in error_of(write_xlsx(tmp_path / "vacio.xlsx", []))


def test_header_without_program_rows_is_rejected(tmp_path: Path) -> None:
    assert "no tiene filas de programa" in error_of(
        write_xlsx(tmp_path / "a.xlsx", [["t 2019-2020"], HEADER])
    )


def test_program_without_a_state_above_is_rejected(tmp_path: Path) -> None:
    rows = [["2019-2020"], HEADER, [None, None, None, "LICENCIATURA EN DERECHO", 1, 1, 1, 1, 1, 1]]
    message = error_of(write_xlsx(tmp_path / "a.xlsx", rows))
    assert "fila 3" in message and "ENTIDAD FEDERATIVA" in message


def test_school_level_and_classifier_columns_when_the_layout_has_them(tmp_path: Path) -> None:
    header = [*HEADER[:3], "ESCUELA/CAMPUS", "CAMPO AMPLIO", *HEADER[3:]]
    figures = (10, 5, 1, 2, 6, 9)
    rows = [
        ["Anuario 2020-2021"],
        header,
        ["CIUDAD DE MÉXICO", None, None, None, None, None, *[3 * f for f in figures]],
        [None, "GUSTAVO A. MADERO", None, None, None, None, *[3 * f for f in figures]],
        [None, None, "Instituto Politecnico Nacional", None, None, None, *[3 * f for f in figures]],
        [None, None, None, "ESCUELA SUPERIOR DE CÓMPUTO", None, None, *[2 * f for f in figures]],
        [None, None, None, None, "INGENIERÍA", "INGENIERÍA EN SISTEMAS COMPUTACIONALES", *figures],
        [None, None, None, None, None, "INGENIERÍA EN INTELIGENCIA ARTIFICIAL", *figures],
        [None, None, None, "ESCUELA SUPERIOR DE FÍSICA Y MATEMÁTICAS", None, None, *figures],
        [None, None, None, None, "CIENCIAS NATURALES", "LICENCIATURA EN FÍSICA", *figures],
        ["Total general", None, None, None, None, None, *[3 * f for f in figures]],
    ]
    yearbook = read_yearbook(write_xlsx(tmp_path / "a.xlsx", rows))
    programas = yearbook.programas
    assert programas["escuela"].to_list() == ["ESCUELA SUPERIOR DE CÓMPUTO"] * 2 + [
        "ESCUELA SUPERIOR DE FÍSICA Y MATEMÁTICAS"
    ]
    assert programas["campo_amplio"].to_list() == ["INGENIERÍA", "INGENIERÍA", "CIENCIAS NATURALES"]
    assert yearbook.totales["nivel_total"].to_list() == [
        "ENTIDAD",
        "MUNICIPIO",
        "INSTITUCION",
        "ESCUELA",
        "ESCUELA",
        "NACIONAL",
    ]
    rec = reconcile(yearbook)
    assert rec["concilia"].all() and rec.filter(pl.col("nivel_total") == "ESCUELA").height == 12
    assert mark_ipn(programas)["es_ipn"].all()


@pytest.mark.parametrize(
    "name",
    [
        "INSTITUTO POLITÉCNICO NACIONAL",
        "Instituto Politecnico Nacional",
        "  instituto politécnico  nacional ",
        "IPN",
        "I.P.N.",
        "INSTITUTO POLITÉCNICO NACIONAL (IPN)",
        "INSTITUTO POLITÉCNICO NACIONAL - ESCUELA SUPERIOR DE CÓMPUTO",
        "IPN ESIME ZACATENCO",
        "ESCUELA SUPERIOR DE CÓMPUTO (IPN)",
        "ESCUELA SUPERIOR DE CÓMPUTO DEL INSTITUTO POLITÉCNICO NACIONAL",
    ],
)
def test_ipn_name_variants_are_ipn(name: str) -> None:
    assert is_ipn_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "INSTITUTO POLITÉCNICO DE LA FRONTERA",
        "INSTITUTO POLITÉCNICO Y DE ESTUDIOS SUPERIORES DE LOS VALLES DE OXITIPA",
        "UNIVERSIDAD POLITÉCNICA DEL VALLE DE MÉXICO",
        "INSTITUTO TECNOLÓGICO NACIONAL DE MÉXICO",
        "CENTRO DE INVESTIGACIÓN Y DE ESTUDIOS AVANZADOS DEL INSTITUTO POLITÉCNICO NACIONAL",
        "UNIVERSIDAD NACIONAL AUTÓNOMA DE MÉXICO",
        "IPNX ACADEMIA",
        "",
        None,
    ],
)
def test_other_institutions_are_not_ipn(name: str | None) -> None:
    assert not is_ipn_name(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234),
        ("1,234", 1234),
        ("1 234 567", 1234567),
        ("1\u202f234", 1234),
        ("45644.0", 45644),
        ("0", 0),
        (None, None),
        ("--", None),
    ],
)
def test_parse_count_accepts_counts(text: str | None, expected: int | None) -> None:
    assert parse_count(text, frozenset({"--"})) == expected


@pytest.mark.parametrize("text", ["12.5", "-3", "1.234", "12,34", "abc", "1,2345"])
def test_parse_count_rejects_what_is_not_a_count(text: str) -> None:
    with pytest.raises(ValueError):
        parse_count(text, frozenset({"--"}))


def test_a_second_grand_total_is_rejected(tmp_path: Path) -> None:
    rows = yearbook_rows()
    rows.insert(-3, ["TOTAL NACIONAL", None, None, None, *SAMPLE_TOTAL])
    message = error_of(write_xlsx(tmp_path / "a.xlsx", rows))
    assert "fila 22: segundo total general" in message and "fila 21" in message


def test_a_named_sheet_is_read_and_a_missing_one_is_named(tmp_path: Path) -> None:
    path = tmp_path / "libro.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("Notas").write(0, 0, "Notas metodológicas")
    sheet = book.add_worksheet("Licenciatura")
    for i, row in enumerate(yearbook_rows()):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    assert read_yearbook(path, sheet="Licenciatura").programas.height == len(SAMPLE_PROGRAM_FILAS)
    assert "no es un anuario" in error_of(path)  # the first sheet holds only notes
    with pytest.raises(YearbookError, match="hojas encontradas: Notas, Licenciatura"):
        read_yearbook(path, sheet="Posgrado")
