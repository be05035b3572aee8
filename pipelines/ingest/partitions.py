"""How the extracts are partitioned: by school period (discovered from the landed files) and,
for the budget, by month."""

from dagster import DynamicPartitionsDefinition, MonthlyPartitionsDefinition

from pipelines.ingest.partition_keys import FIRST_BUDGET_MONTH, MONTHLY_KINDS, SCHOOL_PERIOD_KINDS

school_periods = DynamicPartitionsDefinition(name="periodo_escolar")
budget_months = MonthlyPartitionsDefinition(
    start_date=FIRST_BUDGET_MONTH, fmt="%Y-%m", end_offset=1
)


def partitions_for(kind: str):
    if kind in SCHOOL_PERIOD_KINDS:
        return school_periods
    if kind in MONTHLY_KINDS:
        return budget_months
    return None
