"""The real ANUIES 2017-2018 yearbook through ingestion and dbt: the national reference
indicators, the program comparison mart and the program rows, each traced back to the file."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import duckdb
import pytest

from pipelines.specs.disclosure import load_declaration
from pipelines.specs.indicator_catalog import load_catalog

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CICLO = "2017-2018"
# Published figures of the 2017-2018 yearbook (licenciatura).
IPN_MATRICULA, NACIONAL_MATRICULA = 108_412, 3_946_882
NACIONAL_TITULADOS, IPN_TITULADOS = 417_825, 11_299
PROGRAM_ROWS = 22_370


def _one_row(built, sql: str) -> dict:
    with duckdb.connect(str(built.settings.warehouse_path), read_only=True) as con:
        cursor = con.execute(sql)
        [values] = cursor.fetchall()
        return dict(zip([d[0] for d in cursor.description], values, strict=True))


def _indicator(built, clave: str) -> tuple:
    rows = built.query(
        "select valor, numerador, denominador, suprimido from marts.indicadores "
        f"where clave_indicador = '{clave}' and periodo = '{CICLO}' "
        "and ambito = 'IPN' and clave_ambito = 'IPN'"
    )
    assert len(rows) == 1, rows
    return rows[0]


def test_the_run_succeeds_and_every_dbt_test_passes(built_anuies):
    assert built_anuies.result.success
    checks = built_anuies.result.get_asset_check_evaluations()
    names = {c.check_name for c in checks}
    assert "total_general_del_anuario_concilia" in names
    assert [c.check_name for c in checks if not c.passed] == []


def test_the_yearbook_was_loaded(built_anuies):
    assert built_anuies.query(
        "select estado, periodo, filas_cargadas from raw.cargas where tipo = 'anuies'"
    ) == [("CARGADO", CICLO, PROGRAM_ROWS)]


def test_participacion_nacional_lic_is_ipn_over_national_matricula(built_anuies):
    valor, numerador, denominador, suprimido = _indicator(
        built_anuies, "PARTICIPACION_NACIONAL_LIC"
    )
    assert (numerador, denominador) == (IPN_MATRICULA, NACIONAL_MATRICULA)
    assert valor == Decimal("2.75")
    assert suprimido is False


def test_the_national_reference_is_never_under_disclosure_control():
    declaration = load_declaration()
    assert (
        declaration.rule_of("PARTICIPACION_NACIONAL_LIC")
        == declaration.rule_of("TITULADOS_NACIONAL_LIC")
        == "ninguna"
    )


def test_titulados_nacional_lic_is_a_count(built_anuies):
    assert _indicator(built_anuies, "TITULADOS_NACIONAL_LIC") == (
        NACIONAL_TITULADOS,
        None,
        None,
        False,
    )


def test_national_figures_equal_the_grand_total_written_in_the_file(built_anuies):
    """The indicators add the program rows; the file's own grand total says the same."""
    written = dict(
        built_anuies.query(
            "select medida, valor_archivo from staging.stg_raw__anuies_conciliacion "
            f"where nivel_total = 'NACIONAL' and ciclo = '{CICLO}'"
        )
    )
    assert written["matricula_total"] == NACIONAL_MATRICULA
    assert written["titulados_total"] == NACIONAL_TITULADOS


def test_anuies_periods_sit_beside_the_school_periods(built_anuies):
    """Ciclo periods (YYYY-YYYY) are only those of the national reference; the school, staff
    and budget indicators keep theirs, and every one is still published."""
    families = dict(
        built_anuies.query(
            "select d.familia, count(distinct i.clave_indicador) from marts.indicadores i "
            "join marts.dim_indicador d using (clave_indicador) group by d.familia"
        )
    )
    assert families == dict(Counter(i.familia for i in load_catalog().indicadores))
    ciclo_codes = built_anuies.query(
        "select distinct clave_indicador from marts.indicadores "
        "where regexp_full_match(periodo, '[0-9]{4}-[0-9]{4}') order by 1"
    )
    assert ciclo_codes == [("PARTICIPACION_NACIONAL_LIC",), ("TITULADOS_NACIONAL_LIC",)]
    assert built_anuies.query(
        "select count(*) from marts.dim_periodo where periodo like '%-%'"
    ) == [(0,)]


def test_every_program_row_reaches_the_fact(built_anuies):
    assert built_anuies.query(
        "select count(*), sum(matricula_total), sum(titulados_total), "
        "sum(matricula_total) filter (where es_ipn) from marts.fct_anuies_programas"
    ) == [(PROGRAM_ROWS, NACIONAL_MATRICULA, NACIONAL_TITULADOS, IPN_MATRICULA)]


def test_the_comparison_holds_every_ipn_program_once(built_anuies):
    """Each IPN program row falls in exactly one normalised name: the IPN columns add up to
    IPN's totals, and no program name of another institution alone appears."""
    assert built_anuies.query(
        "select sum(programas_ipn), sum(matricula_ipn), sum(titulados_ipn) "
        f"from marts.cmp_programas_ipn_nacional where ciclo = '{CICLO}'"
    ) == [(90, IPN_MATRICULA, IPN_TITULADOS)]
    assert built_anuies.query(
        "select count(*) from marts.cmp_programas_ipn_nacional c where not exists ("
        "select 1 from marts.fct_anuies_programas f where f.es_ipn "
        "and f.ciclo = c.ciclo and f.programa_normalizado = c.programa_normalizado)"
    ) == [(0,)]


def test_sistemas_computacionales_at_ipn_and_in_the_country(built_anuies):
    row = _one_row(
        built_anuies,
        "select * from marts.cmp_programas_ipn_nacional "
        "where programa_normalizado = 'INGENIERIA EN SISTEMAS COMPUTACIONALES'",
    )
    assert row["programa"] == "INGENIERÍA EN SISTEMAS COMPUTACIONALES"
    assert row["programas_ipn"] == 2  # ESCOM (Gustavo A. Madero) and UPIIZ (Zacatecas)
    assert row["matricula_ipn"] == 2882 + 189
    for medida in ("matricula", "nuevo_ingreso", "egresados", "titulados"):
        assert row[f"{medida}_nacional"] >= row[f"{medida}_ipn"] > 0, medida
    assert row["instituciones_nacionales"] > 100
    national = built_anuies.query(
        "select sum(matricula_total), count(distinct institucion) from raw.anuies "
        "where upper(strip_accents(programa)) = 'INGENIERIA EN SISTEMAS COMPUTACIONALES'"
    )[0]
    assert (row["matricula_nacional"], row["instituciones_nacionales"]) == national
    share = Decimal(row["matricula_ipn"] * 100) / Decimal(row["matricula_nacional"])
    assert row["participacion_matricula_ipn"] == share.quantize(Decimal("0.01"))
