"""`siie-dbt`: dbt, started so that it dies with the process that started it.

dagster-dbt runs dbt as a child process. If that parent is killed outright (kill -9, the OOM
killer), an ordinary child goes on writing to the warehouse for seconds, holding its lock, and a
`siie run` started then fails. Linux's parent-death signal ends the child with its parent; it is
set here, then this process becomes dbt (exec keeps the setting). This module imports nothing
of SIIE's (it sits outside pipelines.transform, which loads dagster-dbt): the fewer milliseconds
before the signal is armed, the smaller the window in which the parent can die unnoticed.
"""

from __future__ import annotations

import os

PARENT = os.getppid()  # read first: a parent that dies later changes what getppid() answers

# Imported after PARENT on purpose: getppid() is read before anything else is loaded.
import ctypes  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != PARENT:  # the parent died before the signal was armed
            sys.exit("siie-dbt: el proceso que inició dbt ya terminó; dbt no se ejecuta")


def main() -> None:
    _die_with_parent()
    dbt = Path(sys.executable).with_name("dbt")
    os.execv(dbt, [str(dbt), *sys.argv[1:]])


if __name__ == "__main__":
    main()
