"""The trading API: the same ranking, flags and decisions as the pages, for 交易监管人员 only."""

import pytest

from tongban.trading import services
from tongban.trading.models import Decision, Lot
from tongban.trading.tests.factories import csv_bytes, honest_lot, trading_world
from tongban.trading.tests.test_services import rigged_lot


@pytest.fixture
def w(org_world):
    w = trading_world(org_world)
    services.trading_import(actor=None, format="csv", content=csv_bytes(honest_lot() + rigged_lot()),
                            filename="m.csv")
    w.honest, w.rigged = Lot.objects.get(project__code="P-1"), Lot.objects.get(project__code="P-R")
    return w


def test_ranked_lots_and_one_lot(client, w):
    client.force_login(w.trading.user)
    body = client.get("/api/v1/trading/lots").json()
    assert body["count"] == 2 and [i["lot_id"] for i in body["items"]] == [w.rigged.pk, w.honest.pk]
    assert {"F2", "F8", "F9"} <= set(body["items"][0]["flags"]) and body["items"][0]["method"] == "rules_screens"
    assert client.get("/api/v1/trading/lots", {"sector": "water"}).json()["count"] == 0
    lot = client.get(f"/api/v1/trading/lots/{w.rigged.pk}").json()
    f2 = next(f for f in lot["flag_details"] if f["code"] == "F2")
    assert "第四十条第（一）项" in f2["legal_basis"] and f2["evidence"][0]["value"] == "00-AA-BB-CC-DD-EE"


def test_decisions(client, w):
    client.force_login(w.trading.user)
    url = f"/api/v1/trading/lots/{w.honest.pk}/decisions"
    response = client.post(url, {"outcome": "dismissed", "reason": "报价分布正常，排除。"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "dismissed"
    assert response.json()["decisions"][0]["reason"] == "报价分布正常，排除。"
    refused = client.post(url, {"outcome": "referred", "reason": "直接移送"}, content_type="application/json")
    assert refused.status_code == 422 and "移送函" in refused.json()["detail"]
    assert Decision.objects.count() == 1


def test_other_roles_are_refused(client, w):
    client.force_login(w.reviewer_a.user)
    assert client.get("/api/v1/trading/lots").status_code == 403
    response = client.post(f"/api/v1/trading/lots/{w.honest.pk}/decisions",
                           {"outcome": "dismissed", "reason": "理由充分的说明"}, content_type="application/json")
    assert response.status_code == 403 and not Decision.objects.exists()
