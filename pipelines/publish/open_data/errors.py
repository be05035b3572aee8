"""Why a package cannot be written (the publication is refused, `current` stays)."""

from __future__ import annotations


class OpenDataError(ValueError):
    """The published file cannot be written as open data as it stands."""


class HiddenValueError(OpenDataError):
    """A figure marked hidden carries a value: the package refuses to repeat it."""
