"""argparse in Spanish: its own words (usage, options, errors) translated, so that everything
`siie` prints is in one language. argparse looks its strings up through gettext at call time
(`argparse._`), so translating means answering that lookup; a string not listed stays as it is."""

from __future__ import annotations

import argparse

SPANISH = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (elija entre %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valor no válido (%(type)s): %(value)r",
    "the following arguments are required: %s": "faltan argumentos obligatorios: %s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "se esperaba un valor",
    "expected at most one argument": "se esperaba a lo más un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "expected %s argument": "se esperaba %s valor",
    "expected %s arguments": "se esperaban %s valores",
    "not allowed with argument %s": "no se permite junto con %s",
    "ignored explicit argument %r": "se ignoró el valor explícito %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opción ambigua: %(option)s puede ser %(matches)s"
    ),
    "unexpected option string: %s": "opción inesperada: %s",
    "can't open '%(filename)s': %(error)s": "no se puede abrir '%(filename)s': %(error)s",
}


def _gettext(message: str) -> str:
    return SPANISH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def speak_spanish() -> None:
    argparse._ = _gettext  # type: ignore[attr-defined]  # argparse translates through these
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


def spelled(old_spellings: dict[str, str]):
    """An argparse `type` that accepts a value's earlier (English) spelling and returns the
    Spanish one (`table` → `tabla`), so that scripts written before still work; with `choices`
    listing the Spanish words only, `--help` and the errors show one spelling."""

    def convert(value: str) -> str:
        return old_spellings.get(value.lower(), value.lower())

    return convert
