"""An expectation as Great Expectations stores it in a suite file (type, kwargs, meta, severity).

Suites are written as plain data so that building them needs no GX import; GX reads the files.
"""

from __future__ import annotations

from typing import Any

CRITICAL, WARNING = "critical", "warning"


def expect(
    kind: str, description: str, severity: str = CRITICAL, hide_values: bool = False, **kwargs: Any
) -> dict[str, Any]:
    """`expect("column_values_to_not_be_null", "…", column="sexo")` → a suite entry.

    `hide_values` keeps the unexpected values out of the reports (pseudonymised identifiers).
    """
    meta = {"ocultar_valores": True} if hide_values else {}
    return {
        "type": f"expect_{kind}",
        "kwargs": kwargs,
        "description": description,
        "severity": severity,
        "meta": meta,
    }


def parameter(name: str) -> dict[str, str]:
    """A suite parameter, filled in at validation time (catalog code lists); names are
    identifiers."""
    return {"$PARAMETER": name}


def comparison(column: str, operator: str, value: Any) -> dict[str, Any]:
    """A GX row condition (`Column(column) <operator> value`) as stored in a suite file."""
    return {
        "type": "comparison",
        "column": {"name": column},
        "operator": operator,
        "parameter": value,
    }
