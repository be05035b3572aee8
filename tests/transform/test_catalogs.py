"""The catalog seeds load as text and keep the rules the rest of SIIE relies on."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.core.config import SEEDS_DIR

pytestmark = pytest.mark.unit

NIVELES_UNIDAD = {"NMS", "NS", "POS", "INV", "CENTRAL"}
NIVELES_ESTUDIO = {
    "BACHILLERATO_TECNOLOGICO",
    "LICENCIATURA",
    "ESPECIALIDAD",
    "MAESTRIA",
    "DOCTORADO",
}
MODALIDADES = {"ESCOLARIZADA", "NO_ESCOLARIZADA", "MIXTA"}
DURACIONES = {  # semestres admitidos por nivel de estudios
    "BACHILLERATO_TECNOLOGICO": range(6, 7),
    "LICENCIATURA": range(8, 13),
    "ESPECIALIDAD": range(1, 5),
    "MAESTRIA": range(4, 5),
    "DOCTORADO": range(6, 9),
}
EXPECTED_COLUMNS = {
    "cat_unidades": [
        "cve_unidad",
        "siglas",
        "nombre",
        "nivel",
        "entidad",
        "vigente_desde",
        "vigente_hasta",
    ],
    "cat_programas": [
        "cve_programa",
        "nombre",
        "cve_unidad",
        "nivel_estudios",
        "duracion_semestres",
        "modalidad",
    ],
    "cat_partidas": ["capitulo", "concepto", "partida", "descripcion"],
}


def read_seed(name: str) -> pl.DataFrame:
    return pl.read_csv(SEEDS_DIR / f"{name}.csv", infer_schema=False)


@pytest.fixture(scope="module")
def unidades() -> pl.DataFrame:
    return read_seed("cat_unidades")


@pytest.fixture(scope="module")
def programas() -> pl.DataFrame:
    return read_seed("cat_programas")


@pytest.fixture(scope="module")
def partidas() -> pl.DataFrame:
    return read_seed("cat_partidas")


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_seed_is_utf8_without_bom_with_contract_header(name: str) -> None:
    raw = (SEEDS_DIR / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert read_seed(name).columns == EXPECTED_COLUMNS[name]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("cat_unidades", "cve_unidad"),
        ("cat_programas", "cve_programa"),
        ("cat_partidas", "partida"),
    ],
)
def test_keys_are_present_and_unique(name: str, key: str) -> None:
    keys = read_seed(name).get_column(key)
    assert keys.null_count() == 0
    assert keys.is_duplicated().sum() == 0


@pytest.mark.parametrize(
    ("name", "key"), [("cat_unidades", "cve_unidad"), ("cat_programas", "cve_programa")]
)
def test_codes_are_uppercase_ascii_without_spaces(name: str, key: str) -> None:
    bad = read_seed(name).filter(~pl.col(key).str.contains(r"^[A-Z0-9][A-Z0-9-]*$"))
    assert bad.is_empty(), bad


def test_unidades_values(unidades: pl.DataFrame) -> None:
    assert set(unidades.get_column("nivel")) <= NIVELES_UNIDAD
    assert unidades.filter(~pl.col("entidad").str.contains(r"^(0[1-9]|[12]\d|3[0-2])$")).is_empty()
    desde = unidades.get_column("vigente_desde").str.to_date("%Y-%m-%d")
    hasta = unidades.get_column("vigente_hasta").str.to_date("%Y-%m-%d")
    assert desde.null_count() == 0
    assert ((hasta.is_null()) | (hasta > desde)).all()


def test_every_program_belongs_to_a_teaching_unit(
    unidades: pl.DataFrame, programas: pl.DataFrame
) -> None:
    joined = programas.join(unidades.select("cve_unidad", "nivel"), on="cve_unidad", how="left")
    assert joined.filter(pl.col("nivel").is_null()).is_empty(), "programa con unidad inexistente"
    assert joined.filter(pl.col("nivel") == "CENTRAL").is_empty(), "programa en un área central"


def test_bachillerato_only_at_nms_units(unidades: pl.DataFrame, programas: pl.DataFrame) -> None:
    joined = programas.join(unidades.select("cve_unidad", "nivel"), on="cve_unidad")
    mismatched = joined.filter(
        (pl.col("nivel_estudios") == "BACHILLERATO_TECNOLOGICO") != (pl.col("nivel") == "NMS")
    )
    assert mismatched.is_empty(), mismatched


def test_programas_values_and_durations(programas: pl.DataFrame) -> None:
    assert set(programas.get_column("nivel_estudios")) <= NIVELES_ESTUDIO
    assert set(programas.get_column("modalidad")) <= MODALIDADES
    for nivel, semestres, cve in programas.select(
        "nivel_estudios", pl.col("duracion_semestres").cast(pl.Int32), "cve_programa"
    ).iter_rows():
        assert semestres in DURACIONES[nivel], f"{cve}: {semestres} semestres para {nivel}"


def test_partidas_derive_capitulo_and_concepto(partidas: pl.DataFrame) -> None:
    assert partidas.filter(~pl.col("partida").str.contains(r"^[1-9]\d{4}$")).is_empty()
    numbers = partidas.select(pl.all().exclude("descripcion").cast(pl.Int32))
    expected = numbers.with_columns(
        (pl.col("partida") // 10000 * 1000).alias("capitulo_esperado"),
        (pl.col("partida") // 1000 * 100).alias("concepto_esperado"),
    )
    wrong = expected.filter(
        (pl.col("capitulo") != pl.col("capitulo_esperado"))
        | (pl.col("concepto") != pl.col("concepto_esperado"))
    )
    assert wrong.is_empty(), wrong
    assert partidas.get_column("descripcion").str.strip_chars().str.len_chars().min() > 0
