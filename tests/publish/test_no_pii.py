"""No personal data in what analysts get: neither identifiers from the extracts nor pseudonyms."""

from __future__ import annotations

import re

import pytest

from pipelines.publish.pii import forbidden_columns
from pipelines.specs.contracts import CURP_PATTERN

pytestmark = pytest.mark.integration

BOLETA = re.compile(r"\b\d{10}\b")
CURP = re.compile(CURP_PATTERN.strip("^$"))
RFC = re.compile(r"\b[A-Z&Ñ]{4}\d{6}[A-Z0-9]{3}\b")


def _landed_identifiers(landing) -> set[str]:
    found: set[str] = set()
    for kind in ("matricula", "trayectoria", "plantilla"):
        for path in (landing / kind).glob("*.csv"):
            text = path.read_bytes().decode("latin-1")
            found |= set(BOLETA.findall(text)) | set(CURP.findall(text)) | set(RFC.findall(text))
    return found


def _published_text(home) -> dict[str, set[str]]:
    columns = home.published(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE NOT internal AND data_type = 'VARCHAR'"
    )
    return {
        f"{t}.{c}": {
            v for (v,) in home.published(f"SELECT DISTINCT {c} FROM {t} WHERE {c} IS NOT NULL")
        }
        for t, c in columns
    }


def test_no_identifier_or_pseudonym_is_in_any_published_table(published):
    identifiers = _landed_identifiers(published.settings.landing_dir)
    pseudonyms = {
        v
        for (v,) in published.query(
            "SELECT id_alumno FROM raw.matricula UNION SELECT id_alumno FROM raw.trayectoria "
            "UNION SELECT id_empleado FROM raw.plantilla"
        )
    }
    assert len(identifiers) > 100 and len(pseudonyms) > 100  # the scan looks for something real
    for column, values in _published_text(published).items():
        words = {w for v in values for w in re.split(r"[^0-9A-Za-zÑ&]+", v)}
        assert not (values | words) & (identifiers | pseudonyms), column


def test_no_personal_or_confidential_column_is_published(published):
    columns = {
        c
        for (c,) in published.published(
            "SELECT column_name FROM duckdb_columns() WHERE NOT internal"
        )
    }
    assert not columns & forbidden_columns()
    assert {
        "boleta",
        "curp",
        "rfc",
        "id_alumno",
        "id_empleado",
        "sueldo_mensual",
    } <= forbidden_columns()


def test_the_files_beside_the_database_carry_no_identifier(published):
    identifiers = _landed_identifiers(published.settings.landing_dir)
    folder = published.settings.published_dir / "current"
    for name in ("manifest.json", "diccionario.md"):
        text = (folder / name).read_text(encoding="utf-8")
        assert not set(BOLETA.findall(text)) & identifiers
        assert not CURP.findall(text) and not RFC.findall(text)


def test_the_guard_refuses_any_identifier_form_inside_a_published_value(tmp_path):
    import duckdb
    import pytest

    from pipelines.publish.pii import PIIFound, assert_no_identifier_in_text, assert_no_pii

    curp, boleta = "ZUQX540726HDFJCB04", "9713904253"
    with duckdb.connect(str(tmp_path / "p.duckdb")) as con:
        con.execute("CREATE TABLE cargas (archivo VARCHAR, sha256 VARCHAR)")
        con.execute("INSERT INTO cargas VALUES ('matricula/m_2025_1.csv', repeat('a', 64))")
        assert_no_pii(con)  # a year in a file name and a file's sha256 are no identifier
        con.execute(f"INSERT INTO cargas VALUES ('matricula/baja_{boleta}_{curp}.csv', 'b')")
        with pytest.raises(PIIFound) as found:
            assert_no_pii(con)
    assert "cargas.archivo" in str(found.value)
    assert curp not in str(found.value) and boleta not in str(found.value)
    with pytest.raises(PIIFound, match="manifest.json"):
        assert_no_identifier_in_text(f'{{"archivos": ["baja_{boleta}.csv"]}}', "manifest.json")


def test_the_guard_reads_json_numbers_as_numbers_and_json_strings_as_text():
    import json

    import pytest

    from pipelines.publish.pii import PIIFound, assert_no_identifier_in_text

    amounts = {"validacion": [{"observed_value": 1234567890, "suma": "9876543210.25"}]}
    assert_no_identifier_in_text(json.dumps(amounts), "manifest.json")
    with pytest.raises(PIIFound):
        assert_no_identifier_in_text(json.dumps({"archivos": ["9713904253"]}), "manifest.json")
