"""The interactive `siie sql` driven through a real pseudo-terminal, as an analyst types: Ctrl-C
drops the line being typed or cancels a running query, and the session goes on."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest

from pipelines.core.config import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

WIDE_DESCRIPTION = (
    "Control de divulgación de la versión (JSON): "
    "segundos de la supresión, celdas ocultas por familia"
)
SLOW = "SELECT count(*) FROM range(100000000000) t(x) WHERE x % 7 = 3;\n"


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Terminal:
    def __init__(self, env: dict, ctrl_c_ignored: bool = False):
        """`siie sql` on a new pseudo-terminal; `ctrl_c_ignored`: started the way a background job
        or nohup starts it, with SIGINT ignored (a process inherits that)."""
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", "sql"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=PROJECT_ROOT,
            start_new_session=True,
            preexec_fn=_ignore_ctrl_c if ctrl_c_ignored else None,
        )
        os.close(slave)
        self.seen = ""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait_for(self, text: str, timeout: float = 60, after: int = 0) -> str:
        """Wait until `text` shows up (past position `after` of what was seen)."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[after:]:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {text!r}; saw:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode(errors="replace")
                except OSError:
                    break
        return self.seen

    def interrupt(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)  # what the terminal does on Ctrl-C

    def interrupt_until(self, text: str, tries: int = 3, timeout: float = 20) -> None:
        """Ctrl-C until `text` shows up, as a person presses it again: on a machine loaded by other
        tests a first Ctrl-C can land before the shell has started the query or readline waits
        for keys, where Python only acts on it at the next key or signal. Each try waits
        `timeout` seconds; the session must still go on after."""
        start = len(self.seen)
        for attempt in range(tries):
            self.interrupt()
            try:
                self.wait_for(text, timeout=timeout, after=start)
                return
            except AssertionError:
                if attempt == tries - 1:
                    raise


def test_ctrl_c_cancels_the_line_and_the_query_but_not_the_session(published, tmp_path):
    """Even when the shell was started with Ctrl-C ignored (from a background job: the whole
    suite run that way once failed here), at the prompt and during a query."""
    env = {**os.environ, "SIIE_HOME": str(published.settings.home), "COLUMNS": "160"}
    terminal = Terminal(env, ctrl_c_ignored=True)
    try:
        terminal.wait_for("siie> ")
        terminal.type("SELECT 'a medias'")
        terminal.wait_for("'a medias'")
        # A signal that lands before readline waits for keys is only seen at the next key (or the
        # next signal): on a loaded machine readline can start later than half a second after the
        # echo, so Ctrl-C is pressed again, as a person would. Both are seen as one.
        time.sleep(0.5)
        terminal.interrupt_until("(cancelado; .salir o Ctrl-D para terminar)", tries=4, timeout=5)
        # Type only once readline shows the next prompt: typed earlier, the line is echoed by the
        # terminal before readline reads it, and a Ctrl-C then cancels the line, not the query.
        terminal.wait_for("siie> ", after=terminal.seen.rindex("(cancelado;"))
        terminal.type(SLOW)
        terminal.wait_for("% 7 = 3;", after=terminal.seen.rindex("siie> "))
        time.sleep(2)  # the query is running
        terminal.interrupt_until("Consulta cancelada (Ctrl-C).")
        terminal.type("SELECT 40 + 2 AS respuesta;\n")
        terminal.wait_for("respuesta")
        terminal.wait_for("42")
        terminal.type(".columnas manifest\n")
        terminal.wait_for("divulgacion")
        terminal.wait_for(WIDE_DESCRIPTION)  # on one line: the terminal's width, not 80 columns
        terminal.type(".columnas manifiesto\n")
        terminal.wait_for("¿Quiso decir manifest?")
        terminal.type(".salir\n")
        assert terminal.process.wait(timeout=30) == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
        os.close(terminal.master)
    assert "Traceback" not in terminal.seen


CROSS_JOIN = (
    "SELECT count(*) FROM fct_matricula AS a, fct_matricula AS b, fct_matricula AS c "
    "WHERE a.cve_programa || b.cve_programa || c.cve_programa = 'x';\n"
)  # a condition DuckDB cannot decide from the columns' statistics: it must try every triple


def test_ctrl_c_cancels_a_query_busy_in_one_long_operator(published):
    """A three-way cross join keeps DuckDB in one operator for hours: Ctrl-C still stops it (the
    shell asks DuckDB to interrupt the query), and the session goes on."""
    env = {**os.environ, "SIIE_HOME": str(published.settings.home), "COLUMNS": "160"}
    terminal = Terminal(env)
    try:
        terminal.wait_for("siie> ")
        terminal.type(CROSS_JOIN)
        terminal.wait_for("= 'x';", after=terminal.seen.rindex("siie> "))
        time.sleep(2)  # the query is running
        terminal.interrupt_until("Consulta cancelada (Ctrl-C).")
        terminal.type("SELECT 40 + 2 AS respuesta;\n")
        terminal.wait_for("42", after=terminal.seen.index("Consulta cancelada"))
        terminal.type(".salir\n")
        assert terminal.process.wait(timeout=30) == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
        os.close(terminal.master)
    assert "Traceback" not in terminal.seen
