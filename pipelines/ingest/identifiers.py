"""Direct identifiers found by their form, wherever they sit, and masked.

Masking a row by its columns protects a well-formed row only: in a row whose columns are shifted,
a file without its header or a library's error message, a boleta or an employee number can sit
anywhere. So every string SIIE writes from a file — rejected values and rows, reasons, load
messages, Dagster events and logs — passes through here. The forms are the `pattern`s of the
contracts' `pii` columns (boleta, CURP, RFC, employee number); nothing is typed here.

Two strengths, because an employee number (4 to 10 digits) has the form of a row number or a year:
- a *value* (one field, one header name, a library's message) is masked when any token of it has
  the form of an identifier of the contract — all forms, the employee number included;
- SIIE's own *messages* are masked where a token has a form no number SIIE prints can take
  (boleta, CURP, RFC). They never carry an employee number because every value put into one is
  masked as a value first.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from pipelines.specs.contracts import Contract, all_contracts

_NEIGHBOUR = "0-9A-Za-zÑñ&"  # a token ends where none of these follows
_NUMBERS_SIIE_PRINTS = ("2026", "123456789")  # a year, a row number or a count


def _core(regex: str) -> str:
    return regex.removeprefix("^").removesuffix("$")


def _forms(contracts: tuple[Contract, ...]) -> list[str]:
    forms = {_core(c.regex) for contract in contracts for c in contract.pii_columns if c.regex}
    return sorted(forms)


def _in_text(forms: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{form})" for form in forms)
    return re.compile(f"(?<![{_NEIGHBOUR}])(?:{alternatives})(?![{_NEIGHBOUR}])")


def _distinctive(form: str) -> bool:
    return not any(re.fullmatch(form, number) for number in _NUMBERS_SIIE_PRINTS)


@cache
def _every_form() -> re.Pattern[str]:
    return _in_text(_forms(tuple(all_contracts().values())))


@cache
def _distinctive_forms() -> re.Pattern[str]:
    return _in_text([f for f in _forms(tuple(all_contracts().values())) if _distinctive(f)])


def mask_text(text: str) -> str:
    """`2019630123` → `20********`: enough to tell a typo, never the identifier."""
    return text[:2] + "*" * (len(text) - 2) if len(text) > 2 else "**"


def scrub_value(text: str) -> str:
    """A value from a file (or a library's message about one) with every identifier form masked."""
    return _every_form().sub(lambda match: mask_text(match.group()), text)


def scrub_message(text: str) -> str:
    """One of SIIE's messages with every boleta, CURP or RFC form in it masked."""
    return _distinctive_forms().sub(lambda match: mask_text(match.group()), text)


def mask(text: pl.Expr) -> pl.Expr:
    """The polars form of `mask_text`."""
    return (
        pl.when(text.is_null())
        .then(None)
        .when(text.str.len_chars() > 2)
        .then(text.str.slice(0, 2) + pl.lit("*").repeat_by(text.str.len_chars() - 2).list.join(""))
        .otherwise(pl.lit("**"))
    )


def identifier_form(contract: Contract) -> str | None:
    """One regex, for polars, matching a whole value that has the form of one of the contract's
    identifiers."""
    forms = _forms((contract,))
    return f"^(?:{'|'.join(f'(?:{form})' for form in forms)})$" if forms else None


def scrub_values(text: pl.Expr, contract: Contract) -> pl.Expr:
    """Values (a column of a rejected row) with the form of one of the contract's identifiers,
    masked."""
    form = identifier_form(contract)
    if form is None:
        return text
    return pl.when(text.str.strip_chars().str.contains(form)).then(mask(text)).otherwise(text)
