"""The GX file context of expectations/, opened lazily (importing GX takes seconds)."""

from __future__ import annotations

from functools import cache

from pipelines.config import EXPECTATIONS_DIR
from pipelines.quality.suite_files import BATCH_DEFINITION, DATASOURCE


@cache
def open_context():
    """The file context (analytics off, no Data Docs sites, no progress bars: see its config)."""
    import great_expectations as gx

    return gx.get_context(mode="file", context_root_dir=str(EXPECTATIONS_DIR))


def suite_and_batch_definition(name: str):
    context = open_context()
    asset = context.data_sources.get(DATASOURCE).get_asset(name)
    return context.suites.get(name), asset.get_batch_definition(BATCH_DEFINITION)
