"""Fixtures for the tests of the quality gate, the publication and the analysts' access: a warehouse
built once per test process from a generated sample, and private copies of it."""

import pytest

from tests.processes import home_env
from tests.quality.built import (
    Home,
    base_settings,
    copy_home,
    copy_of_published,
    shared_publication,
)


@pytest.fixture(scope="session")
def base(tmp_path_factory):
    return base_settings(tmp_path_factory)


@pytest.fixture
def home(base, publication, tmp_path) -> Home:
    """A private copy of the base's warehouse, with the publication's cache: publishing it solves
    and audits nothing the session's publication already did."""
    return copy_home(base, tmp_path, warm=publication.settings.home)


@pytest.fixture(scope="session")
def publication(base, tmp_path_factory) -> Home:
    """The base audited, published and reported once for the whole session: never changed, only
    copied (`published`)."""
    return shared_publication(base, tmp_path_factory)


@pytest.fixture(scope="module")
def published(publication, tmp_path_factory) -> Home:
    """The module's own copy of the session's publication (version 1 of run PUBLISHED_RUN), which
    its tests may read, query or change."""
    return copy_of_published(publication, tmp_path_factory.mktemp("publicado"))


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
