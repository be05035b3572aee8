"""Fixtures of the quality tests: a private copy of a built warehouse."""

import pytest

from tests.quality.built import Home, base_settings, copy_home


@pytest.fixture(scope="session")
def base(tmp_path_factory):
    return base_settings(tmp_path_factory)


@pytest.fixture
def home(base, tmp_path) -> Home:
    return copy_home(base, tmp_path)
