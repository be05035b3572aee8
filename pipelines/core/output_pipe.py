"""Print to standard output that may be a pipe closed early (`siie explicar … | head`)."""

from __future__ import annotations

import os
import sys


def print_to_pipe(text: str) -> int:
    """Print `text`; when the reader of the pipe has gone, stop quietly, as `cat` does: no
    traceback, exit status 0 (the reader had what it wanted)."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit and would complain a second time: point it at
        # /dev/null first (the recipe of the Python documentation, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
