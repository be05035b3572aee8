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
from dataclasses import dataclass
from typing import TextIO

LOGGER = logging.getLogger("siie.progreso")
TRANSIENT = "siie_transitorio"  # a record that the next one replaces on screen


@dataclass
class StageEnd:
    """How a stage that ran to its end went: a check mark unless it says otherwise."""

    problem: str | None = None  # ends the stage with ⚠ and this reason
    nothing_done: bool = False  # a quiet stage that found nothing says nothing at all

    def warn(self, problem: str) -> None:
        self.problem = problem

    def skip(self) -> None:
        self.nothing_done = True


_unannounced: list[str] = []  # quiet stages whose ▶ line waits for their first line of progress


def _announce() -> None:
    while _unannounced:
        LOGGER.info("▶ %s", _unannounced.pop(0))


@contextmanager
def stage(title: str, quiet: bool = False) -> Iterator[StageEnd]:
    """▶ title … ✓ title (s). `quiet`: its ▶ line waits for its first note or counter, and a
    stage that then calls `skip()` without having said anything leaves no line."""
    started, end = time.monotonic(), StageEnd()
    if quiet:
        _unannounced.append(title)
    else:
        _announce()
        LOGGER.info("▶ %s", title)
    try:
        yield end
    except BaseException:
        _announce()
        LOGGER.info("✗ %s: falló tras %.1f s", title, time.monotonic() - started)
        raise
    if end.nothing_done and title in _unannounced:
        _unannounced.remove(title)
        return
    _announce()
    seconds = time.monotonic() - started
    if end.problem:
        LOGGER.info("⚠ %s: %s (%.1f s)", title, end.problem, seconds)
    else:
        LOGGER.info("✓ %s (%.1f s)", title, seconds)


def note(message: str) -> None:
    _announce()
    LOGGER.info("    %s", message)


def counter(message: str) -> None:
    _announce()
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


class LogProgress(logging.Handler):
    """Writes the stage lines to a run's log, beside dbt's output (counters, which a terminal
    overwrites, are left out)."""

    def __init__(self, stream: TextIO):
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, TRANSIENT, False):
            self.stream.write(record.getMessage() + "\n")
            self.stream.flush()


@contextmanager
def logged_to(stream: TextIO) -> Iterator[None]:
    """The stage lines also go to `stream` while the block runs."""
    handler = LogProgress(stream)
    LOGGER.addHandler(handler)
    if LOGGER.level == logging.NOTSET or LOGGER.level > logging.INFO:
        LOGGER.setLevel(logging.INFO)
    try:
        yield
    finally:
        LOGGER.removeHandler(handler)
