"""Malformed files of every class the robustness review found, each dropped beside a good file.

For each: the bad file has its own line in raw.cargas (or its bad rows are rejected with a
reason), the good file loads, rows read = loaded + rejected, and no identifier of any row —
wherever a broken row put it — is stored anywhere in the warehouse: read back through SQL, and
searched as bytes in every file under SIIE_HOME.

The identifiers planted here are literals, searched as literals: the search shares nothing with
pipelines/ingest/identifiers.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os

import pytest

from pipelines.ingest.discovery import discover, file_partition
from pipelines.ingest.planning import plan_ingestion
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.test_pii import all_text_in_warehouse, files_holding
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration

BOLETA, CURP = "2019631234", "PEGJ990101HDFRRN09"
EMPLEADO, RFC = "7345612", "PEGJ800101AB1"
# a second person, for the cases of issue 25 (what a clerk pastes or names a file after)
BOLETA_2, CURP_2 = "9713904253", "ZUQX540726HDFJCB04"
EMPLEADO_2, RFC_2 = "7345699", "ZUQX540726AB2"
BOLETA_ANCHA = "９７１３９０４２５４"  # full-width digits: not a boleta, never a second pseudonym
BOLETA_ARABE = "٩٧١٣٩٠٤٢٥٥"  # Arabic-Indic digits
PLANTED = (BOLETA, CURP, EMPLEADO, RFC, BOLETA_2, CURP_2, EMPLEADO_2, RFC_2)
PLANTED += (BOLETA_ANCHA, BOLETA_ARABE)


def _csv(rows: list[dict], newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(rows[0])
    writer.writerows(r.values() for r in rows)
    return buffer.getvalue()


def _line(row: dict) -> str:
    return _csv([row]).splitlines()[1]


def _matricula(count: int = 60) -> list[dict]:
    rows = valid_rows("matricula", count)
    rows[3] |= {"boleta": BOLETA, "curp": CURP}
    return rows


def _plantilla(count: int = 60) -> list[dict]:
    rows = valid_rows("plantilla", count)
    rows[3] |= {"num_empleado": EMPLEADO, "rfc": RFC}
    return rows


def _with_lines(rows: list[dict], *extra: str, at: int = 10) -> str:
    lines = _csv(rows).splitlines()
    return "\n".join([*lines[:at], *extra, *lines[at:]]) + "\n"


def _bad_periodo_rows() -> str:
    rows = _matricula(100)
    # a row missing its first field: boleta where periodo goes
    shifted = ",".join(list(rows[3].values())[1:])
    return (
        _with_lines(
            rows,
            shifted,
            _line(rows[0] | {"periodo": "26/3", "boleta": "2024639001"}),
            ",".join(rows[0]),
            at=12,
        )
        + "Total: 101 registros\n"
    )


def _overlong_field() -> str:
    rows = _matricula()
    return _with_lines(rows, _line(rows[5] | {"boleta": "2024639002", "curp": "X" * 1_000_000}))


def _stray_quote() -> str:
    rows = _matricula()
    return _with_lines(
        rows, _line(rows[6] | {"boleta": "2024639003"}).replace("GOMA050101", 'GOMA05"0101')
    )


def _unclosed_quote() -> str:
    rows = _matricula()
    broken = _line(rows[7] | {"boleta": "2024639004"}).replace("GOMA050101", '"GOMA050101')
    return _with_lines(rows, broken, at=20)


def _shifted_staff_row() -> str:
    rows = _plantilla()
    missing_fecha_corte = ",".join(list(rows[3].values())[1:])
    lines = _csv(rows).splitlines()
    lines[4] = missing_fecha_corte  # the row that holds EMPLEADO and RFC
    return "\n".join(lines) + "\n"


def _no_header() -> str:
    # first line is the row with BOLETA
    return "\n".join(_csv(_matricula()).splitlines()[4:]) + "\n"


def _duplicate_header() -> str:
    text = _csv(_matricula())
    header, _, body = text.partition("\n")
    return f"{header},sexo\n" + "\n".join(f"{line},H" for line in body.splitlines()) + "\n"


def _embedded_newline() -> str:
    rows = _plantilla()
    rows[2]["categoria"] = "PROFESOR\nTITULAR C"
    # rejected: must be reported on the line it starts on (header 1, +1 for the newline)
    rows[8]["sexo"] = "X"
    return _csv(rows)


def _unclosed_quote_on_the_last_row() -> str:
    """The quote opened in the last-but-one row swallows the last one: its employee number, RFC
    and CURP end inside one value of a rejected row."""
    rows = _plantilla()
    rows[-1] |= {"num_empleado": EMPLEADO_2, "rfc": RFC_2, "curp": CURP_2}
    lines = _csv(rows).splitlines()
    lines[-2] = lines[-2].replace("PROFESOR TITULAR C", '"PROFESOR TITULAR C')
    return "\n".join(lines) + "\n"


def _semicolon_row() -> str:
    rows = _matricula()
    row = rows[4] | {"boleta": BOLETA_2, "curp": CURP_2}
    return _with_lines(rows, ";".join(row.values()))


def _megabyte_field_with_identifiers() -> str:
    """A 1 MB cve_unidad that starts with a boleta and a CURP: rules quote it in their reasons."""
    rows = _matricula()
    pasted = f"ALUMNO {BOLETA_2} CURP {CURP_2} " + "x" * 1_048_576
    return _with_lines(rows, _line(rows[5] | {"boleta": "2024639005", "cve_unidad": pasted}))


def _budget_row_with_a_curp() -> str:
    """Budget has no identifier column; a clerk's row with comma decimals and a CURP pasted in."""
    rows = valid_rows("presupuesto", 60)
    pasted = rows[7] | {
        "aprobado": "1.234.567,89",
        "programa_presupuestario": f"E777 {CURP_2} {BOLETA_2}",
    }
    return _with_lines(rows, _line(pasted))


def _curp_in_categoria() -> str:
    rows = _plantilla()
    rows[5]["categoria"] = f"PROFESOR TITULAR C {CURP_2}"
    rows[6]["categoria"] = f"PROFESOR ASOCIADO B RFC {RFC_2}"
    return _csv(rows)


def _look_alike_digits() -> str:
    rows = _matricula()
    rows[5]["boleta"] = BOLETA_ANCHA
    rows[6]["boleta"] = BOLETA_ARABE
    return _csv(rows)


KIND = {
    "plantilla": (
        "_shifted_staff_row",
        "_embedded_newline",
        "_unclosed_quote_on_the_last_row",
        "_curp_in_categoria",
    ),
    "presupuesto": ("_budget_row_with_a_curp",),
}

# name → (builder, estado of the bad file, what its message or its rejected rows must say)
CASES = {
    "periodo_mal_formado": (_bad_periodo_rows, "CARGADO", {"periodo": 4}),
    "campo_de_un_megabyte": (_overlong_field, "CARGADO", {"curp": 1}),
    "comilla_suelta_en_curp": (_stray_quote, "CARGADO", {"curp": 1}),
    "comilla_sin_cerrar": (_unclosed_quote, "ERROR", "comillas abiertas no se cierran"),
    "fila_corrida_de_plantilla": (_shifted_staff_row, "CARGADO", {"fecha_corte": 1}),
    "sin_encabezado": (_no_header, "ERROR", "faltan columnas obligatorias"),
    "encabezado_repetido": (_duplicate_header, "ERROR", "repite la columna 'sexo'"),
    "salto_de_linea_entre_comillas": (_embedded_newline, "CARGADO", {"sexo": 1}),
    "solo_retornos_de_carro": (lambda: _csv(_matricula(), newline="\r"), "CARGADO", {}),
    "comilla_sin_cerrar_en_la_ultima_fila": (
        _unclosed_quote_on_the_last_row,
        "CARGADO",
        {"tiempo_dedicacion": 1},
    ),
    "fila_con_punto_y_coma": (_semicolon_row, "CARGADO", {"periodo": 1}),
    "campo_de_un_megabyte_con_boleta_y_curp": (
        _megabyte_field_with_identifiers,
        "CARGADO",
        {"cve_unidad": 1},
    ),
    "presupuesto_con_una_curp": (
        _budget_row_with_a_curp,
        "CARGADO",
        {"programa_presupuestario": 1},
    ),
    "curp_en_la_categoria": (_curp_in_categoria, "CARGADO", {"categoria": 2}),
    "digitos_de_otra_escritura": (_look_alike_digits, "CARGADO", {"boleta": 2}),
}
GOOD_PERIOD = {
    "matricula": {"periodo": "24/2"},
    "plantilla": {"fecha_corte": "2025-03-15"},
    "presupuesto": {"mes": 4},
}


def _kind(builder) -> str:
    return next((kind for kind, names in KIND.items() if builder.__name__ in names), "matricula")


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_file_is_accounted_for_and_the_good_one_loads(settings, case):
    builder, estado, expected = CASES[case]
    kind = _kind(builder)
    bad = settings.landing_for(kind) / f"a_{case}.csv"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(builder().encode("utf-8"))
    good_rows = valid_rows(kind, 20, **GOOD_PERIOD[kind])
    write_extract(settings.landing_for(kind) / "b_bueno.csv", good_rows)

    results = {r.archivo: r for r in load(settings, kind)}

    result = results[f"{kind}/{bad.name}"]
    assert result.estado == estado, result.mensaje
    assert results[f"{kind}/b_bueno.csv"].filas_cargadas == 20
    [(line_estado, read, loaded, rejected, message)] = query(
        settings,
        "SELECT estado, filas_leidas, filas_cargadas, filas_rechazadas, mensaje FROM raw.cargas "
        "WHERE archivo = ?",
        [f"{kind}/{bad.name}"],
    )
    assert line_estado == estado and read == loaded + rejected
    if isinstance(expected, str):
        assert expected in message
    else:
        by_column = dict(
            query(
                settings,
                "SELECT columna, count(*) FROM raw.rechazos WHERE archivo = ? GROUP BY 1",
                [f"{kind}/{bad.name}"],
            )
        )
        assert by_column == expected
        assert file_partition(bad, kind) is not None, (
            "discovery must agree with the loader about this file"
        )
    stored = (
        all_text_in_warehouse(settings.warehouse_path)
        | {result.mensaje or ""}
        | set(result.motivos)
    )
    leaked = [i for i in PLANTED if any(i in text for text in stored)]
    assert not leaked, f"identifiers stored: {leaked}"
    assert files_holding(PLANTED, settings.home) == {}


def test_rows_keep_the_line_they_start_on_after_a_quoted_newline(settings):
    path = settings.landing_for("plantilla") / "p.csv"
    path.parent.mkdir(parents=True)
    path.write_text(_embedded_newline())
    load(settings, "plantilla")
    # data row 8 (0-based) is on line 10 of a clean file; the newline in row 2 pushes it to line 11
    assert query(settings, "SELECT fila, columna FROM raw.rechazos") == [(11, "sexo")]


def test_a_stray_line_does_not_give_a_file_a_second_period(settings):
    path = settings.landing_for("matricula") / "m.csv"
    path.parent.mkdir(parents=True)
    path.write_text(_bad_periodo_rows())
    assert file_partition(path, "matricula") == "25/1"


def test_a_link_out_of_landing_is_not_followed(settings, tmp_path):
    secret = tmp_path / "fuera" / "secreto.csv"
    secret.parent.mkdir()
    secret.write_text(_csv(_matricula()))
    link = settings.landing_for("matricula") / "enlace.csv"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    write_extract(
        settings.landing_for("matricula") / "b_bueno.csv",
        valid_rows("matricula", 20, periodo="24/2"),
    )

    results = {r.archivo: r for r in load(settings, "matricula")}

    assert results["matricula/enlace.csv"].estado == "ERROR"
    assert "sale de la carpeta de llegada" in results["matricula/enlace.csv"].mensaje
    assert results["matricula/b_bueno.csv"].estado == "CARGADO"
    assert query(
        settings, "SELECT count(*) FROM raw.matricula WHERE _archivo = 'matricula/enlace.csv'"
    ) == [(0,)]
    [seen] = [f for f in discover(settings, "matricula") if f.path == link]
    assert (seen.sha256, seen.partition) == (None, None), (
        "discovery must not read through the link either"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_that_files_error(settings):
    path = write_extract(settings.landing_for("matricula") / "a_cerrado.csv", _matricula())
    write_extract(
        settings.landing_for("matricula") / "b_bueno.csv",
        valid_rows("matricula", 20, periodo="24/2"),
    )
    path.chmod(0)
    try:
        results = {r.archivo: r for r in load(settings, "matricula")}
    finally:
        path.chmod(0o644)
    assert results["matricula/a_cerrado.csv"].estado == "ERROR"
    assert "permisos" in results["matricula/a_cerrado.csv"].mensaje
    assert results["matricula/b_bueno.csv"].estado == "CARGADO"


def test_a_file_named_after_a_student_is_recorded_masked_and_found_by_its_sha256(settings):
    folder = settings.landing_for("matricula")
    named = write_extract(folder / f"baja_{BOLETA_2}_{CURP_2}.csv", _matricula(20))
    empty = folder / f"vacio_{BOLETA}.csv"
    empty.write_bytes(b"")  # an ERROR line: its message names the file too
    sha256 = hashlib.sha256(named.read_bytes()).hexdigest()

    plan = plan_ingestion(settings)
    results = {r.sha256: r for r in load(settings, "matricula")}

    masked = "matricula/baja_97********_ZU****************.csv"
    assert results[sha256].estado == "CARGADO" and results[sha256].archivo == masked
    assert query(settings, "SELECT archivo FROM raw.cargas WHERE sha256 = ?", [sha256]) == [
        (masked,)
    ]
    assert query(settings, "SELECT DISTINCT _archivo, _sha256 FROM raw.matricula") == [
        (masked, sha256)
    ]
    [notice] = [n for n in plan.notices if sha256 in n]
    assert notice.startswith(masked) and "identificador personal" in notice
    [(message,)] = query(settings, "SELECT mensaje FROM raw.cargas WHERE estado = 'ERROR'")
    assert "vacío" in message and "vacio_20********.csv" in message
    printed = "\n".join(plan.notices) + "".join(str(r) for r in results.values())
    assert not [i for i in PLANTED if i in printed]
    assert files_holding(PLANTED, settings.home) == {}
