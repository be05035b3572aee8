"""The gate and the publication make no network call (GX analytics off in the context itself)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pipelines.core.config import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCRIPT = """
import json, socket, sys
calls = []
def refuse(*args, **kwargs):
    calls.append(repr(args[1:] or args)[:200])
    raise OSError("sin red en esta prueba")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.getaddrinfo = refuse
socket.create_connection = refuse

from pipelines.core.config import load_settings
from pipelines.publish.publication import publish
from pipelines.quality.gate import run_gate

settings = load_settings()
gates = [run_gate(settings, gate, "sin-red") for gate in ("raw", "marts")]
result = publish(settings, "sin-red", gates)
print(json.dumps({"publicada": result.publicada, "llamadas": calls}))
"""


def test_gate_and_publication_run_with_the_network_cut(home):
    env = {k: v for k, v in os.environ.items() if k not in ("GX_ANALYTICS_ENABLED", "PYTHONPATH")}
    env.update(SIIE_HOME=str(home.settings.home), SIIE_LANDING_DIR=str(home.settings.landing_dir))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {"publicada": True, "llamadas": []}
