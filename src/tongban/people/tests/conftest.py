"""Fixtures for the people tests: the org world, portal applicants and valid identity numbers."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from tongban.people.identity import id_check_character, uscc_check_character


def id_number(first17: str) -> str:
    """A valid GB 11643 number from its first 17 digits."""
    return first17 + id_check_character(first17)


def uscc(first17: str) -> str:
    return first17 + uscc_check_character(first17)


# 苏州 姑苏区, born 1990-03-07, sequence 123 (odd: male).
ZHANG_ID = id_number("32050819900307123")
# 苏州 姑苏区, born 1985-11-20, sequence 246 (even: female).
LI_ID = id_number("32050819851120246")
WANG_ID = id_number("11010519491231002")
COMPANY_USCC = "91110000600037341L"  # a real, published code (GB 32100 check verified)


@pytest.fixture
def world(org_world):
    return org_world


@pytest.fixture
def clerk(world):
    return world.clerk.user


@pytest.fixture
def applicant(db, django_user_model):
    return django_user_model.objects.create_user("zhangsan", password="pw-zhangsan")


@pytest.fixture
def other_applicant(db, django_user_model):
    return django_user_model.objects.create_user("lisi", password="pw-lisi")


@pytest.fixture
def rf_request():
    def make(ip: str = "10.20.30.40"):
        return RequestFactory().get("/", REMOTE_ADDR=ip)

    return make
