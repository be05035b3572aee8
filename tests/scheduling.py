"""How `make test` shares the suite between its two workers (`pytest -n 2 --dist loadgroup`).

xdist's own schedulers either split a module's tests between workers (`load`, `loadgroup`, each
then building the module's fixtures) or keep each file whole but queue the files with the most
tests first and give a worker a new file while it still has two tests to go (`loadfile`): the
slow modules, which have few tests, came last, two or three of them waiting on one worker while
the other had nothing left. This one:

- keeps a file on one worker, and the files of one `xdist_group` together (the modules that read
  one session fixture built in the test process, so it is built once);
- sends first the modules marked `slow` (their `pytestmark`), then the rest in collection order;
- gives a worker its next file only when it is down to its last test, so that at the end neither
  worker holds files the other could run.
"""

from __future__ import annotations

import pytest


def _is_slow_module(item: pytest.Item) -> bool:
    marks = getattr(item.module, "pytestmark", []) if item.module else []
    marks = marks if isinstance(marks, list) else [marks]
    return any(mark.name == "slow" for mark in marks)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every worker collects the same order: the slow modules first (a module stays whole)."""
    items.sort(key=lambda item: not _is_slow_module(item))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler.loadscope import LoadScopeScheduling

    class FileOrGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):
                return nodeid.split("@")[-1]
            return nodeid.split("::", 1)[0]

        def _reschedule(self, node) -> None:
            # xdist's worker runs a test only once it knows the next one, so one must wait.
            if not node.shutting_down and self.workqueue:
                if self._pending_of(self.assigned_work[node]) > 1:
                    return
            super()._reschedule(node)

    config.option.loadscopereorder = False
    return FileOrGroupScheduling(config, log)
