"""Batches: whole partitions packed up to a row budget; a partitioned run sees only its
partitions."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.quality.batches import pack
from pipelines.quality.registry import suite_spec
from pipelines.quality.run_partitions import partition_predicate

pytestmark = pytest.mark.unit


def test_partitions_are_packed_under_the_budget_and_never_split():
    sizes = [(("22/1",), 300), (("22/2",), 300), (("23/1",), 900), (("23/2",), 100)]
    batches = pack(sizes, "raw_matricula", max_rows=600)
    assert [b.partitions for b in batches] == [(("22/1",), ("22/2",)), (("23/1",),), (("23/2",),)]
    assert [b.rows for b in batches] == [600, 900, 100]


def test_a_school_run_validates_its_periods_and_a_budget_run_its_months():
    assert partition_predicate(suite_spec("raw_matricula"), None) is None
    school = partition_predicate(suite_spec("raw_matricula"), {"25/1"})
    assert school(("25/1",)) and not school(("25/2",))
    staff = partition_predicate(suite_spec("raw_plantilla"), {"25/1"})
    assert staff((date(2024, 10, 15),)) and not staff((date(2025, 3, 15),))
    budget = partition_predicate(suite_spec("raw_presupuesto"), {"2024-03"})
    assert budget((2024, 3)) and not budget((2024, 4))
    year = partition_predicate(suite_spec("presupuesto_devengado_acumulado"), {"2024-03"})
    assert year((2024,)) and not year((2023,))
