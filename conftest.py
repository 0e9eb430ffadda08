"""Shared fixtures: a small organisation with staff in two departments."""

import pytest


@pytest.fixture
def org_world(db):
    from tests.factories import make_world

    return make_world()
