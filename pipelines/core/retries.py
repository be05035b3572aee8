"""The retry policy of steps that write the working DuckDB file.

Errors about the data are logged, not raised; what a writing step raises is most often the file
being locked for a moment by another process (a `siie run` beside the daemon's runs).
"""

from dagster import Backoff, RetryPolicy

TRANSIENT_RETRIES = RetryPolicy(max_retries=3, delay=5, backoff=Backoff.EXPONENTIAL)
