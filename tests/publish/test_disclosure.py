"""Disclosure control as an outside reader would attack it: with nothing but the published file,
subtract visible parts from published totals, and solve the whole system with linear programming.

The primary rule and the attacks are written here again, independently of pipelines/publish.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict

import duckdb
import pytest
import yaml

from pipelines.audit.disclosure_audit import audit_publication
from pipelines.audit.memo import AuditMemo
from pipelines.audit.truth import read_truth
from pipelines.core.config import PROJECT_ROOT
from pipelines.publish.disclosure.pattern import suppression_pattern
from pipelines.publish.publication import AUDIT_MEMO_DIR
from pipelines.publish.tables import MARTS, SOURCE
from tests.processes import run_module

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEY = "clave_indicador, periodo, ambito, clave_ambito"

# Which indicators the design's primary rule covers, read from the catalog's YAML here rather than
# through pipelines.specs: school and staff figures (budget and ANUIES figures are never hidden);
# a ratio is an entry with a numerator and a denominator, any other is a count.
_CATALOG = yaml.safe_load((PROJECT_ROOT / "models" / "indicadores.yml").read_text("utf-8"))
_PROTECTED = [i for i in _CATALOG["indicadores"] if i["familia"] in ("escolares", "personal")]
_IS_RATIO = {i["clave"]: "numerador" in i and "denominador" in i for i in _PROTECTED}
RATIOS = tuple(clave for clave, ratio in _IS_RATIO.items() if ratio)
ALL_COUNTS = tuple(clave for clave, ratio in _IS_RATIO.items() if not ratio)
# School counts add up exactly (PROGRAMA ⊂ UNIDAD ⊂ IPN, PROGRAMA ⊂ NIVEL ⊂ IPN); staff counts
# are distinct people and need not.
COUNTS = tuple(
    i["clave"] for i in _PROTECTED if i["familia"] == "escolares" and not _IS_RATIO[i["clave"]]
)


def test_the_rule_covers_the_indicators_of_the_design():
    """The lists above are derived; they still hold every indicator the design names."""
    assert {"MATRICULA_TOTAL", "NUEVO_INGRESO", "EGRESADOS", "TITULADOS"} <= set(COUNTS)
    assert {"DOCENTES", "DOCENTES_ETC"} <= set(ALL_COUNTS) - set(COUNTS)
    assert {
        "PCT_MUJERES",
        "TASA_ABANDONO",
        "EFICIENCIA_TERMINAL",
        "TASA_TITULACION",
        "PCT_DOCENTES_POSGRADO",
        "PCT_DOCENTES_TC",
        "PCT_DOCENTES_SNII",
        "ALUMNOS_POR_DOCENTE",
    } <= set(RATIOS)


def _primary(clave: str, valor, denominador) -> bool:
    if clave in ALL_COUNTS:
        return valor is not None and 0 < valor < 5
    if clave in RATIOS:
        return denominador is not None and 0 < denominador < 10
    return False


def test_every_small_cell_is_hidden_with_mark_c_and_every_shown_figure_is_true(published):
    working = {
        tuple(r[:4]): r[4:]
        for r in published.query(
            f"SELECT {KEY}, valor, numerador, denominador FROM marts.indicadores"
        )
    }
    shown = published.published(
        f"SELECT {KEY}, valor, numerador, denominador, "
        "suprimido, estado_confidencialidad FROM indicadores"
    )
    assert len(shown) == len(working)
    statuses, small, complementary = set(), 0, 0
    for *key, valor, numerador, denominador, hidden, status in shown:
        statuses.add(status)
        true = working[tuple(key)]
        if _primary(key[0], true[0], true[2]):
            assert (hidden, status, valor, numerador, denominador) == (
                True,
                "C",
                None,
                None,
                None,
            ), key
            small += 1
        elif hidden:
            assert status == "C" and (valor, numerador, denominador) == (None, None, None), key
            complementary += 1
        else:
            assert status == "F" and (valor, numerador, denominador) == true, key
    assert statuses == {"F", "C"}  # one public mark, whichever rule hid the figure
    assert small and complementary  # the sample needs secondary suppression


def test_budget_figures_are_never_hidden_but_the_budget_per_student(published):
    """Public money is shown; GASTO_POR_ALUMNO divides it by enrollment, so it hides with it."""
    hidden = published.published(
        "SELECT DISTINCT clave_indicador FROM indicadores JOIN dim_indicador "
        "USING (clave_indicador) WHERE suprimido AND familia = 'presupuesto'"
    )
    assert hidden in ([], [("GASTO_POR_ALUMNO",)])


def test_an_ipn_or_nivel_total_is_hidden_only_where_a_total_of_its_period_is_itself_small(
    published,
):
    working = {
        tuple(r[:4]): r[4:]
        for r in published.query(
            f"SELECT {KEY}, valor, denominador "
            "FROM marts.indicadores WHERE ambito IN ('IPN', 'NIVEL')"
        )
    }
    small_periods = {
        key[1]
        for key, (valor, denominador) in working.items()
        if _primary(key[0], valor, denominador)
    }
    hidden = published.published(
        f"SELECT {KEY} FROM indicadores WHERE suprimido AND ambito IN ('IPN', 'NIVEL')"
    )
    assert small_periods, (
        "the sample has small NIVEL figures (a check that could not fail otherwise)"
    )
    assert any(_primary(k[0], *working[k]) for k in hidden)
    assert {k[1] for k in hidden} <= small_periods


def _recovered_by_subtraction(totals: dict, parts: dict) -> list:
    """Wholes published with exactly one hidden part: that part is whole − Σ visible parts."""
    leaks = []
    for whole, value in totals.items():
        members = parts.get(whole, [])
        hidden = [m for m, v in members if v is None]
        if value is not None and len(hidden) == 1:
            leaks.append((whole, hidden[0]))
    return leaks


def test_a_total_minus_its_visible_parts_recovers_no_part(published):
    """A unit or nivel minus its visible programs; the IPN minus its visible niveles."""
    programs = {
        p: (u, n)
        for p, u, n in published.published(
            "SELECT cve_programa, cve_unidad, nivel FROM dim_programa"
        )
    }
    rows = published.published(
        f"SELECT clave_indicador, periodo, ambito, clave_ambito, valor FROM indicadores "
        f"WHERE clave_indicador IN {COUNTS}"
    )
    totals, parts = {}, defaultdict(list)
    for clave, periodo, ambito, clave_ambito, valor in rows:
        if ambito != "PROGRAMA":
            totals[(clave, periodo, ambito, clave_ambito)] = valor
        if ambito == "NIVEL":
            parts[(clave, periodo, "IPN", "IPN")].append((clave_ambito, valor))
        elif ambito == "PROGRAMA":
            unit, nivel = programs[clave_ambito]
            parts[(clave, periodo, "UNIDAD", unit)].append((clave_ambito, valor))
            parts[(clave, periodo, "NIVEL", nivel)].append((clave_ambito, valor))
    assert any(v is None for members in parts.values() for _, v in members)
    # a hidden part recovered by subtraction is a leak only if it is small (the others are hidden
    # to protect a small one elsewhere, and an intruder cannot tell which is which)
    true = {
        (clave, periodo, clave_ambito): valor
        for clave, periodo, clave_ambito, valor in published.query(
            "SELECT clave_indicador, periodo, clave_ambito, valor FROM marts.indicadores "
            f"WHERE ambito = 'PROGRAMA' AND clave_indicador IN {COUNTS}"
        )
    }
    recovered = [
        (whole, part)
        for whole, part in _recovered_by_subtraction(totals, parts)
        if 0 < true[(whole[0], whole[1], part)] < 5
    ]
    assert recovered == []


def test_a_program_margin_minus_its_visible_fact_cells_recovers_no_cell(published):
    margins = {
        (p, c): (v, n)
        for p, c, v, n in published.published(
            "SELECT periodo, clave_ambito, valor, numerador FROM indicadores "
            "WHERE clave_indicador = 'PCT_MUJERES' AND ambito = 'PROGRAMA'"
        )
    }
    totals, parts = {}, defaultdict(list)
    for (periodo, program), (_, women) in margins.items():
        totals[("M", periodo, program)] = women
    for (periodo, program), value in {
        (p, c): v
        for p, c, v in published.published(
            "SELECT periodo, clave_ambito, valor FROM indicadores "
            "WHERE clave_indicador = 'MATRICULA_TOTAL' AND ambito = 'PROGRAMA'"
        )
    }.items():
        totals[("T", periodo, program)] = value
    for periodo, program, sexo, semestre, tipo, alumnos in published.published(
        "SELECT periodo, cve_programa, sexo, semestre, tipo_ingreso, alumnos FROM fct_matricula"
    ):
        cell = (sexo, semestre, tipo)
        parts[("T", periodo, program)].append((cell, alumnos))
        if sexo == "M":
            parts[("M", periodo, program)].append((cell, alumnos))
    assert _recovered_by_subtraction(totals, parts) == []


def _audited(con, home, memo: AuditMemo | None = None):
    """The audit of the publication open in `con`, given the true values behind its hidden
    figures (read from the working warehouse)."""
    from pipelines.specs.disclosure import load_declaration

    con.execute(f"ATTACH '{home.settings.warehouse_path}' AS w (READ_ONLY)")
    truth = read_truth(con, "w.marts", load_declaration())
    con.execute("DETACH w")
    return audit_publication(con, truth, memo=memo)


def _publications_memo(home, tmp_path) -> AuditMemo:
    """A copy of the audit memo the publication of version 1 left in its home."""
    shutil.copytree(home.settings.home / AUDIT_MEMO_DIR, tmp_path / "memo")
    return AuditMemo(tmp_path / "memo")


AUDIT_LINE = (
    r"^{}: mediana [\d.]+ s .*; (\d+) programas lineales, (\d+) de (\d+) periodos recordados, "
    r"(\d+) celdas primarias, aprobada$"
)


def test_the_audit_of_the_publication_finds_every_primary_cell_protected(published):
    """`python -m bench.audit` (bench/RESULTS.md) on the publication: solved anew with an empty
    memo, then recalled from it — the same decision on the same cells, every period recalled and
    no linear program solved."""
    answer = run_module("bench.audit", str(published.settings.home), "--repeticiones", "1")
    assert answer.returncode == 0, answer.stderr
    lines = {}
    for name in ("memoria fría", "memoria caliente"):
        found = re.search(AUDIT_LINE.format(name), answer.stdout, re.MULTILINE)
        assert found, answer.stdout
        lines[name] = [int(n) for n in found.groups()]
    lps, recalled, periods, cells = lines["memoria fría"]
    assert lps > 0 and recalled == 0 and periods > 1 and cells > 100
    assert lines["memoria caliente"] == [0, periods, periods, cells]


def _show(con, where_indicators: str, where_cells: str) -> None:
    """Show hidden figures again with their true values (the warehouse attached as w)."""
    con.execute(f"""UPDATE indicadores AS p SET valor = w.valor, numerador = w.numerador,
                    denominador = w.denominador, suprimido = false, estado_confidencialidad = 'F'
                    FROM w.marts.indicadores AS w
                    WHERE p.suprimido AND ({where_indicators})
                      AND (p.clave_indicador, p.periodo, p.ambito, p.clave_ambito)
                        = (w.clave_indicador, w.periodo, w.ambito, w.clave_ambito)""")
    con.execute(f"""UPDATE fct_matricula AS p SET alumnos = w.alumnos, suprimido = false,
                    estado_confidencialidad = 'F' FROM w.marts.fct_matricula AS w
                    WHERE p.suprimido AND ({where_cells})
                      AND (p.periodo, p.cve_unidad, p.cve_programa, p.sexo, p.semestre,
                           p.tipo_ingreso) = (w.periodo, w.cve_unidad, w.cve_programa, w.sexo,
                           w.semestre, w.tipo_ingreso)""")


NOT_SMALL = (
    f"(w.clave_indicador IN {ALL_COUNTS} AND w.valor >= 5) "
    f"OR (w.clave_indicador IN {RATIOS} AND w.denominador >= 10)"
)


def test_the_audit_refuses_primary_suppression_alone(published, tmp_path):
    """Show again every hidden figure of the latest period that is not itself small (the
    complementary ones) with its true value: the audit must name cells. With the memo of the
    sound publication at hand: that period is another problem, audited anew; the others are
    recalled."""
    copy = tmp_path / "solo_primaria.duckdb"
    shutil.copy(published.settings.published_dir / "current.duckdb", copy)
    copy.chmod(0o600)
    with duckdb.connect(str(copy)) as con:
        [(latest,)] = con.execute("SELECT max(periodo) FROM fct_matricula").fetchall()
        con.execute(f"ATTACH '{published.settings.warehouse_path}' AS w (READ_ONLY)")
        only_latest = f"p.periodo = '{latest}'"
        _show(con, f"({NOT_SMALL}) AND {only_latest}", f"w.alumnos >= 5 AND {only_latest}")
        con.execute("DETACH w")
        audit = _audited(con, published, _publications_memo(published, tmp_path))
    assert 0 < audit.recalled < audit.periods and audit.lps > 0
    assert not audit.passed
    assert audit.narrow and "auditoría de divulgación" in audit.refusal_reasons()[0]
    assert all(i.high - i.low < i.needed for i in audit.narrow)
    assert audit.public_refusal_reasons() and "entre" not in audit.public_refusal_reasons()[0]


def test_the_audit_refuses_a_small_figure_shown_in_the_clear(published, tmp_path):
    """Show one small NIVEL figure with its true value: the audit names that row (the periods
    left as published recalled from the publication's memo)."""
    copy = tmp_path / "nivel_visible.duckdb"
    shutil.copy(published.settings.published_dir / "current.duckdb", copy)
    copy.chmod(0o600)
    with duckdb.connect(str(copy)) as con:
        con.execute(f"ATTACH '{published.settings.warehouse_path}' AS w (READ_ONLY)")
        [(clave, periodo, clave_ambito)] = con.execute(f"""
            SELECT p.clave_indicador, p.periodo, p.clave_ambito
            FROM indicadores AS p JOIN w.marts.indicadores AS w
                USING (clave_indicador, periodo, ambito, clave_ambito)
            WHERE p.ambito = 'NIVEL' AND p.suprimido AND NOT ({NOT_SMALL})
              AND w.clave_indicador IN {ALL_COUNTS + RATIOS}
            ORDER BY ALL LIMIT 1""").fetchall()
        _show(
            con,
            f"(p.clave_indicador, p.periodo, p.ambito, p.clave_ambito) "
            f"= ('{clave}', '{periodo}', 'NIVEL', '{clave_ambito}')",
            "false",
        )
        con.execute("DETACH w")
        audit = _audited(con, published, _publications_memo(published, tmp_path))
    assert not audit.passed
    assert audit.exposed == [f"{periodo} · {clave} · NIVEL · {clave_ambito}"]
    assert clave_ambito in audit.refusal_reasons()[0]


@pytest.fixture(scope="module")
def latest_two(published):
    """The two latest periods (the quickest to solve) solved again from scratch, each in its own
    process as a run solves them, and one after the other in this one."""
    from pipelines.core.parallel import map_in_processes
    from pipelines.publish.disclosure.cells import read_systems
    from pipelines.publish.disclosure.secondary import choose_hidden
    from pipelines.specs.disclosure import load_declaration

    declaration = load_declaration()
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{published.settings.warehouse_path}' AS {SOURCE} (READ_ONLY)")
        systems = read_systems(con, MARTS, declaration)[-2:]
    inputs = (systems, [declaration.protection_level] * 2, [set()] * 2)
    return systems, map_in_processes(choose_hidden, *inputs), list(map(choose_hidden, *inputs))


def test_the_pattern_is_the_same_on_every_run(published, latest_two):
    """The pattern published, which the test base solved in another process, cell for cell and
    row for row in the periods solved again (a row is hidden when it or one of its cells is)."""
    systems, solved, _ = latest_two
    public = {
        tuple(r[:4]): r[4]
        for r in published.published(f"SELECT {KEY}, estado_confidencialidad FROM indicadores")
    }
    cells = {
        tuple(r[:-1]): r[-1]
        for r in published.published(
            "SELECT periodo, cve_unidad, cve_programa, sexo, semestre, "
            "tipo_ingreso, estado_confidencialidad FROM fct_matricula"
        )
    }
    for system, hidden in zip(systems, solved, strict=True):
        shut = [
            bool(h or p) for h, p in zip(hidden[: len(system.keys)], system.primary, strict=True)
        ]
        mark = {key: "C" if shut[i] else "F" for i, key in enumerate(system.keys)}
        assert {
            (system.period, *key[1:]): m for key, m in mark.items() if key[0] == "fct_matricula"
        } == {key: m for key, m in cells.items() if key[0] == system.period}
        rows = {
            row.key: "C" if row.primary or any(mark[m] == "C" for m in row.magnitudes) else "F"
            for row in system.rows
        }
        assert rows and rows == {key: public[key] for key in rows}


def test_periods_solved_in_processes_give_the_serial_pattern(latest_two):
    """The two latest periods solved each in its own process and one after the other in this one:
    the same cells hidden."""
    systems, in_processes, serial = latest_two
    assert len({s.period for s in systems}) == 2
    assert all(a.any() and (a == b).all() for a, b in zip(in_processes, serial, strict=True))


def test_staff_cells_are_not_published(published):
    tables = {t for (t,) in published.published("SELECT table_name FROM duckdb_tables()")}
    assert "fct_plantilla" not in tables and "fct_matricula" in tables


@pytest.mark.parametrize("table", ["indicadores", "fct_matricula"])
def test_the_auditors_record_keeps_the_exact_information_loss_of_each_family(published, table):
    """Beside the warehouse, never published: hidden cells by rule and the share they hold."""
    import json

    [record] = (published.settings.home / "divulgacion" / "intentos").glob("*.json")
    internal = json.loads(record.read_text(encoding="utf-8"))
    loss = {row["familia"]: row for row in internal["perdida_informacion"]}
    family = "fct_matricula" if table == "fct_matricula" else "MATRICULA_TOTAL"
    row = loss[family]
    # at the suite's tiny scale every fact cell may need hiding (bench.utility has real sizes)
    assert row["primarias"] > 0 and 0 < row["porcentaje_oculto"] <= 100
    assert row["ocultas"] == row["primarias"] + row["secundarias"]
    assert internal["auditoria"]["aprobada"] is True


def test_a_publication_of_unchanged_figures_solves_no_period_again(published, monkeypatch):
    """The memo answers every period of the next publication when no figure changed: what it
    remembered as published is what the next publication reads as hidden, newest period included
    (a figure the solver left visible but whose every row is hidden counts as hidden)."""
    from pipelines.publish.disclosure import pattern
    from pipelines.publish.disclosure.memo import PatternMemo
    from pipelines.publish.disclosure.records import kept_truth
    from pipelines.publish.disclosure.stability import read_before
    from pipelines.publish.disclosure.together import read_earlier
    from pipelines.publish.publication import PATTERN_MEMO_DIR
    from pipelines.publish.versions import CURRENT_FILE, current_version
    from pipelines.specs.disclosure import load_declaration

    settings = published.settings
    declaration = load_declaration()
    before = read_before(
        settings.published_dir / CURRENT_FILE,
        kept_truth(settings.home, current_version(settings.published_dir)),
        declaration,
    )
    before.earlier = read_earlier(settings.home, settings.published_dir, declaration)
    assert before.earlier, "the published version's relations, as the publication reads them"
    solved: list[str] = []

    def solve_serially(function, systems, *inputs):
        solved.extend(system.period for system in systems)
        return list(map(function, systems, *inputs))

    monkeypatch.setattr(pattern, "map_in_processes", solve_serially)
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{settings.warehouse_path}' AS {SOURCE} (READ_ONLY)")
        again = suppression_pattern(
            con, MARTS, before, declaration, PatternMemo(settings.home / PATTERN_MEMO_DIR)
        )
    assert solved == []
    rows = {
        tuple(r[:4]): r[4]
        for r in published.published(f"SELECT {KEY}, estado_confidencialidad FROM indicadores")
    }
    public = {"F": "F", "A": "C", "D": "C"}
    assert {tuple(r[:4]): public[r[4]] for r in again.row_status} == {
        key: rows[key] for key in (tuple(r[:4]) for r in again.row_status)
    }
