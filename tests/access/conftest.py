"""Fixtures of the access tests: a private copy of a built warehouse."""

import pytest

from tests.quality.built import Home, base_settings, copy_home, published_copy


@pytest.fixture(scope="session")
def base(tmp_path_factory):
    return base_settings(tmp_path_factory)


@pytest.fixture
def home(base, tmp_path) -> Home:
    return copy_home(base, tmp_path)


@pytest.fixture(scope="module")
def published(base, tmp_path_factory) -> Home:
    """Audited and published once for the tests of a module."""
    return published_copy(base, tmp_path_factory.mktemp("publicado"))
