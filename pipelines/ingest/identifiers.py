"""Direct identifiers found by their form, wherever they sit inside a string, and masked.

Masking a row by its columns protects a well-formed row only: in a row whose columns are shifted,
a quote left open, a row written with another separator, a 1 MB field, a file without its header,
a file's own name or a library's error message, a boleta or a CURP can sit anywhere inside a
longer string. So every string SIIE writes from a file — rejected values and rows, reasons, load
messages, file names, Dagster events and logs — passes through here, whatever the extract's kind
(a budget file has no identifier column, yet a CURP can be pasted into it). The forms are the
`pattern`s of the contracts' `pii` columns (boleta, CURP, RFC, employee number); nothing is typed
here.

The contracts write digits as `[0-9]`, so a boleta of full-width or Arabic-Indic digits is
rejected by the contract's rule and never gets a pseudonym of its own. The *search* is wider than
the rule: any Unicode decimal digit stands for a digit and letters are matched in either case, so
a look-alike identifier in a rejected value or a message is masked too.

Two strengths, because an employee number (4 to 10 digits) has the form of a year, an amount, a
budget key or a row number:
- *distinctive* forms (boleta, CURP, RFC: no number SIIE prints takes them) are searched inside
  every string, whatever the kind: messages, file names, reasons, every value;
- the forms of the extract's *own* contract, the employee number included for plantilla, are
  searched in a value of its rejected rows that is one token, or inside one that holds blanks or
  separators (several fields run together: a shifted or broken row); every form of every contract
  inside a library's message. So a single field such as `2024-13-01` keeps its year, and a budget
  key `35101` stays readable (an employee number alone in a budget file cannot be told from one).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from pipelines.specs.contracts import Contract, all_contracts

_NEIGHBOUR = r"\dA-Za-zÑñ&"  # a token ends where none of these follows
_NUMBERS_SIIE_PRINTS = ("2026", "123456789")  # a year, a row number or a count
_RUN_TOGETHER = re.compile(r"[\s,;|\"']")  # a value holding these is several fields in one


def _core(regex: str) -> str:
    return regex.removeprefix("^").removesuffix("$")


def _forms(contracts: tuple[Contract, ...]) -> list[str]:
    forms = {_core(c.regex) for contract in contracts for c in contract.pii_columns if c.regex}
    return sorted(forms)


def _wide(form: str) -> str:
    """The contract's ASCII form, searched with any Unicode decimal digit as a digit."""
    return form.replace("0-9", r"\d")


def _in_text(forms: list[str]) -> re.Pattern[str]:
    """A decimal point between digits joins them too: `1234567890.50` is an amount."""
    alternatives = "|".join(f"(?:{_wide(form)})" for form in forms)
    before, after = rf"(?<![{_NEIGHBOUR}])(?<!\d\.)", rf"(?![{_NEIGHBOUR}])(?!\.\d)"
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


def _distinctive(form: str) -> bool:
    return not any(re.fullmatch(form, number) for number in _NUMBERS_SIIE_PRINTS)


def _all_forms() -> list[str]:
    return _forms(tuple(all_contracts().values()))


@cache
def _every_form() -> re.Pattern[str]:
    return _in_text(_all_forms())


def _distinctive_list() -> list[str]:
    return [f for f in _all_forms() if _distinctive(f)]


@cache
def _distinctive_forms() -> re.Pattern[str]:
    return _in_text(_distinctive_list())


@cache
def _forms_of_kind(kind: str) -> re.Pattern[str]:
    own = _forms(tuple(c for k, c in all_contracts().items() if k == kind))
    return _in_text(sorted({*own, *_distinctive_list()}))


def mask_text(text: str) -> str:
    """`2019630123` → `20********`: enough to tell a typo, never the identifier."""
    return text[:2] + "*" * (len(text) - 2) if len(text) > 2 else "**"


def _masked(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda match: mask_text(match.group()), text)


def scrub_value(text: str) -> str:
    """A library's message (or several fields run together) with every identifier form masked."""
    return _masked(_every_form(), text)


def scrub_message(text: str) -> str:
    """One of SIIE's messages, or a file name, with every boleta, CURP or RFC form masked."""
    return _masked(_distinctive_forms(), text)


def scrub_field(text: str, kind: str) -> str:
    """One value of a rejected row of `kind`: the kind's own forms when it is one token or holds
    separators (a broken row), else the distinctive forms only (a date stays readable)."""
    own = _forms_of_kind(kind)
    if _RUN_TOGETHER.search(text) or own.fullmatch(text.strip()):
        return _masked(own, text)
    return scrub_message(text)


def recorded_name(name: str) -> str:
    """A landed file's name as SIIE records and prints it: a clerk may name a file after a student
    (`baja_<boleta>_<CURP>.csv`); the file itself is found by its sha256."""
    return scrub_message(name)


def masked_name_notice(name: str, sha256: str | None) -> str | None:
    """What the console says of a file whose name was masked; None when nothing was."""
    shown = recorded_name(name)
    if shown == name:
        return None
    found_by = f"sha256 {sha256}" if sha256 else "su sha256 en raw.cargas"
    return (
        f"{shown}: el nombre del archivo contiene lo que parece un identificador personal "
        f"(boleta, CURP o RFC); se registra enmascarado en todas partes. Para ubicar el archivo: "
        f"{found_by} (p. ej. `sha256sum landing/*/* | grep {sha256[:12] if sha256 else '…'}`). "
        "Conviene renombrarlo sin datos personales"
    )


def has_identifier(text: str) -> bool:
    """Whether a free-text value holds a boleta, CURP or RFC form."""
    return _distinctive_forms().search(text) is not None


def mask(text: pl.Expr) -> pl.Expr:
    """The polars form of `mask_text`."""
    return (
        pl.when(text.is_null())
        .then(None)
        .when(text.str.len_chars() > 2)
        .then(text.str.slice(0, 2) + pl.lit("*").repeat_by(text.str.len_chars() - 2).list.join(""))
        .otherwise(pl.lit("**"))
    )


def scrub_fields(text: pl.Expr, kind: str) -> pl.Expr:
    """`scrub_field` over a column (of the few rows recorded as rejected)."""
    return text.map_elements(
        lambda value: scrub_field(value, kind), return_dtype=pl.String, skip_nulls=True
    )


def scrub_messages(text: pl.Expr) -> pl.Expr:
    """`scrub_message` over a column of reasons."""
    return text.map_elements(scrub_message, return_dtype=pl.String, skip_nulls=True)


@cache
def identifier_in_free_text() -> str:
    """One regex, for polars (no look-behind), finding a boleta, CURP or RFC form inside a value:
    the check of free-text columns of rows that would otherwise load."""
    forms = [f for f in _all_forms() if _distinctive(f)]
    alternatives = "|".join(f"(?:{_wide(form)})" for form in forms)
    return f"(?i)(?:^|[^{_NEIGHBOUR}])(?:{alternatives})(?:$|[^{_NEIGHBOUR}])"
