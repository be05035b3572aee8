"""Malformed files of every class the robustness review found, each dropped beside a good file.

For each: the bad file has its own line in raw.cargas (or its bad rows are rejected with a
reason), the good file loads, rows read = loaded + rejected, and no identifier of any row —
wherever a broken row put it — is stored anywhere in the warehouse.
"""

from __future__ import annotations

import csv
import io
import os

import pytest

from pipelines.ingest.discovery import discover, file_partition
from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.test_pii import all_text_in_warehouse
from tests.ingest.warehouse_helpers import load, query

pytestmark = pytest.mark.integration

BOLETA, CURP = "2019631234", "PEGJ990101HDFRRN09"
EMPLEADO, RFC = "7345612", "PEGJ800101AB1"


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


KIND = {"plantilla": ("_shifted_staff_row", "_embedded_newline")}

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
}


def _kind(builder) -> str:
    return "plantilla" if builder.__name__ in KIND["plantilla"] else "matricula"


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_file_is_accounted_for_and_the_good_one_loads(settings, case):
    builder, estado, expected = CASES[case]
    kind = _kind(builder)
    bad = settings.landing_for(kind) / f"a_{case}.csv"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(builder().encode("utf-8"))
    good_rows = valid_rows(
        kind, 20, **({"periodo": "24/2"} if kind == "matricula" else {"fecha_corte": "2025-03-15"})
    )
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
    leaked = [i for i in (BOLETA, CURP, EMPLEADO, RFC) if any(i in text for text in stored)]
    assert not leaked, f"identifiers stored: {leaked}"


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
