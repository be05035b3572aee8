"""The dbt files generated from the contracts, the seeds' properties, the indicator catalog and
the disclosure declaration, and docs/INDICATORS.md's tables, are committed up to date (run
`make generate` after changing those)."""

from __future__ import annotations

import pytest
import yaml

from pipelines.specs.contracts import LINEAGE_COLUMNS, all_contracts
from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import (
    AMBITOS,
    PERIODICITIES,
    UNITS,
    load_catalog,
)
from pipelines.transform.dbt_macros import (
    CATALOG_MACROS_PATH,
    CONTRACT_COLUMNS_PATH,
    DISCLOSURE_MACROS_PATH,
    generated_macros,
)
from pipelines.transform.dbt_sources import LINEAGE_DESCRIPTIONS, LOG_TABLES, sources_document
from pipelines.transform.generate import generated_files
from pipelines.transform.indicator_docs import (
    BEGIN,
    END,
    INDICATORS_DOC_PATH,
    MissingFamilyTable,
    render_indicator_doc,
)

pytestmark = pytest.mark.unit


def test_every_generated_file_is_up_to_date():
    stale = [
        str(path)
        for path, text in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "ejecute: python -m pipelines.transform.generate"


def test_sources_have_exactly_the_stored_columns_of_each_contract():
    tables = {t["name"]: t for t in sources_document()["sources"][0]["tables"]}
    for kind, contract in all_contracts().items():
        columns = [(c["name"], c["data_type"]) for c in tables[kind]["columns"]]
        assert columns == [(n, t.lower()) for n, t in contract.stored_columns]
        assert tables[kind]["meta"]["dagster"]["asset_key"] == [f"raw_{kind}"]


def test_every_source_column_is_described():
    assert set(LINEAGE_DESCRIPTIONS) == {name for name, _ in LINEAGE_COLUMNS}
    for name, (_, columns, descriptions) in LOG_TABLES.items():
        assert set(descriptions) == {c for c, _ in columns}, name
    for table in sources_document()["sources"][0]["tables"]:
        assert all(c["description"] for c in table["columns"]), table["name"]


def test_no_pii_column_reaches_the_sources():
    names = {c["name"] for t in sources_document()["sources"][0]["tables"] for c in t["columns"]}
    assert not names & {"boleta", "num_empleado", "curp", "rfc"}


def test_the_indicator_catalog_is_well_formed():
    catalog = load_catalog()
    codes = [i.clave for i in catalog.indicadores]
    assert len(codes) == len(set(codes))
    for i in catalog.indicadores:
        assert i.unidad in UNITS and i.periodicidad in PERIODICITIES, i.clave
        assert set(i.ambitos) <= set(AMBITOS) and i.familia in catalog.familias, i.clave
        assert i.nombre and i.formula, i.clave


def test_the_catalog_holds_every_indicator_of_the_design():
    """The design's indicators (docs/INDICATORS.md); the catalog may hold more."""
    expected = {
        "MATRICULA_TOTAL",
        "NUEVO_INGRESO",
        "PCT_MUJERES",
        "EGRESADOS",
        "TITULADOS",
        "TASA_ABANDONO",
        "EFICIENCIA_TERMINAL",
        "TASA_TITULACION",
        "DOCENTES",
        "DOCENTES_ETC",
        "ALUMNOS_POR_DOCENTE",
        "PCT_DOCENTES_POSGRADO",
        "PCT_DOCENTES_TC",
        "PCT_DOCENTES_SNII",
        "PRESUPUESTO_DEVENGADO",
        "AVANCE_PRESUPUESTAL",
        "PCT_SERVICIOS_PERSONALES",
        "PCT_RECURSOS_PROPIOS",
        "GASTO_POR_ALUMNO",
        "PARTICIPACION_NACIONAL_LIC",
        "TITULADOS_NACIONAL_LIC",
    }
    # A superset: a new indicator is added to the catalog, not here; none of these may go.
    assert expected <= {i.clave for i in load_catalog().indicadores}


def test_the_disclosure_declaration_covers_the_catalog_and_never_the_budget():
    declaration = load_declaration()
    catalog = {i.clave: i for i in load_catalog().indicadores}
    assert set(declaration.indicators) <= set(catalog)
    for clave, indicator in catalog.items():
        assert (declaration.rule_of(clave) == "ninguna") == (
            indicator.familia in ("presupuesto", "anuies")
        ), clave


def test_indicators_md_has_one_generated_table_per_family_with_every_indicator():
    text = INDICATORS_DOC_PATH.read_text(encoding="utf-8")
    catalog = load_catalog()
    for familia in catalog.familias:
        begin = text.index(BEGIN.format(familia=familia))
        table = text[begin : text.index(END, begin)]
        rows = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines()[3:]]
        assert rows == [i.clave for i in catalog.of_family(familia)], familia


def test_indicators_md_without_the_table_of_a_family_is_refused():
    text = INDICATORS_DOC_PATH.read_text(encoding="utf-8")
    begin = text.index(BEGIN.format(familia="anuies"))
    without = text[:begin] + text[text.index(END, begin) + len(END) :]
    with pytest.raises(MissingFamilyTable, match="anuies"):
        render_indicator_doc(without)


def test_the_generated_macros_state_the_specifications():
    macros = generated_macros()
    assert "['IPN', 'NIVEL', 'UNIDAD', 'PROGRAMA']" in macros[CATALOG_MACROS_PATH]
    assert repr(list(load_catalog().familias)) in macros[CATALOG_MACROS_PATH]
    salaries = load_declaration().min_people_for_salaries
    assert f"return({salaries})" in macros[DISCLOSURE_MACROS_PATH]
    presupuesto = all_contracts()["presupuesto"]
    own = [n for n, _ in presupuesto.stored_columns if not n.startswith("_")]
    assert repr(own) in macros[CONTRACT_COLUMNS_PATH]


def test_the_grade_scale_is_the_contract_order():
    """The SQL's 'highest grado' uses the contract's list as the order (macros/niveles.sql)."""
    grades = all_contracts()["plantilla"].column("grado_maximo").values
    assert grades == (
        "BACHILLERATO",
        "TECNICO",
        "LICENCIATURA",
        "ESPECIALIDAD",
        "MAESTRIA",
        "DOCTORADO",
    )
    snii = all_contracts()["plantilla"].column("nivel_snii").values
    assert snii == ("C", "I", "II", "III", "E")


def test_sources_file_is_valid_yaml_with_its_header():
    from pipelines.transform.dbt_sources import SOURCES_PATH

    text = SOURCES_PATH.read_text(encoding="utf-8")
    assert text.startswith("# Generado")
    assert yaml.safe_load(text)["version"] == 2
