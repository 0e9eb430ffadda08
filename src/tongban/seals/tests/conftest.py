"""Fixtures of the seals tests: a key-encryption secret of their own, and ready-made seals."""

import pytest


@pytest.fixture(autouse=True)
def _seal_kek(settings):
    settings.TONGBAN_SEAL_KEK = "test-seal-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = "https://tongban.example.gov.cn"


@pytest.fixture
def approval_seal(org_world):
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    return seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL)
