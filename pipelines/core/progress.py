"""What `siie run` shows while it works: a line when each stage starts and when it ends, and a
counter that updates in place (files loaded, dbt models built).

Stages report through the standard logger `siie.progreso`; `siie run` listens on a terminal only
(`TerminalProgress`), so runs from the UI, the daemon, cron or CI print nothing extra.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

LOGGER = logging.getLogger("siie.progreso")
TRANSIENT = "siie_transitorio"  # a record that the next one replaces on screen


@contextmanager
def stage(title: str) -> Iterator[None]:
    started = time.monotonic()
    LOGGER.info("▶ %s", title)
    try:
        yield
    except BaseException:
        LOGGER.info("✗ %s: falló tras %.1f s", title, time.monotonic() - started)
        raise
    LOGGER.info("✓ %s (%.1f s)", title, time.monotonic() - started)


def note(message: str) -> None:
    LOGGER.info("    %s", message)


def counter(message: str) -> None:
    LOGGER.info("    %s", message, extra={TRANSIENT: True})


class TerminalProgress(logging.Handler):
    """Writes progress to a terminal; a counter line is overwritten by the next line."""

    def __init__(self, stream: TextIO):
        super().__init__(logging.INFO)
        self.stream = stream
        self.pending = False  # the last line written is a counter

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if self.pending:
            self.stream.write("\r\033[K")
        if getattr(record, TRANSIENT, False):
            self.stream.write(text)
            self.pending = True
        else:
            self.stream.write(text + "\n")
            self.pending = False
        self.stream.flush()


@contextmanager
def shown_on(stream: TextIO) -> Iterator[None]:
    """Progress on `stream` while the block runs, if it is a terminal."""
    if not stream.isatty():
        yield
        return
    handler = TerminalProgress(stream)
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    previous, LOGGER.propagate = LOGGER.propagate, False
    try:
        yield
    finally:
        LOGGER.removeHandler(handler)
        LOGGER.propagate = previous
        if handler.pending:
            stream.write("\n")
