"""Browser journeys: Playwright's sync API drives Debian's chromium against pytest-django's live_server."""

import os

import pytest
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in the test's thread; Django's ORM calls made there meanwhile
    # (fixtures, database teardown) are still synchronous and safe. Set for this test only, never process-wide:
    # a leaked DJANGO_ALLOW_ASYNC_UNSAFE would fail `check --deploy` in other tests' subprocesses.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-debian-packages (Debian's chromium package).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # The test's ORM calls ran in Playwright's context, on a connection of their own that the database
            # teardown never sees: left open, PostgreSQL refuses to drop the test database ("is being accessed
            # by other users").
            connections.close_all()
