"""The admin lists every trading model for a superuser, masks numbers in the bidder list, and keeps the analytics
results read-only."""

import pytest
from django.urls import reverse

from tongban.trading import services
from tongban.trading.models import Bidder
from tongban.trading.tests.factories import csv_bytes, honest_lot, id_number, trading_world


@pytest.fixture
def admin_client(client, org_world):
    w = trading_world(org_world)
    user = w.admin.user
    user.is_staff = user.is_superuser = True
    user.save()
    rows = honest_lot()
    rows[0].update(legal_representative="王五", legal_representative_id_number=id_number(5))
    services.trading_import(actor=None, format="csv", content=csv_bytes(rows), filename="a.csv")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["project", "lot", "bidder", "bid", "companyrelation", "importbatch", "flag",
                                   "tenderassessment", "decision"])
def test_changelists_load(admin_client, model):
    assert admin_client.get(reverse(f"admin:trading_{model}_changelist")).status_code == 200


def test_bidder_list_is_masked(admin_client):
    page = admin_client.get(reverse("admin:trading_bidder_changelist")).content.decode()
    bidder = Bidder.objects.get(name="投标人1")
    assert bidder.uscc not in page and bidder.masked_uscc in page and "王*" in page


def test_results_are_read_only(admin_client):
    assert admin_client.get(reverse("admin:trading_flag_add")).status_code == 403
    assert admin_client.get(reverse("admin:trading_decision_add")).status_code == 403
