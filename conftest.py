"""Shared fixtures: a small organisation with staff in two departments."""

import pytest


@pytest.fixture
def org_world(db):
    from tests.factories import make_world

    return make_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Test accounts need no key stretching; production keeps Django's default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _calendar_data_after_flush(request):
    """Transactional tests (live server, threads, subprocesses) flush the database, which also removes the
    holiday schedules that a migration seeds. Put them back so every test sees the same calendar."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    importlib.import_module("tongban.holidays.migrations.0002_seed_chinesecalendar").seed(apps, None)
