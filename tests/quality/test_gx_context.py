"""The GX context opened in the background while `siie run` loads files is the one validations
use."""

from __future__ import annotations

import threading

import pytest

from pipelines.quality import gx_context

pytestmark = pytest.mark.integration


def test_a_background_opening_and_the_first_validation_share_one_context():
    gx_context._open_context.cache_clear()
    gx_context.open_context_in_background()
    [opener] = [t for t in threading.enumerate() if t.name == "abrir-contexto-gx"]
    # waits for the opening under way instead of starting another
    context = gx_context.open_context()
    opener.join(timeout=60)
    assert context is gx_context.open_context()
    assert gx_context._open_context.cache_info().misses == 1
    assert context.suites.get("raw_matricula") is not None
