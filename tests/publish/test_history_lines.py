"""The publication history's lines: each attempt's `estado` is written, and a line written before
`estado` existed is still read with the status it meant."""

from __future__ import annotations

import json

import pytest

from pipelines.publish.history import (
    NOTHING_NEW,
    PUBLISHED,
    REFUSED,
    Attempt,
    append_attempt,
    history_path,
    read_history,
)

pytestmark = pytest.mark.unit


def _old_line(publicada: bool, motivos: list[str], version: int | None) -> dict:
    return {
        "run_id": "r",
        "fecha": "2026-01-01 10:00",
        "publicada": publicada,
        "version": version,
        "version_vigente": 1,
        "motivos": motivos,
        "manifest": None,
    }


def test_an_attempt_is_written_with_its_status(tmp_path):
    append_attempt(tmp_path, Attempt("r", "f", False, None, 1, ["sin cambios"], estado=NOTHING_NEW))
    (line,) = history_path(tmp_path).read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["estado"] == "sin_cambios"
    (attempt,) = read_history(tmp_path)
    assert attempt.nothing_new and attempt.estado == NOTHING_NEW


def test_lines_without_status_are_read_with_the_status_they_meant(tmp_path):
    lines = [
        _old_line(True, [], 1),
        _old_line(False, ["sin cambios respecto de la versión 1"], None),
        _old_line(False, ["la verificación marts/indicadores · valores_validos falló"], None),
    ]
    history_path(tmp_path).write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    assert [a.estado for a in read_history(tmp_path)] == [PUBLISHED, NOTHING_NEW, REFUSED]
    assert [a.nothing_new for a in read_history(tmp_path)] == [False, True, False]


def test_a_refusal_whose_reason_mentions_no_changes_later_is_still_a_refusal(tmp_path):
    append_attempt(
        tmp_path,
        Attempt(
            "r", "f", False, None, 1, ["sin cambios en la landing; falló la puerta"], estado=REFUSED
        ),
    )
    assert not read_history(tmp_path)[0].nothing_new
