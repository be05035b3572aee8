"""Small pieces of Spanish that every message needs: counts with the right plural, numbers
with thousands separators (as Mexico writes them: 12,345.6), a list of alternatives (a, b o c)."""

from __future__ import annotations

import math
from decimal import Decimal


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "aviso")` → `1 aviso`; `count(3, "renglón", "renglones")` → `3 renglones`."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def number(value: float | Decimal, decimals: int = 4) -> str:
    """A whole value without decimals; any other with at most `decimals`, trailing zeros removed."""
    if isinstance(value, bool) or not math.isfinite(value):
        return str(value)
    if value == int(value):
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def one_of(words: tuple[str, ...] | list[str]) -> str:
    """`one_of(("IPN", "NIVEL", "UNIDAD"))` → `IPN, NIVEL o UNIDAD`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} o {words[-1]}"
