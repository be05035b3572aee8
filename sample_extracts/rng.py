"""Seeded random streams: one independent, reproducible stream per purpose.

Python's hash() is salted per process, so streams are keyed with crc32 of their name.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, purpose: str) -> np.random.Generator:
    """The random generator for `purpose` under `seed` (same arguments → same numbers)."""
    return np.random.default_rng([seed, zlib.crc32(purpose.encode("utf-8"))])


def weighted_choice(
    rng: np.random.Generator, n: int, options: list, weights: list[float]
) -> np.ndarray:
    """n draws from `options` with the given (unnormalised) weights."""
    probabilities = np.asarray(weights, dtype=float)
    return np.asarray(options)[
        rng.choice(len(options), size=n, p=probabilities / probabilities.sum())
    ]
