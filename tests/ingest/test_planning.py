"""The planner reads a file's content once: its period is remembered by sha256 (and the contract
that read it), and `siie run`'s loads take the planner's read instead of reading again.

The reads are counted with a wrapper around the real reader, put where the planner and the loader
call it: a plan or a load that read a file again would be counted."""

from __future__ import annotations

import dataclasses
import json
import shutil

import duckdb
import polars as pl
import pytest

from pipelines.core.config import load_settings
from pipelines.ingest import discovery, kept_reads, loader
from pipelines.ingest.landing import load_landing
from pipelines.ingest.plan_cache import FILE_NAME, fingerprint
from pipelines.ingest.planning import plan_ingestion
from pipelines.specs.catalogs import Catalogs, read_catalogs
from pipelines.specs.contracts import load_contract
from tests.conftest import TEST_KEY
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = pytest.mark.integration


def _counting(monkeypatch, module) -> list[str]:
    """The names of the files `module` reads (through the real reader)."""
    names: list[str] = []
    real = module.read_extract

    def read_extract(path, contract, data=None):
        names.append(path.name)
        return real(path, contract, data)

    monkeypatch.setattr(module, "read_extract", read_extract)
    return names


@pytest.fixture
def planner_reads(monkeypatch) -> list[str]:
    return _counting(monkeypatch, discovery)


@pytest.fixture
def loader_reads(monkeypatch) -> list[str]:
    return _counting(monkeypatch, loader)


@pytest.fixture(autouse=True)
def _nothing_kept():
    yield
    kept_reads.forget()


def _landing(settings) -> None:
    write_extract(
        settings.landing_for("matricula") / "m_24-2.csv",
        valid_rows("matricula", 30, periodo="24/2"),
    )
    write_extract(settings.landing_for("matricula") / "m_25-1.csv", valid_rows("matricula", 30))
    write_extract(
        settings.landing_for("matricula") / "dos_periodos.csv",
        valid_rows("matricula", 5) + valid_rows("matricula", 5, periodo="25/2"),
    )
    write_extract(settings.landing_for("trayectoria") / "t.csv", valid_rows("trayectoria", 20))
    write_extract(settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 20))
    write_extract(settings.landing_for("presupuesto") / "b.csv", valid_rows("presupuesto", 20))


def _assignment(plan) -> list[tuple]:
    return sorted((f.kind, f.path.name, f.sha256, f.partition, f.why) for f in plan.files) + [
        (sorted(plan.school_periods), sorted(plan.budget_months), plan.yearbook)
    ]


def _cache(settings) -> dict:
    return json.loads((settings.home / "cache" / FILE_NAME).read_text())


def test_a_second_plan_of_an_unchanged_landing_reads_no_file(settings, planner_reads):
    _landing(settings)

    first = plan_ingestion(settings)
    read_first = sorted(planner_reads)
    planner_reads.clear()
    second = plan_ingestion(settings)

    assert read_first == sorted(
        ["m_24-2.csv", "m_25-1.csv", "dos_periodos.csv", "t.csv", "p.csv", "b.csv"]
    )
    assert planner_reads == [] and (first.files_read, second.files_read) == (6, 0)
    assert _assignment(second) == _assignment(first)
    assert first.school_periods == {"24/2", "25/1"} and first.budget_months == {"2024-03"}
    [unplanned] = first.unassigned["matricula"]
    assert (unplanned.path.name, unplanned.why) == ("dos_periodos.csv", "no_se_pudo_revisar")


def test_the_cache_holds_partitions_and_codes_only(settings):
    _landing(settings)
    plan_ingestion(settings)
    entries = _cache(settings)["archivos"]
    assert len(entries) == 6
    for key, entry in entries.items():
        kind, file_format, sha256 = key.split(":")
        assert kind in ("matricula", "trayectoria", "plantilla", "presupuesto")
        assert (file_format, len(sha256)) == ("csv", 64)
        assert set(entry) == {"huella", "particion", "motivo"}
        assert entry["particion"] in ("24/2", "25/1", "2024-03", None)
        assert entry["motivo"] in (None, "no_se_pudo_revisar")


def test_a_changed_file_under_the_same_name_is_planned_again(settings, planner_reads):
    path = write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    assert plan_ingestion(settings).school_periods == {"25/1"}

    write_extract(path, valid_rows("matricula", 30, periodo="25/2"))  # corrected in place
    planner_reads.clear()
    plan = plan_ingestion(settings)

    assert planner_reads == ["m.csv"] and plan.school_periods == {"25/2"}


def test_a_cache_entry_written_under_another_contract_is_ignored(settings, planner_reads):
    write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    plan_ingestion(settings)
    path = settings.home / "cache" / FILE_NAME
    cache = _cache(settings)
    [entry] = cache["archivos"].values()

    entry["particion"] = "99/1"  # the same entry, as if the file had said so
    path.write_text(json.dumps(cache))
    planner_reads.clear()
    assert plan_ingestion(settings).school_periods == {"99/1"} and planner_reads == []

    entry["huella"] = "0" * 32  # ... but under another contract
    path.write_text(json.dumps(cache))
    assert plan_ingestion(settings).school_periods == {"25/1"} and planner_reads == ["m.csv"]


def test_the_fingerprint_follows_the_contract_and_the_catalogs():
    contract, catalogs = load_contract("matricula"), read_catalogs()
    other_contract = dataclasses.replace(contract, key=("boleta",))
    fewer_units = Catalogs(
        {**catalogs.tables, "cat_unidades": catalogs.tables["cat_unidades"].head(3)}
    )
    prints = {
        fingerprint(contract, catalogs),
        fingerprint(other_contract, catalogs),
        fingerprint(contract, fewer_units),
        fingerprint(load_contract("trayectoria"), catalogs),
    }
    assert len(prints) == 4 and fingerprint(contract, read_catalogs()) in prints


def _rows_for_every_outcome(settings) -> None:
    folder = settings.landing_for("matricula")
    write_extract(folder / "bueno.csv", valid_rows("matricula", 40, periodo="24/2"))
    some_bad = valid_rows("matricula", 40)
    some_bad[3]["sexo"] = "?"  # one row rejected, the file loaded
    write_extract(folder / "con_rechazo.csv", some_bad)
    write_extract(folder / "rechazado.csv", valid_rows("matricula", 10, periodo="25/2", sexo="?"))
    write_extract(
        folder / "dos_periodos.csv",
        valid_rows("matricula", 5, periodo="23/1") + valid_rows("matricula", 5, periodo="23/2"),
    )
    write_extract(settings.landing_for("trayectoria") / "t.csv", valid_rows("trayectoria", 20))
    write_extract(settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 20))
    budget = pl.DataFrame(valid_rows("presupuesto", 20)).with_columns(
        pl.col("ejercicio", "mes", "capitulo", "concepto", "partida").cast(pl.Int64)
    )
    settings.landing_for("presupuesto").mkdir(parents=True)
    budget.write_excel(settings.landing_for("presupuesto") / "b.xlsx")


def _stored(settings) -> dict[str, list[tuple]]:
    every_load = "EXCLUDE (carga_id, iniciado_en, terminado_en)"
    # An error names the file by its full path: the landing folder is written LANDING.
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return {
            table: sorted(
                str(row).replace(str(settings.landing_dir), "LANDING")
                for row in con.execute(f"SELECT * {exclude} FROM raw.{table}").fetchall()
            )
            for table, exclude in {
                "cargas": every_load,
                "rechazos": "EXCLUDE (carga_id)",
                "matricula": "EXCLUDE (_carga_id, _cargado_en)",
                "trayectoria": "EXCLUDE (_carga_id, _cargado_en)",
                "plantilla": "EXCLUDE (_carga_id, _cargado_en)",
                "presupuesto": "EXCLUDE (_carga_id, _cargado_en)",
            }.items()
        }


def test_a_load_after_the_plan_takes_its_reads_and_stores_the_same(tmp_path, loader_reads):
    homes = {}
    for name in ("reads_kept", "read_again"):
        homes[name] = load_settings(
            {
                "SIIE_HOME": str(tmp_path / name / "home"),
                "SIIE_LANDING_DIR": str(tmp_path / name / "landing"),
                "SIIE_PSEUDONYM_KEY": TEST_KEY,
            }
        )
    _rows_for_every_outcome(homes["reads_kept"])  # the same bytes in both (xlsx holds a date)
    shutil.copytree(homes["reads_kept"].landing_dir, homes["read_again"].landing_dir)

    plan = plan_ingestion(homes["reads_kept"], keep_reads=True)
    assert kept_reads.held() == 6  # every file with a period; not the one with two
    load_landing(homes["reads_kept"])
    assert loader_reads == ["dos_periodos.csv"] and kept_reads.held() == 0
    loader_reads.clear()
    load_landing(homes["read_again"])

    assert len(loader_reads) == len(plan.files) == 7
    assert _stored(homes["reads_kept"]) == _stored(homes["read_again"])
    with duckdb.connect(str(homes["reads_kept"].warehouse_path), read_only=True) as con:
        states = dict(con.execute("SELECT archivo, estado FROM raw.cargas").fetchall())
    assert states == {
        "matricula/bueno.csv": "CARGADO",
        "matricula/con_rechazo.csv": "CARGADO",
        "matricula/rechazado.csv": "RECHAZADO",
        "matricula/dos_periodos.csv": "ERROR",
        "trayectoria/t.csv": "CARGADO",
        "plantilla/p.csv": "CARGADO",
        "presupuesto/b.xlsx": "CARGADO",
    }


def test_a_kept_read_is_not_used_for_other_bytes(settings, loader_reads):
    path = write_extract(settings.landing_for("matricula") / "m.csv", valid_rows("matricula", 30))
    plan_ingestion(settings, keep_reads=True)
    write_extract(path, valid_rows("matricula", 30, periodo="25/2"))  # replaced after the plan

    [result] = load_landing(settings, ("matricula",))

    assert loader_reads == ["m.csv"] and result.periodo == "25/2"


def test_only_the_files_of_the_chosen_periods_are_kept(settings):
    _landing(settings)
    plan = plan_ingestion(settings, only_periods={"24/2"}, keep_reads=True)
    assert [f.path.name for f in plan.files] == ["m_24-2.csv"] and kept_reads.held() == 1
