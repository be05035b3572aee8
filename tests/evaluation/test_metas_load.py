"""The metas extract loads with the guarantees of every extract: each rule rejects its row with
file, row, column and reason; rows read = loaded + rejected; a file loaded again with new content
replaces only its own rows; its raw GX suite is generated from the contract."""

from __future__ import annotations

import csv
import json

import pytest
from dagster import DagsterInstance, materialize

from pipelines.core.config import EXPECTATIONS_DIR
from pipelines.core.resources import SiieResource
from pipelines.ingest.assets import ingestion_assets
from tests.ingest.warehouse_helpers import load, query

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HEADER = (
    "instrumento", "clave_instrumento", "clave_indicador", "ambito", "clave_ambito", "periodo",
    "meta", "linea_base", "fecha_registro",
)  # fmt: skip
GOOD = (
    "PDI",
    "PDI-2025-2030",
    "MATRICULA_TOTAL",
    "IPN",
    "IPN",
    "25/1",
    "1000",
    "900",
    "2025-01-15",
)


def _target(**changes: str) -> list[str]:
    row = dict(zip(HEADER, GOOD, strict=True)) | changes
    return [row[c] for c in HEADER]


def _write(path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


# (change to a valid target, rejected column, words of the reason)
BROKEN = [
    ({"instrumento": "PND"}, "instrumento", "fuera de la lista permitida"),
    ({"clave_instrumento": "PDI 2025"}, "clave_instrumento", "no cumple el formato"),
    ({"instrumento": "POA"}, "clave_instrumento", "no empieza con el instrumento POA"),
    ({"clave_indicador": "TASA_DESERCION"}, "clave_indicador", "no registrado en el catálogo"),
    ({"clave_indicador": "PCT_MUJERES", "meta": "50"}, "clave_indicador", "neutral"),
    ({"clave_indicador": "DOCENTES"}, "clave_indicador", "neutral"),
    (
        {"clave_indicador": "PCT_DOCENTES_TC", "ambito": "PROGRAMA", "meta": "60"},
        "ambito",
        "no se publica en el ámbito PROGRAMA",
    ),
    ({"ambito": "ESTADO"}, "ambito", "fuera de la lista permitida"),
    ({"ambito": "UNIDAD", "clave_ambito": "ESIME99"}, "clave_ambito", "ámbito UNIDAD"),
    ({"ambito": "NIVEL", "clave_ambito": "PREPA"}, "clave_ambito", "ámbito NIVEL"),
    ({"ambito": "PROGRAMA", "clave_ambito": "X-1"}, "clave_ambito", "ámbito PROGRAMA"),
    ({"ambito": "IPN", "clave_ambito": "NS"}, "clave_ambito", "ámbito IPN"),
    ({"periodo": "2025"}, "periodo", "periodo escolar (YY/N)"),
    (
        {"clave_indicador": "AVANCE_PRESUPUESTAL", "periodo": "2025", "meta": "90"},
        "periodo",
        "periodicidad mes (YYYY-MM)",
    ),
    (
        {"clave_indicador": "PCT_RECURSOS_PROPIOS", "periodo": "2025-03", "meta": "20"},
        "periodo",
        "periodicidad año (YYYY)",
    ),
    ({"meta": "0"}, "meta", "mayor que 0"),
    ({"meta": "-5"}, "meta", "mayor que 0"),
    ({"meta": "mil"}, "meta", "no es"),
    ({"clave_indicador": "TASA_ABANDONO", "meta": "100.5"}, "meta", "no puede pasar de 100"),
    ({"linea_base": "-1"}, "linea_base", "mínimo 0"),
    ({"fecha_registro": "2025-02-30"}, "fecha_registro", "no es una fecha"),
    ({"meta": ""}, "meta", "vacío en columna obligatoria"),
]


@pytest.mark.parametrize(("changes", "column", "reason"), BROKEN)
def test_each_rule_rejects_its_row_naming_file_row_column_and_reason(
    settings, changes, column, reason
):
    rows = [_target(periodo=f"{y}/{n}") for y in range(10, 30) for n in (1, 2)]  # under 5%
    rows.insert(2, _target(**changes))
    _write(settings.landing_for("metas") / "plan.csv", rows)

    [result] = load(settings, "metas")

    assert result.estado == "CARGADO"
    assert (result.filas_leidas, result.filas_cargadas, result.filas_rechazadas) == (41, 40, 1)
    [(archivo, fila, columna, motivo)] = query(
        settings, "SELECT archivo, fila, columna, motivo FROM raw.rechazos"
    )
    assert (archivo, fila, columna) == ("metas/plan.csv", 4, column)  # header is row 1
    assert reason in motivo
    assert query(settings, "SELECT count(*) FROM raw.metas") == [(40,)]


def test_the_same_key_twice_in_a_file_rejects_the_later_row(settings):
    rows = [_target(periodo=f"{y}/{n}") for y in range(10, 30) for n in (1, 2)]
    rows.insert(31, _target(meta="1200"))  # 25/1 again, row 33, right after the first
    _write(settings.landing_for("metas") / "plan.csv", rows)

    [result] = load(settings, "metas")

    assert (result.filas_leidas, result.filas_cargadas, result.filas_rechazadas) == (41, 40, 1)
    [(fila, motivo)] = query(settings, "SELECT fila, motivo FROM raw.rechazos")
    assert fila == 33 and motivo.startswith("meta duplicada en el archivo")
    assert query(settings, "SELECT meta FROM raw.metas WHERE periodo = '25/1'") == [(1000,)]


def test_the_same_key_in_two_files_loads_both_rows(settings):
    folder = settings.landing_for("metas")
    _write(folder / "pdi.csv", [_target()])
    _write(folder / "pdi_revision.csv", [_target(meta="950", fecha_registro="2025-07-01")])

    results = load(settings, "metas")

    assert [r.estado for r in results] == ["CARGADO", "CARGADO"]
    assert query(settings, "SELECT _archivo, meta FROM raw.metas ORDER BY _archivo") == [
        ("metas/pdi.csv", 1000),
        ("metas/pdi_revision.csv", 950),
    ]


def test_a_file_loaded_again_with_new_content_replaces_only_its_own_rows(settings):
    folder = settings.landing_for("metas")
    _write(folder / "pdi.csv", [_target(), _target(periodo="25/2")])
    _write(folder / "poa.csv", [_target(instrumento="POA", clave_instrumento="POA-2025")])
    load(settings, "metas")

    _write(folder / "pdi.csv", [_target(meta="1100")])
    results = load(settings, "metas")

    assert sorted(r.estado for r in results) == ["CARGADO", "OMITIDO"]
    assert query(settings, "SELECT _archivo, periodo, meta FROM raw.metas ORDER BY ALL") == [
        ("metas/pdi.csv", "25/1", 1100),
        ("metas/poa.csv", "25/1", 1000),
    ]
    assert query(
        settings, "SELECT archivo, estado FROM raw.cargas WHERE tipo = 'metas' ORDER BY iniciado_en"
    ) == [
        ("metas/pdi.csv", "REEMPLAZADO"),
        ("metas/poa.csv", "CARGADO"),
        ("metas/pdi.csv", "CARGADO"),
    ]


def test_a_file_with_targets_of_many_years_is_one_load_without_a_period(settings):
    rows = [_target(periodo=f"{y}/{n}") for y in (25, 26, 27) for n in (1, 2)]
    _write(settings.landing_for("metas") / "pdi.csv", rows)

    [result] = load(settings, "metas")

    assert (result.estado, result.periodo, result.filas_cargadas) == ("CARGADO", None, 6)


def test_its_raw_suite_is_generated_from_the_contract():
    suite = json.loads((EXPECTATIONS_DIR / "suites" / "raw_metas.json").read_text("utf-8"))
    kinds = {(e["type"], json.dumps(e["kwargs"], sort_keys=True)) for e in suite["expectations"]}
    unique = [k for t, k in kinds if t == "expect_compound_columns_to_be_unique"]
    assert unique == [
        json.dumps(
            {
                "column_list": [
                    "clave_instrumento", "clave_indicador", "ambito", "clave_ambito", "periodo",
                    "_archivo",
                ]
            },
            sort_keys=True,
        )
    ]  # fmt: skip
    between = [json.loads(k) for t, k in kinds if t == "expect_column_values_to_be_between"]
    assert {"column": "meta", "min_value": 0, "max_value": None, "strict_min": True} in between


def test_dagster_materialises_raw_metas_without_partitions(settings):
    [asset] = [a for a in ingestion_assets if a.key.path[0] == "raw_metas"]
    assert asset.partitions_def is None
    _write(settings.landing_for("metas") / "pdi.csv", [_target(), _target(periodo="26/1")])
    resource = SiieResource(home=str(settings.home), landing_dir=str(settings.landing_dir))
    with DagsterInstance.ephemeral() as instance:
        result = materialize([asset], resources={"siie": resource}, instance=instance)
    assert result.success
    [event] = result.get_asset_materialization_events()
    assert event.materialization.metadata["filas_cargadas"].value == 2
    assert query(settings, "SELECT count(*) FROM raw.metas") == [(2,)]
