"""Where the time of a profiled `siie run` goes: py-spy's raw (collapsed) stacks summarised.

    py-spy record --subprocesses --rate 50 --format raw -o perfil.txt -- .venv/bin/siie run
    python -m bench.profile perfil.txt [--match pipelines/] [--top 25]

Prints, per process, its share of the samples, then the functions whose frames match `--match`
with their inclusive share (the samples in which they are on the stack) of all samples.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^():]+)(?::(?P<line>\d+))?\)$")


def read_stacks(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in Path(path).read_text().splitlines():
        body, _, count = line.rpartition(" ")
        if body:
            stacks.append((body.split(";"), int(count)))
    return stacks


def _function(frame: str) -> str:
    """`read_csv (polars/io/csv/functions.py:519)` → `polars/io/csv/functions.py:read_csv`."""
    match = FRAME.match(frame)
    return f"{match['file']}:{match['function']}" if match else frame


def summarise(stacks, match: str, top: int) -> list[str]:
    total = sum(count for _, count in stacks)
    processes, inclusive = Counter(), Counter()
    for frames, count in stacks:
        own = [
            f for f in frames if f.startswith("process ")
        ]  # a child's stack starts with its parents
        processes[own[-1][:110]] += count
        for function in {_function(f) for f in frames[len(own) :] if match in f}:
            inclusive[function] += count
    lines = [f"{total} muestras", "", "por proceso:"]
    lines += [f"  {count / total:6.1%}  {name}" for name, count in processes.most_common(8)]
    lines += [
        "",
        f"funciones que contienen {match!r} (porcentaje inclusivo de todas las muestras):",
    ]
    lines += [f"  {count / total:6.1%}  {name}" for name, count in inclusive.most_common(top)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("perfil", type=Path)
    parser.add_argument("--match", default="pipelines/")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    print("\n".join(summarise(read_stacks(args.perfil), args.match, args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
