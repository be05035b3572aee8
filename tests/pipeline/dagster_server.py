"""A Dagster server the UI tests talk to: started on a free loopback port in its own process
group, waited for until its GraphQL API answers, and stopped by that group's id."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from pipelines.core.config import PROJECT_ROOT
from tests.processes import ctrl_c_as_in_a_terminal

STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.load(response)
    assert "errors" not in payload, payload
    return payload["data"]


@contextlib.contextmanager
def dagster_server(
    command: list[str], env: dict[str, str], log_path: Path, ready: Callable[[int], bool]
) -> Iterator[int]:
    """Serve `command` (an executable of the virtualenv and its arguments, without host and port)
    from the project's folder; yield its port once `ready(port)` holds."""
    port = free_port()
    executable = str(Path(sys.executable).parent / command[0])
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [executable, *command[1:], "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=ctrl_c_as_in_a_terminal,
        )
        try:
            _wait_until_serving(port, server, log_path, ready, command[0])
            yield port
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)


def _wait_until_serving(
    port: int, server: subprocess.Popen, log: Path, ready: Callable[[int], bool], name: str
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"{name} exited: {log.read_text()[-3000:]}"
        try:
            if ready(port):
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(
        f"{name} did not serve within {STARTUP_SECONDS}s: {log.read_text()[-3000:]}"
    )
