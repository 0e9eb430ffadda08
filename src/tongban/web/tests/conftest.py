import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The test accounts need no key stretching; PBKDF2 would make every fixture take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
