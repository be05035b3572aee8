"""Fixtures for the tests of the quality gate, the publication and the analysts' access: a warehouse
built once per test process from a generated sample, and private copies of it."""

import pytest

from tests.processes import home_env
from tests.quality.built import Home, base_settings, copy_home, copy_of_published, published_copy


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


@pytest.fixture
def published_home(published, tmp_path) -> Home:
    """A private copy of the module's publication (version 1 of run PUBLISHED_RUN), for a test that
    publishes again or breaks something after a first publication."""
    return copy_of_published(published, tmp_path)


@pytest.fixture
def user(published, monkeypatch) -> Home:
    """The module's publication, named by the environment as in a user's shell (SIIE_HOME,
    SIIE_LANDING_DIR, the key): `siie` commands run in the test's process find it."""
    for name, value in home_env(published.settings).items():
        monkeypatch.setenv(name, value)
    return published
