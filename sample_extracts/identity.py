"""Fake but valid-looking personal identifiers: CURP, RFC, boleta, número de empleado.

Built character by character with numpy (no loop per person). The CURP follows RENAPO's
layout: initials, birth date, sex, state of birth, internal consonants, homoclave and a
correct check digit; the RFC shares its first ten characters with the CURP.
"""

from __future__ import annotations

import numpy as np
import polars as pl

LETTERS = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", dtype=np.uint8)
VOWELS = np.frombuffer(b"AEIOU", dtype=np.uint8)
CONSONANTS = np.frombuffer(b"BCDFGHJKLMNPQRSTVWXYZ", dtype=np.uint8)
DIGITS = np.frombuffer(b"0123456789", dtype=np.uint8)
HOMOCLAVE = np.frombuffer(b"ABCDEFGHIJKLMNPQRSTUVWXYZ123456789", dtype=np.uint8)

# INEGI state code → RENAPO two-letter code used in the CURP.
RENAPO_STATE = {
    "01": "AS", "02": "BC", "03": "BS", "04": "CC", "05": "CL", "06": "CM", "07": "CS", "08": "CH",
    "09": "DF", "10": "DG", "11": "GT", "12": "GR", "13": "HG", "14": "JC", "15": "MC", "16": "MN",
    "17": "MS", "18": "NT", "19": "NL", "20": "OC", "21": "PL", "22": "QT", "23": "QR", "24": "SP",
    "25": "SL", "26": "SR", "27": "TC", "28": "TS", "29": "TL", "30": "VZ", "31": "YN", "32": "ZS",
}  # fmt: skip
STATE_CODES = tuple(RENAPO_STATE)

# RENAPO's check-digit alphabet (Ñ sits after N; '&' stands in for it, never generated here).
_CHECK_ALPHABET = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"
_CHECK_VALUE = np.zeros(256, dtype=np.int64)
_CHECK_VALUE[np.frombuffer(_CHECK_ALPHABET, dtype=np.uint8)] = np.arange(len(_CHECK_ALPHABET))


def _pick(rng: np.random.Generator, alphabet: np.ndarray, n: int) -> np.ndarray:
    return alphabet[rng.integers(0, len(alphabet), size=n)]


def _to_strings(chars: np.ndarray, name: str) -> pl.Series:
    width = chars.shape[1]
    raw = np.ascontiguousarray(chars, dtype=np.uint8).view(f"S{width}").ravel()
    return pl.Series(name, raw).cast(pl.String)


def _two_digits(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.int64)
    return np.stack([DIGITS[values // 10 % 10], DIGITS[values % 10]], axis=1)


def _date_digits(birth: pl.Series) -> np.ndarray:
    """YYMMDD characters of each birth date, shape (n, 6)."""
    year = birth.dt.year().to_numpy()
    month = birth.dt.month().to_numpy()
    day = birth.dt.day().to_numpy()
    return np.concatenate([_two_digits(year % 100), _two_digits(month), _two_digits(day)], axis=1)


def _name_initials(rng: np.random.Generator, n: int) -> np.ndarray:
    """The four name letters: surname initial, its first inner vowel, second surname, name."""
    return np.stack(
        [
            _pick(rng, LETTERS, n),
            _pick(rng, VOWELS, n),
            _pick(rng, LETTERS, n),
            _pick(rng, LETTERS, n),
        ],
        axis=1,
    )


def check_digit(first17: np.ndarray) -> np.ndarray:
    """RENAPO check digit for CURP bodies given as a (n, 17) uint8 array."""
    weights = np.arange(18, 1, -1, dtype=np.int64)
    total = (_CHECK_VALUE[first17] * weights).sum(axis=1)
    return DIGITS[(10 - total % 10) % 10]


def curps(
    rng: np.random.Generator, birth: pl.Series, sexo: pl.Series, entidad: pl.Series
) -> pl.Series:
    """A valid CURP per person, consistent with birth date, sex (H/M) and state of birth."""
    n = len(birth)
    initials = _name_initials(rng, n)
    state = entidad.replace_strict(RENAPO_STATE, default="NE").cast(pl.String)
    state_chars = np.frombuffer("".join(state.to_list()).encode("ascii"), dtype=np.uint8).reshape(
        n, 2
    )
    sex_chars = np.frombuffer("".join(sexo.to_list()).encode("ascii"), dtype=np.uint8).reshape(n, 1)
    consonants = np.stack([_pick(rng, CONSONANTS, n) for _ in range(3)], axis=1)
    born_2000s = birth.dt.year().to_numpy() >= 2000
    homoclave = np.where(born_2000s, _pick(rng, LETTERS, n), _pick(rng, DIGITS, n))[:, None]
    body = np.concatenate(
        [initials, _date_digits(birth), sex_chars, state_chars, consonants, homoclave], axis=1
    ).reshape(n, 17)
    return _to_strings(np.concatenate([body, check_digit(body)[:, None]], axis=1), "curp")


def rfcs_from_curps(rng: np.random.Generator, curp: pl.Series) -> pl.Series:
    """RFC with homoclave: the CURP's first ten characters plus three homoclave characters."""
    n = len(curp)
    homoclave = np.stack([_pick(rng, HOMOCLAVE, n) for _ in range(3)], axis=1)
    head = curp.str.slice(0, 10).cast(pl.Binary).to_numpy()
    head_chars = (
        np.frombuffer(b"".join(head), dtype=np.uint8).reshape(n, 10)
        if n
        else np.zeros((0, 10), np.uint8)
    )
    return _to_strings(np.concatenate([head_chars, homoclave], axis=1), "rfc")


def unique_numbers(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """n distinct integers in [low, high), in random order."""
    if n > high - low:
        raise ValueError(f"no caben {n} números distintos en [{low}, {high})")
    return low + rng.choice(high - low, size=n, replace=False)


def boletas(rng: np.random.Generator, entry_year: np.ndarray) -> pl.Series:
    """IPN-style boletas: the entry year followed by six digits, unique overall.

    Students draw their six digits from 000000–899999 within their entry year; 900000–999999
    stay free for the bad rows' fresh boletas (defects.FreshIds), so the two never collide.
    """
    entry_year = np.asarray(entry_year, dtype=np.int64)
    suffix = np.empty(len(entry_year), dtype=np.int64)
    for year in np.unique(entry_year):
        members = np.flatnonzero(entry_year == year)
        suffix[members] = unique_numbers(rng, len(members), 0, 900_000)
    return pl.Series("boleta", entry_year * 1_000_000 + suffix).cast(pl.String).str.zfill(10)


def origin_states(rng: np.random.Generator, home: np.ndarray) -> np.ndarray:
    """Mostly CDMX (09) and Estado de México (15) for valley units, the unit's state elsewhere."""
    n = len(home)
    u = rng.random(n)
    other = np.asarray(STATE_CODES)[rng.integers(0, len(STATE_CODES), size=n)]
    in_cdmx, in_edomex = home == "09", home == "15"
    neighbour = np.where(in_cdmx, "15", "09")
    first_share = np.where(in_cdmx, 0.62, np.where(in_edomex, 0.70, 0.88))
    second_share = np.where(in_cdmx, 0.33, np.where(in_edomex, 0.25, 0.0))
    return np.where(
        u < first_share, home, np.where(u < first_share + second_share, neighbour, other)
    )
