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
