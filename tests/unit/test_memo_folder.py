"""The folder both memos keep their answers in (pipelines/core/memo_folder.py), and the audit
memo's round trip of the intervals it keeps."""

from __future__ import annotations

import os
from dataclasses import asdict

import pytest

from pipelines.audit.disclosure_audit import Interval
from pipelines.audit.memo import AuditMemo
from pipelines.core.memo_folder import MemoFolder

pytestmark = pytest.mark.unit


def _age(folder, name: str, seconds_ago: int) -> None:
    path = folder / f"{name}.json"
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def test_beyond_its_limit_the_least_recently_used_entries_go(tmp_path):
    memo = MemoFolder(tmp_path, keep=2)
    memo.write("a", {"n": 1})
    memo.write("b", {"n": 2})
    _age(tmp_path, "a", 200)
    _age(tmp_path, "b", 100)
    assert memo.read("a") == {"n": 1}  # read now: the most recently used
    memo.write("c", {"n": 3})
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == ["a", "c"]
    assert memo.read("b") is None
    assert list(tmp_path.glob(".*.tmp")) == []  # written aside, then renamed


def test_an_audited_periods_intervals_come_back_as_they_were_kept(tmp_path):
    intervals = [
        Interval(("MATRICULA", "PROGRAMA", "P1"), "25/1", 2.0, 9.0, 5.0, True),
        Interval(("celda", "U1", "P1", "M", 3, "NUEVO_INGRESO"), "25/1", 0.0, 12.5, 5.0, False),
    ]
    AuditMemo(tmp_path).keep("huella", "25/1", [asdict(i) for i in intervals])
    recalled = AuditMemo(tmp_path).recall("huella")
    assert recalled is not None and [Interval(**f) for f in recalled] == intervals
    assert AuditMemo(tmp_path).recall("otra huella") is None
