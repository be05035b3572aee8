"""Which partition a landed file belongs to, read from its period columns alone."""

from __future__ import annotations

import pytest

from pipelines.ingest.discovery import file_partition
from tests.ingest.extracts import valid_rows, write_extract

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_period_of_a_csv_in_any_encoding_and_header_spelling(settings, encoding):
    rows = valid_rows("matricula", 5, periodo="24/2")
    header = [" Período " if c == "periodo" else c.upper() for c in rows[0]]
    path = write_extract(
        settings.landing_for("matricula") / "m.csv", rows, encoding=encoding, header=header
    )
    assert file_partition(path, "matricula") == "24/2"


def test_staff_and_budget_partitions(settings):
    plantilla = write_extract(
        settings.landing_for("plantilla") / "p.csv", valid_rows("plantilla", 3)
    )
    presupuesto = write_extract(
        settings.landing_for("presupuesto") / "b.csv", valid_rows("presupuesto", 3)
    )
    assert file_partition(plantilla, "plantilla") == "25/1"  # fecha_corte 2024-10-15
    assert file_partition(presupuesto, "presupuesto") == "2024-03"


def test_no_partition_for_an_empty_file_a_missing_column_or_two_periods(settings):
    folder = settings.landing_for("matricula")
    folder.mkdir(parents=True)
    (folder / "vacio.csv").write_bytes(b"")
    sin_periodo = write_extract(
        folder / "s.csv",
        [{k: v for k, v in r.items() if k != "periodo"} for r in valid_rows("matricula", 3)],
    )
    dos = write_extract(
        folder / "d.csv", valid_rows("matricula", 2) + valid_rows("matricula", 2, periodo="25/2")
    )
    assert [file_partition(p, "matricula") for p in (folder / "vacio.csv", sin_periodo, dos)] == [
        None,
        None,
        None,
    ]
