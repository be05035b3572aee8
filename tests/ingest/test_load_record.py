"""One record per attempt at a file: what the ingestion run reports of each file is what its line
in raw.cargas says (read back from the real DuckDB file), for every outcome."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.ingest.landing import load_landing
from pipelines.ingest.load_record import REPORTED
from pipelines.specs.load_log import CARGAS_COLUMNS
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = pytest.mark.integration

SHARED = [name for name in REPORTED if name != "motivos"]


def test_what_a_run_reports_of_each_file_is_its_line_in_the_load_log(settings):
    folder = settings.landing_for("matricula")
    write_extract(folder / "bueno.csv", valid_rows("matricula", 40, periodo="24/2"))
    some_bad = valid_rows("matricula", 40)
    some_bad[3]["sexo"] = "?"
    write_extract(folder / "con_rechazo.csv", some_bad)
    write_extract(folder / "rechazado.csv", valid_rows("matricula", 10, periodo="25/2", sexo="?"))
    write_extract(
        folder / "dos_periodos.csv",
        valid_rows("matricula", 5, periodo="23/1") + valid_rows("matricula", 5, periodo="23/2"),
    )

    reported = {r.archivo: r.reported() for r in load_landing(settings, ("matricula",))}
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        names = ", ".join(SHARED)
        lines = {
            row[1]: dict(zip(SHARED, row, strict=True))
            for row in con.execute(f"SELECT {names} FROM raw.cargas").fetchall()
        }
        reasons = dict(
            con.execute("SELECT archivo, count(*) FROM raw.rechazos GROUP BY archivo").fetchall()
        )

    assert {r["estado"] for r in reported.values()} == {"CARGADO", "RECHAZADO", "ERROR"}
    assert set(reported) == set(lines)
    for name, result in reported.items():
        assert list(result) == list(REPORTED)
        assert {k: v for k, v in result.items() if k != "motivos"} == lines[name]
        assert sum(result["motivos"].values()) == reasons.get(name, 0)
    assert set(SHARED) <= {name for name, _ in CARGAS_COLUMNS}
