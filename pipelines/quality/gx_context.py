"""The GX file context of expectations/, opened lazily (importing GX takes seconds)."""

from __future__ import annotations

import contextlib
import threading
from functools import cache

from pipelines.core.config import EXPECTATIONS_DIR
from pipelines.quality.suite_files import BATCH_DEFINITION, DATASOURCE

_opening = threading.Lock()


def open_context():
    """The file context (analytics off, no Data Docs sites, no progress bars: see its config)."""
    with _opening:  # opened once, also when a background opening is under way
        return _open_context()


def open_context_in_background() -> None:
    """Start opening the context while the caller does other work (`siie run` loads files first):
    the first validation then finds it open. A failure here is left for that validation to raise."""

    def open_quietly() -> None:
        with contextlib.suppress(Exception):
            open_context()

    threading.Thread(target=open_quietly, name="abrir-contexto-gx", daemon=True).start()


@cache
def _open_context():
    import great_expectations as gx
    from great_expectations.execution_engine import pandas_execution_engine

    # GX fingerprints every pandas batch under 1 GB (pd.util.hash_pandas_object over every cell)
    # only to label it — a tenth of the raw gate at scale; the gate labels its batches itself.
    pandas_execution_engine.HASH_THRESHOLD = 0
    return gx.get_context(mode="file", context_root_dir=str(EXPECTATIONS_DIR))


def suite_and_batch_definition(name: str):
    context = open_context()
    asset = context.data_sources.get(DATASOURCE).get_asset(name)
    return context.suites.get(name), asset.get_batch_definition(BATCH_DEFINITION)
