import pytest

from tongban.catalog.models import ItemVersion
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec


@pytest.fixture
def w(org_world):
    return catalogue_people(org_world)


def _post(client, url, data=None):
    return client.post(url, data=data or {}, content_type="application/json")


def _publish_through_api(client, w, spec=None):
    client.force_login(w.market_admin.user)
    created = _post(client, "/api/v1/catalog/items", {"code": FOOD_CODE, "owner_id": w.market.pk, "spec": spec or food_spec()})
    assert created.status_code == 201, created.content
    vid = created.json()["id"]
    assert _post(client, f"/api/v1/catalog/versions/{vid}/submit").json()["status"] == "submitted"
    client.force_login(w.bureau_reviewer.user)
    published = _post(client, f"/api/v1/catalog/versions/{vid}/review", {"approve": True})
    assert published.json()["status"] == "published"
    return vid


def test_a_whole_publication_through_the_api_and_the_public_guide(w, client):
    _publish_through_api(client, w)
    client.logout()
    guide = client.get(f"/api/v1/catalog/items/{FOOD_CODE}")
    assert guide.status_code == 200
    body = guide.json()
    assert body["spec"]["name"] == "食品经营许可" and body["spec"]["promised_days"] == 10
    assert [m["name"] for m in body["spec"]["materials"]][0] == "食品经营许可申请书"
    listing = client.get("/api/v1/catalog/items").json()
    assert [row["name"] for row in listing] == ["食品经营许可"]


def test_drafts_are_hidden_from_the_public_and_other_departments(w, client):
    client.force_login(w.market_admin.user)
    vid = _post(client, "/api/v1/catalog/items", {"code": FOOD_CODE, "owner_id": w.market.pk, "spec": food_spec()}).json()["id"]
    client.logout()
    assert client.get(f"/api/v1/catalog/versions/{vid}").status_code == 401
    client.force_login(w.reviewer_b.user)  # a health reviewer
    assert client.get(f"/api/v1/catalog/versions/{vid}").status_code == 404
    assert client.get(f"/api/v1/catalog/items/{FOOD_CODE}").status_code == 404  # nothing published yet


def test_invalid_spec_returns_chinese_problem_and_creates_nothing(w, client):
    client.force_login(w.market_admin.user)
    response = _post(client, "/api/v1/catalog/items",
                     {"code": FOOD_CODE, "owner_id": w.market.pk, "spec": food_spec(promised_days=30)})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert any("超过法定时限" in m for msgs in response.json()["errors"].values() for m in msgs)
    assert not ItemVersion.objects.exists()


def test_version_diff_through_the_api(w, client):
    v1 = _publish_through_api(client, w)
    client.force_login(w.market_admin.user)
    v2 = _post(client, f"/api/v1/catalog/items/{FOOD_CODE}/versions").json()["id"]
    spec = food_spec(materials=food_spec()["materials"][:3], change_note="减材料：取消委托书")
    assert client.put(f"/api/v1/catalog/versions/{v2}", data=spec, content_type="application/json").status_code == 200
    changes = client.get(f"/api/v1/catalog/versions/{v2}/diff?against={v1}").json()["changes"]
    materials = next(c for c in changes if c["field"] == "materials")
    assert [m["name"] for m in materials["removed"]] == ["委托书"] and materials["added"] == []


def test_indicators(w, client):
    _publish_through_api(client, w)
    figures = client.get("/api/v1/catalog/indicators").json()
    assert figures["overall"]["items"] == 1
    assert figures["overall"]["online_rate"] == 1.0 and figures["overall"]["zero_visit_rate"] == 1.0
    assert figures["overall"]["time_compression_rate"] == 0.5  # 10 promised of 20 statutory
    assert figures["departments"][0]["department"] == "苏州市市场监督管理局"
    assert figures["overall"]["by_type"] == {"行政许可": 1}
