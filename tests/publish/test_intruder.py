"""An intruder who reads every published channel — the confidentiality marks, which cells are
listed, the budget ratios, the manifest, the history — attacks the publication.

Each attack is written here again, apart from pipelines/publish and pipelines/audit: the primary
rule from the catalog's YAML, linear programs with SciPy (not HiGHS through the audit's code),
and the true values read straight from the working warehouse.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict

import numpy as np
import pyarrow.parquet as pq
import pytest
from scipy.optimize import linprog

from tests.publish.helpers import audit_and_publish

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LEVEL = 5
SMALL = 5  # a cell of 1 to 4 students is protected
CELL_KEY = "periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso"
MARGINS = {  # a programme's published magnitude = Σ of its fct_matricula cells matching
    ("MATRICULA_TOTAL", "valor"): {},
    ("PCT_MUJERES", "numerador"): {"sexo": "M"},
    ("NUEVO_INGRESO", "valor"): {"tipo_ingreso": "NUEVO_INGRESO"},
}


def test_every_hidden_figure_carries_one_public_mark(published):
    """No published table or Parquet file says which rule hid a figure."""
    folder = published.settings.published_dir / "current"
    for (table,) in published.published(
        "SELECT table_name FROM duckdb_columns() WHERE column_name = 'estado_confidencialidad'"
    ):
        marks = {
            m
            for (m,) in published.published(f"SELECT DISTINCT estado_confidencialidad FROM {table}")
        }
        # a target with no figure at all (PENDIENTE, SIN_DATO) has no mark either; at the
        # suite's tiny scale every fact cell may be hidden
        assert "C" in marks and marks - {None} <= {"F", "C"}, (table, marks)
        parquet = pq.read_table(folder / "parquet" / f"{table}.parquet")
        assert set(parquet.column("estado_confidencialidad").to_pylist()) == marks
    dictionary = (folder / "diccionario.md").read_text(encoding="utf-8")
    assert "`C`" in dictionary and "`A`" not in dictionary and "`D`" not in dictionary


def _true_cells(home) -> dict[tuple, float]:
    return {
        tuple(map(str, r[:-1])): float(r[-1])
        for r in home.query(f"SELECT {CELL_KEY}, alumnos FROM marts.fct_matricula")
    }


def _cell_bounds(hidden: list[tuple], margins: list[tuple[list[int], float]]) -> list[tuple]:
    """min and max of each hidden cell (≥ 1: only cells with students are listed) given the
    published margins, by SciPy's linear programming."""
    n = len(hidden)
    if not margins:
        return [(1.0, np.inf)] * n
    a_eq = np.zeros((len(margins), n))
    b_eq = np.zeros(len(margins))
    for row, (members, total) in enumerate(margins):
        a_eq[row, members] = 1.0
        b_eq[row] = total
    bounds = []
    for j in range(n):
        c = np.zeros(n)
        c[j] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=[(1, None)] * n, method="highs-ds")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=[(1, None)] * n, method="highs-ds")
        assert low.status == 0 and high.status in (0, 3), "lo publicado debe ser consistente"
        bounds.append((low.fun, np.inf if high.status == 3 else -high.fun))  # 3: unbounded
    return bounds


def test_listed_cells_being_nonempty_pins_no_small_cell(published):
    """A programme's published margins less its shown cells, with every hidden cell at least 1
    (the table lists only cells with students): no small cell narrower than the level."""
    truth = _true_cells(published)
    cells = defaultdict(list)
    for *key, alumnos in published.published(f"SELECT {CELL_KEY}, alumnos FROM fct_matricula"):
        cells[(key[0], key[2])].append((tuple(map(str, key)), alumnos))
    published_margins = {}
    for (clave, column), _ in MARGINS.items():
        for periodo, programa, figure in published.published(
            f"SELECT periodo, clave_ambito, {column} FROM indicadores "
            f"WHERE clave_indicador = '{clave}' AND ambito = 'PROGRAMA' AND {column} IS NOT NULL"
        ):
            published_margins[(periodo, programa, clave, column)] = float(figure)
    attacked = narrow = 0
    for (periodo, programa), members in cells.items():
        hidden = [key for key, value in members if value is None]
        if not any(truth[k] < SMALL for k in hidden):
            continue
        equations = []
        for (clave, column), condition in MARGINS.items():
            total = published_margins.get((periodo, programa, clave, column))
            if total is None:
                continue
            matching = [
                (key, value)
                for key, value in members
                if all(
                    dict(zip(CELL_KEY.split(", "), key, strict=True))[c] == v
                    for c, v in condition.items()
                )
            ]
            shown = sum(v for _, v in matching if v is not None)
            index = [hidden.index(k) for k, v in matching if v is None]
            equations.append((index, total - float(shown)))
        for key, (low, high) in zip(hidden, _cell_bounds(hidden, equations), strict=True):
            if truth[key] < SMALL:
                attacked += 1
                narrow += np.floor(high + 1e-6) - np.ceil(low - 1e-6) < LEVEL - 1e-6
    assert attacked > 20, "the sample must have small hidden cells to attack"
    assert narrow == 0


def test_the_budget_per_student_gives_away_no_hidden_enrollment(published):
    """GASTO_POR_ALUMNO's denominator is the mean of two periods' enrollment: where it is shown,
    both enrollments must be shown too, or the hidden one is 2 × mean − the shown one."""
    enrollment = {
        (p, a, c): v
        for p, a, c, v in published.published(
            "SELECT periodo, ambito, clave_ambito, valor FROM indicadores "
            "WHERE clave_indicador = 'MATRICULA_TOTAL'"
        )
    }
    shown_gasto = published.published(
        "SELECT periodo, ambito, clave_ambito, denominador FROM indicadores "
        "WHERE clave_indicador = 'GASTO_POR_ALUMNO' AND denominador IS NOT NULL"
    )
    assert shown_gasto, "the sample publishes the budget per student somewhere"
    recovered = []
    for year, ambito, clave, mean in shown_gasto:
        yy = int(year) % 100
        for period in (f"{yy:02d}/2", f"{(yy + 1) % 100:02d}/1"):
            key = (period, ambito, clave)
            if key in enrollment and enrollment[key] is None:
                recovered.append((key, 2 * float(mean)))
    assert recovered == []
    [(hidden,)] = published.published(
        "SELECT count(*) FROM indicadores WHERE clave_indicador = 'GASTO_POR_ALUMNO' "
        "AND estado_confidencialidad = 'C'"
    )
    assert hidden > 0, "somewhere the budget per student hides to protect an enrollment"


def test_the_manifest_says_how_many_cells_are_hidden_and_nothing_of_their_values(published):
    manifest = json.loads(
        (published.settings.published_dir / "current" / "manifest.json").read_text("utf-8")
    )
    disclosure = manifest["divulgacion"]
    assert set(disclosure) == {"segundos_supresion", "celdas_ocultas", "auditoria"}
    for family in disclosure["celdas_ocultas"]:
        assert set(family) == {"familia", "celdas", "ocultas"}
    assert set(disclosure["auditoria"]) == {"aprobada", "periodos", "versiones_auditadas_juntas"}
    [(table_text,)] = published.published("SELECT divulgacion FROM manifest")
    assert json.loads(table_text) == disclosure
    # the exact loss is kept for the auditors, beside the warehouse and not published
    internal = list((published.settings.home / "divulgacion" / "intentos").glob("*.json"))
    assert internal and "porcentaje_oculto" in internal[0].read_text("utf-8")
    hidden_per_family = {
        clave: float(total)
        for clave, total in published.query(
            """
            SELECT p.clave_indicador, sum(coalesce(w.denominador, w.valor))
            FROM marts.indicadores AS w JOIN (SELECT * FROM read_parquet(?)) AS p
                USING (clave_indicador, periodo, ambito, clave_ambito)
            WHERE p.suprimido GROUP BY ALL""",
            [str(published.settings.published_dir / "current" / "parquet" / "indicadores.parquet")],
        )
    }
    text = json.dumps(disclosure)
    assert not [c for c, total in hidden_per_family.items() if f"{total:g}" in text.split()]


def test_a_refused_version_names_no_cell_in_the_published_history(home, monkeypatch):
    """Primary suppression alone in the latest period (the solver replaced by 'hide only the small
    cells'; the other periods recalled as solved): the audit refuses, and the history analysts
    read says which check refused, never a cell or interval."""
    from pipelines.publish.disclosure import pattern

    [(latest,)] = home.query("SELECT max(periodo) FROM marts.fct_matricula")
    remembered = pattern.fingerprint

    def latest_forgotten(system, level, before):
        key = remembered(system, level, before)
        return f"olvidado-{key}" if system.period == latest else key

    def primary_only(system, level, before):
        return np.asarray(system.primary) | np.asarray(system.structural)

    monkeypatch.setattr(pattern, "fingerprint", latest_forgotten)
    monkeypatch.setattr(pattern, "map_in_processes", lambda f, *inputs: list(map(f, *inputs)))
    monkeypatch.setattr(pattern, "choose_hidden", primary_only)
    result = audit_and_publish(home, "ejecucion-rechazada")
    assert not result.publicada
    assert any("entre" in reason for reason in result.motivos)  # the console has the detail
    history = (home.settings.published_dir / "historial.jsonl").read_text("utf-8")
    [attempt] = [json.loads(line) for line in history.splitlines()]
    assert attempt["motivos"] and "auditoría de divulgación" in attempt["motivos"][0]
    programmes = {p for (p,) in home.query("SELECT cve_programa FROM marts.dim_programa")}
    assert not re.search(r"entre \d", history)
    assert not [p for p in programmes if p in history]
    internal = home.settings.home / "divulgacion" / "intentos" / "ejecucion-rechazada.json"
    assert "angostas" in internal.read_text("utf-8")


def test_unchanged_figures_keep_their_mark_and_two_versions_together_pin_nothing(
    published_home, tmp_path
):
    """A correction of one programme's enrollment, published as version 2 beside version 1: every
    figure whose true value did not change keeps its mark, and an intruder who holds both
    versions and knows what did not change pins no small cell of either by subtraction."""
    before = _all_figures(published_home)
    home = _correct_one_programme(published_home, tmp_path)
    result = audit_and_publish(home, "v2")
    assert result.publicada, result.motivos
    assert result.auditoria.versions == 2
    after = _all_figures(home)
    unchanged = [k for k in before if k in after and before[k][0] == after[k][0]]
    assert len(unchanged) > 100
    flipped = [k for k in unchanged if before[k][1] != after[k][1]]
    assert flipped == []
    changed = [k for k in before if k in after and before[k][0] != after[k][0]]
    assert changed, "the correction changed some figures"
    for version, other in ((before, after), (after, before)):
        known = {k: v[0] for k, v in version.items() if v[1] == "F"} | {
            k: other[k][0]
            for k in version
            if k in other and other[k][1] == "F" and other[k][0] == version[k][0]
        }
        assert _subtraction_leaks(home, version, known) == []


def _all_figures(home) -> dict[tuple, tuple]:
    """(indicator, period, ámbito, clave) → (its true figures, public mark, the count its rule
    protects: MAT for MATRICULA_TOTAL, the women for PCT_MUJERES) of the current version."""
    true = {
        tuple(r[:4]): (tuple(r[4:7]), r[7])
        for r in home.query(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, valor, numerador, "
            "denominador, coalesce(numerador, valor) FROM marts.indicadores "
            "WHERE clave_indicador IN ('MATRICULA_TOTAL', 'PCT_MUJERES')"
        )
    }
    marks = {
        tuple(r[:4]): r[4]
        for r in home.published(
            "SELECT clave_indicador, periodo, ambito, clave_ambito, estado_confidencialidad "
            "FROM indicadores WHERE clave_indicador IN ('MATRICULA_TOTAL', 'PCT_MUJERES')"
        )
    }
    return {k: (true[k][0], marks[k], true[k][1]) for k in marks}


def _subtraction_leaks(home, version: dict, known: dict) -> list:
    """A whole known and all but one of its programmes known: that one is pinned."""
    programs = {
        p: (u, n)
        for p, u, n in home.query("SELECT cve_programa, cve_unidad, nivel FROM marts.dim_programa")
    }
    parts = defaultdict(list)
    for key in version:
        clave, periodo, ambito, programa = key
        if ambito == "PROGRAMA" and programa in programs:
            unit, nivel = programs[programa]
            parts[(clave, periodo, "UNIDAD", unit)].append(key)
            parts[(clave, periodo, "NIVEL", nivel)].append(key)
    leaks = []
    for whole, members in parts.items():
        unknown = [m for m in members if m not in known]
        if whole in known and len(unknown) == 1 and 0 < (version[unknown[0]][2] or 0) < SMALL:
            leaks.append(unknown[0])
    return leaks


def _correct_one_programme(home, tmp_path):
    """A corrected extract, loaded and built for real: in a copy of landing, one student of a
    large programme moves to another programme of the same unit and level (the latest period, so
    nothing earlier reads it); ingestion replaces the file's rows and dbt rebuilds the marts."""
    from pipelines.ingest import load_landing
    from tests.quality.built import Home, _dbt_build, settings_at

    periodo, semestre, a, b = home.query("""
        SELECT m1.periodo, m1.semestre, m1.cve_programa, p2.cve_programa
        FROM marts.fct_matricula AS m1
        JOIN marts.dim_programa AS p1 ON p1.cve_programa = m1.cve_programa
        JOIN marts.dim_programa AS p2 ON p2.cve_unidad = p1.cve_unidad
            AND p2.nivel = p1.nivel AND p2.cve_programa <> p1.cve_programa
        WHERE m1.sexo = 'H' AND m1.tipo_ingreso = 'REINGRESO'
          AND m1.periodo = (SELECT max(periodo) FROM marts.fct_matricula)
        ORDER BY m1.alumnos DESC, m1.semestre, m1.cve_programa, p2.cve_programa
        LIMIT 1""")[0]
    [(archivo,)] = home.query(
        "SELECT DISTINCT _archivo FROM raw.matricula WHERE periodo = ?", [periodo]
    )
    landing = tmp_path / "landing_corregido"
    shutil.copytree(home.settings.landing_dir, landing)
    path = landing / "matricula" / pathlib_name(archivo)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = [h.strip().upper() for h in lines[0].split(",")]
    column = {name: i for i, name in enumerate(header)}
    for n, line in enumerate(lines[1:], start=1):
        fields = line.split(",")
        if (
            fields[column["CVE_PROGRAMA"]],
            fields[column["SEXO"]],
            fields[column["TIPO_INGRESO"]],
            fields[column["SEMESTRE"]],
        ) == (a, "H", "REINGRESO", str(semestre)):
            fields[column["CVE_PROGRAMA"]] = b
            lines[n] = ",".join(fields)
            break
    else:
        raise AssertionError("no student to move")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corrected = settings_at(home.settings.home.parent, landing=landing)
    load_landing(corrected)
    _dbt_build(corrected, tmp_path / "dbt")
    return Home(corrected)


def pathlib_name(archivo: str) -> str:
    return archivo.rsplit("/", 1)[-1]


ROLES = {
    "llave",
    "cifra",
    "marca",
    "derivada",
    "catalogo",
    "dinero",
    "anuies",
    "bitacora",
    "metadatos",
    "publicada",
    "plan",
}


def test_every_published_table_and_column_is_in_the_intruder_model(published):
    """A channel the declaration does not name is a channel the audit does not model."""
    import yaml

    from pipelines.core.config import PROJECT_ROOT

    channels = yaml.safe_load((PROJECT_ROOT / "models" / "divulgacion.yml").read_text("utf-8"))[
        "canales"
    ]
    published_columns = defaultdict(list)
    for table, column in published.published(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal "
        "AND schema_name = 'main'"
    ):
        published_columns[table].append(column)
    unaccounted = [
        (table, column)
        for table, columns in published_columns.items()
        for column in columns
        if column not in channels.get(table, {})
    ]
    assert unaccounted == []
    assert {role for columns in channels.values() for role in columns.values()} <= ROLES
