"""What disclosure control costs the reader: hidden cells and hidden share per published table.

    python -m bench.utility SIIE_HOME [SIIE_HOME ...]   (one home per scale, after `siie run`)

For the current version of each home: per published table under disclosure control, the cells,
the hidden ones and their share; per family of `indicadores` and for `fct_matricula`, the share
of the family's total the hidden cells hold (from the internal record of disclosure control, which
is never published); and what share of `fct_matricula`'s cells would fall under the primary rule at
coarser grains (the choice of grain in docs/DISCLOSURE.md). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

GRAINS = {
    "periodo, unidad, programa, sexo, semestre, tipo de ingreso": (
        "periodo, cve_unidad, cve_programa, sexo, semestre, tipo_ingreso"
    ),
    "periodo, unidad, programa, sexo, tipo de ingreso": (
        "periodo, cve_unidad, cve_programa, sexo, tipo_ingreso"
    ),
    "periodo, programa, sexo": "periodo, cve_programa, sexo",
    "periodo, programa, semestre": "periodo, cve_programa, semestre",
}


def _published(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "published" / "current.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def hidden_per_table(home: Path) -> list[tuple[str, int, int]]:
    return [
        (
            table,
            *_published(home, f"SELECT count(*), count(*) FILTER (WHERE suprimido) FROM {table}")[
                0
            ],
        )
        for table in ("indicadores", "fct_matricula")
    ]


def loss_per_family(home: Path) -> list[dict]:
    """The exact loss of the current version's attempt (internal record)."""
    [(run_id,)] = _published(home, "SELECT run_id FROM manifest ORDER BY version DESC LIMIT 1")
    record = home / "divulgacion" / "intentos" / f"{run_id}.json"
    return json.loads(record.read_text(encoding="utf-8"))["perdida_informacion"]


def primary_share_by_grain(home: Path) -> list[tuple[str, int, int]]:
    rows = []
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        for name, grain in GRAINS.items():
            cells, small = con.execute(f"""
                SELECT count(*), count(*) FILTER (WHERE n BETWEEN 1 AND 4)
                FROM (SELECT {grain}, sum(alumnos) AS n FROM marts.fct_matricula GROUP BY ALL)
            """).fetchone()
            rows.append((name, cells, small))
    return rows


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def report(home: Path) -> str:
    lines = [f"### {home}", "", "| tabla | celdas | ocultas | % ocultas |", "|---|---|---|---|"]
    lines += [f"| {t} | {c:,} | {h:,} | {_share(h, c)} |" for t, c, h in hidden_per_table(home)]
    lines += [
        "",
        "| familia | celdas | primarias | secundarias | % del total oculto |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['familia']} | {r['celdas']:,} | {r['primarias']:,} | {r['secundarias']:,} | "
        f"{r['porcentaje_oculto']} % |"
        for r in loss_per_family(home)
    ]
    lines += ["", "| grano de fct_matricula | celdas | de 1 a 4 alumnos |", "|---|---|---|"]
    lines += [
        f"| {g} | {c:,} | {s:,} ({_share(s, c)}) |" for g, c, s in primary_share_by_grain(home)
    ]
    return "\n".join(lines + [""])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.utility", description=__doc__)
    parser.add_argument("homes", nargs="+", type=Path)
    for home in parser.parse_args().homes:
        print(report(home))


if __name__ == "__main__":
    main()
