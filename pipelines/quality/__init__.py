"""Quality gate: Great Expectations suites on raw and marts, wrapped as Dagster asset checks."""
