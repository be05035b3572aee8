"""The README and the command line agree: every `siie …` the README shows is accepted as written,
every command and option of `siie` (Spanish name and English alias) is in the README, and the
README is written in Spanish. Running them on a sample is tests/access/test_everyday_commands.py
(and, for `generar --periodos` and `ejecutar`, tests/pipeline/test_next_periods.py)."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest

from pipelines.cli import build_parser
from pipelines.core.config import PROJECT_ROOT

pytestmark = pytest.mark.unit

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _invocations() -> list[str]:
    """Every `siie …` of the README that is a whole command: the synopses of the table, the
    commands written inline (not a bare name, `siie ORDEN --help` or an option named alone), and
    those of the code blocks (a statement over several lines ends at its closing quote)."""
    inline = [
        command
        for command in re.findall(r"`(siie [^`]+)`", README)
        if len(command.split()) > 2
        and "ORDEN" not in command
        and not command.split()[-1].startswith("--")
    ]
    blocks = "\n".join(re.findall(r"```bash\n(.*?)```", README, re.DOTALL))
    in_blocks = re.findall(r"^(siie (?:[^\"\n]|\"[^\"]*\")*)", blocks, re.MULTILINE)
    return inline + [line.split("  #")[0] for line in in_blocks]


def _as_typed(synopsis: str) -> list[list[str]]:
    """A synopsis of the table (`[--limite 20]`, `tabla\\|csv`) as one command a person types:
    optional parts included, the first of each choice, placeholders filled."""
    text = synopsis.replace("\\|", "|").replace("[", " ").replace("]", " ").replace("...", "")
    text = re.sub(r"(\S+?)\|\S+", r"\1", text)  # tabla|csv|json → tabla
    words = shlex.split(text.replace("…", "x"))
    filled = {
        "CLAVE": "MATRICULA_TOTAL",
        "PERIODO": "24/1",
        "AMBITO": "UNIDAD",
        "CLAVE_AMBITO": "ESCOM",
        "N": "2",
        "ID": "r1",
        "NOMBRE": "m.csv",
        "P": "24/1",
    }
    return [[filled.get(word, word) for word in words[1:]]]


def test_every_siie_command_of_the_readme_is_accepted_as_written():
    parser = build_parser()
    seen = set()
    for invocation in _invocations():
        for argv in _as_typed(invocation):
            try:
                parsed = parser.parse_args(argv)
            except SystemExit as refused:
                raise AssertionError(f"the README shows {invocation!r}; siie refuses it") from (
                    refused
                )
            seen.add(argv[0] if argv[0] in _subparsers(parser) else parsed.command)
    assert {"generar", "ejecutar", "estado", "rechazos", "sql", "explicar", "informe"} <= seen


def test_every_command_and_option_is_in_the_readme_with_its_alias():
    for name, sub in _subparsers(build_parser()).items():
        assert f"`{name}`" in README or f"siie {name}" in README, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}`" in README or f"{option} " in README, (name, option)


def test_the_readme_speaks_spanish():
    english = ("The two commands", "does |", "For analysts", "no longer published", "Dropping")
    assert not [phrase for phrase in english if phrase in README]
    assert "## La orden `siie`" in README and "## Para analistas" in README
