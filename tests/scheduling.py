"""How `make test` shares the suite between its two workers (`pytest -n 2 --dist loadgroup`).

xdist's own schedulers either split a module's tests between workers (`load`, `loadgroup`, each
then building the module's fixtures) or keep each file whole but queue the files with the most
tests first and give a worker a new file while it still has two tests to go (`loadfile`): the
slow modules, which have few tests, came last, two or three of them waiting on one worker while
the other had nothing left. This one:

- keeps a file on one worker, and the files of one `xdist_group` together (the modules that read
  one session fixture built in the test process, so it is built once);
- sends first one module marked `slow` (their `pytestmark`), then the `unit` modules and the
  others that need no shared warehouse (the other worker runs them while the first builds it),
  then the other slow modules, then the rest, each group in collection order;
- gives a worker its next file only when it is down to its last test, so that at the end neither
  worker holds files the other could run.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest


def _module(item: pytest.Item):
    return getattr(item, "module", None)


def _module_marks(item: pytest.Item) -> set[str]:
    marks = getattr(_module(item), "pytestmark", [])
    return {mark.name for mark in (marks if isinstance(marks, list) else [marks])}


SHARED_WAREHOUSE = "base"  # the fixture that builds it (tests/built_warehouse.py)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every worker collects the same order (a module stays whole): one slow module, then the unit
    modules, then the modules that need no shared warehouse, then the other slow ones, then the
    rest. The first worker's first module builds the shared warehouse and publication (a few
    minutes) while the other runs what needs neither, instead of waiting for them."""
    slow = [item for item in items if "slow" in _module_marks(item)]
    first = _module(slow[0]) if slow else None
    on_the_warehouse = {
        _module(item) for item in items if SHARED_WAREHOUSE in getattr(item, "fixturenames", ())
    }

    def turn(item: pytest.Item) -> int:
        marks = _module_marks(item)
        if _module(item) is first:
            return 0
        if "unit" in marks:
            return 1
        if _module(item) not in on_the_warehouse:
            return 2 if "slow" in marks else 3
        return 4 if "slow" in marks else 5

    items.sort(key=turn)


@functools.cache
def _group_of(path: Path) -> str | None:
    """The `xdist_group` its module's `pytestmark` names, read from the file. pytest-xdist 3.8
    groups a test by appending `@group` to its node id, which pytest 9's node ids no longer take
    (the group was silently ignored), so the scheduler reads the mark itself."""
    if path.suffix != ".py" or not path.is_file():
        return None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "xdist_group"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            return str(node.args[0].value)
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler.loadscope import LoadScopeScheduling

    root = config.rootpath

    class FileOrGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return _group_of(root / file) or file

        def _reschedule(self, node) -> None:
            # xdist's worker runs a test only once it knows the next one, so one must wait.
            if not node.shutting_down and self.workqueue:
                if self._pending_of(self.assigned_work[node]) > 1:
                    return
            super()._reschedule(node)

    config.option.loadscopereorder = False
    return FileOrGroupScheduling(config, log)
