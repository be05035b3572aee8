"""Malformed files of every class the robustness review found, written into a landing folder
beside a good sample, and a scan for identifiers in everything a run leaves behind."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from tests.ingest.extracts import valid_rows, write_extract
from tests.ingest.test_bad_files import CASES as WHOLE_FILE_CASES
from tests.ingest.test_fault_injection import BOLETA_2, CASES, CURP_2, PLANTED, _kind
from tests.ingest.test_pii import all_text_in_warehouse

BOLETA_FORM = re.compile(r"(?<![0-9])[0-9]{10}(?![0-9])")
# Row-level cases load their good rows: each gets a period of its own, before the sample's (the
# moved students are born in 1999, old enough for them), so that it adds a period instead of
# replacing one.
OWN_PERIODS = {
    "matricula": ["20/1", "20/2", "21/1", "21/2", "19/2", "19/1", "18/2", "18/1", "17/2", "17/1"],
    "plantilla": ["2019-10-15", "2020-10-15", "2021-03-15", "2018-10-15"],
    "presupuesto": ["2019,3,"],
}
# a good file named after a student, as raw.cargas must name it (masked, found by its sha256)
NAMED_AFTER_A_STUDENT = (f"zz_baja_{BOLETA_2}_{CURP_2}.csv", "16/2")
NAMED_AS_RECORDED = "matricula/zz_baja_97********_ZU****************.csv"


def _moved(text: str, kind: str, number: int) -> str:
    period = OWN_PERIODS[kind][number]
    if kind == "matricula":
        text = text.replace("2005-01-01", "1999-01-01")
        return re.sub(r"(?m)(^|\r)25/1,", rf"\g<1>{period},", text)
    if kind == "presupuesto":
        return re.sub(r"(?m)^2024,3,", period, text)
    return text.replace("2024-10-15", period)


def write_malformed_files(landing: Path) -> list[str]:
    """Every malformed file, as `kind/name` the way raw.cargas names them."""
    written, numbers = [], {"matricula": 0, "plantilla": 0, "presupuesto": 0}
    for case, (builder, _, _) in CASES.items():
        kind = _kind(builder)
        path = landing / kind / f"zz_{case}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_moved(builder(), kind, numbers[kind]).encode("utf-8"))
        numbers[kind] += 1
        written.append(f"{kind}/{path.name}")
    for case, (name, content, _) in WHOLE_FILE_CASES.items():
        path = landing / "matricula" / f"zz_{case}_{name}"
        path.write_bytes(content)
        written.append(f"matricula/{path.name}")
    name, period = NAMED_AFTER_A_STUDENT
    rows = valid_rows("matricula", 30, periodo=period, fecha_nacimiento="1999-01-01")
    write_extract(landing / "matricula" / name, rows)
    written.append(NAMED_AS_RECORDED)
    return written + write_odd_entries(landing)


def write_odd_entries(landing: Path) -> list[str]:
    """Entries that are not plain files with UTF-8 names, and a budget file for a year before
    the first partition, as raw.cargas names them."""
    folder = landing / "matricula"
    Path(os.fsdecode(bytes(folder) + b"/zz_a\xf1o.csv")).write_bytes(
        b"sin encabezado\n"
    )  # Latin-1 name
    (folder / "zz_roto.csv").symlink_to(folder / "zz_no_existe.csv")
    (folder / "zz_ciclo.csv").symlink_to(folder / "zz_ciclo.csv")
    (folder / "zz_carpeta.csv").mkdir()
    write_extract(
        landing / "presupuesto" / "zz_2012.csv", valid_rows("presupuesto", 10, ejercicio="2012")
    )
    names = ["zz_a\\xf1o.csv", "zz_roto.csv", "zz_ciclo.csv", "zz_carpeta.csv"]
    return [f"matricula/{name}" for name in names] + ["presupuesto/zz_2012.csv"]


def texts_left_behind(home: Path, dagster_home: Path, printed: str) -> dict[str, str]:
    """Every place a run writes text: databases (through SQL: they compress), report and log
    files, caches (dbt's target and log, solved patterns), Dagster's storage (SQLite event logs,
    compute logs), and what it printed."""
    found = {"salida": printed}
    for database in [home / "warehouse.duckdb", *home.glob("published/v*/*.duckdb")]:
        found[str(database)] = "\n".join(all_text_in_warehouse(database))
    for parquet in home.rglob("*.parquet"):
        with duckdb.connect() as con:
            found[str(parquet)] = "\n".join(
                map(str, con.execute(f"SELECT * FROM '{parquet}'").fetchall())
            )
    for folder in (
        home / "reports",
        home / "logs",
        home / "published",
        home / "cache",
        dagster_home,
    ):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in (".duckdb", ".parquet", ".wal"):
                found[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    return found


def leaked_identifiers(texts: dict[str, str], landed_boletas: set[str]) -> dict[str, list[str]]:
    """The planted identifiers found anywhere, and any boleta of the landed files found as a
    number."""
    leaks = {}
    for place, text in texts.items():
        hits = [i for i in PLANTED if i in text] + sorted(
            set(BOLETA_FORM.findall(text)) & landed_boletas
        )
        if hits:
            leaks[place] = hits
    return leaks


def landed_boletas(landing: Path) -> set[str]:
    found: set[str] = set()
    for kind in ("matricula", "trayectoria"):
        for path in (landing / kind).glob("*.csv"):
            if not path.is_file():  # the broken link, the loop, the folder of write_odd_entries
                continue
            found |= set(BOLETA_FORM.findall(path.read_bytes().decode("latin-1")))
    return found
