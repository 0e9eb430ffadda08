"""The bundles API end to end: the public guide, defining (with problem+json for bad input, nothing changed),
applying, one upload per material, submitting, the combined 补正 answered once, results."""

import json

from django.test import Client

from tongban.bundles.models import Bundle, BundleCase
from tongban.bundles.plan import plan_of
from tongban.bundles.tests.conftest import bundle_spec, upload


def _client(user=None):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _post(c, url, body):
    return c.post(url, json.dumps(body), content_type="application/json")


def test_the_guide_is_public_and_shows_the_savings(world):
    r = _client().get("/api/v1/bundles/guide/QYKB")
    assert r.status_code == 200
    data = r.json()
    assert [m["key"] for m in data["members"]] == ["setup", "seal", "social", "fund"]
    assert data["members"][1]["mode"] == "after" and data["members"][3]["condition_text"] == "是否招用员工为“是”"
    articles = next(m for m in data["materials"] if m["code"] == "articles")
    assert articles["items"] == ["公司设立登记", "社会保险登记"]
    assert data["savings"][0] == {"label": "申请表（份）", "separate": 4, "bundle": 1, "saved": 3, "percent": 75}
    assert _client().get("/api/v1/bundles").json()[0]["code"] == "QYKB"
    missing = _client().get("/api/v1/bundles/guide/NOPE")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_defining_with_a_bad_spec_is_a_chinese_problem_and_changes_nothing(world):
    c = _client(world.market_admin.user)
    bad = bundle_spec(members=[{"key": "setup", "item_code": "320A0001000000-320500000000-000-11320500MB0000001X-1-00",
                                "mode": "after", "after": "setup"}])
    r = _post(c, "/api/v1/bundles/definitions", {"code": "BAD1", "owner_department_id": world.market.pk, "spec": bad})
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert "一件事定义有误" in r.json()["detail"]
    assert not Bundle.objects.filter(code="BAD1").exists()
    r = _post(_client(world.staff["hr"].admin.user), "/api/v1/bundles/definitions",
              {"code": "X2", "owner_department_id": world.market.pk, "spec": bundle_spec()})
    assert r.status_code == 403
    r = _post(c, "/api/v1/bundles/definitions", {"code": "QYKB3", "owner_department_id": world.market.pk,
                                                  "spec": bundle_spec(name="企业开办一件事（试点）")})
    assert r.status_code == 201 and r.json()["status"] == "draft"
    r = _post(_client(world.bureau_reviewer.user), f"/api/v1/bundles/definitions/{r.json()['version_id']}/publish", {})
    assert r.status_code == 200 and r.json()["status"] == "published"


def test_apply_attach_submit_supplement_through_the_api(world, form, django_capture_on_commit_callbacks):
    c = _client(world.applicant_user)
    r = _post(c, "/api/v1/bundles/applications", {"bundle_code": "QYKB", "form_data": form})
    assert r.status_code == 201, r.content
    app = r.json()
    url = f"/api/v1/bundles/applications/{app['id']}"
    r = _post(c, url + "/submit", {})
    assert r.status_code == 422 and "请上传“公司章程”" in r.json()["detail"]
    r = _post(c, url + "/materials", {"code": "articles", "file_id": 999999})
    assert r.status_code == 422 and "file_id" in r.json()["errors"]
    for m in plan_of(world.bundle).materials:
        r = _post(c, url + "/materials", {"code": m.code, "file_id": upload(world.applicant_user, m.code).pk})
        assert r.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, url + "/submit", {"expected_version": 1})
    assert r.status_code == 409  # the uploads moved the row_version on: a stale view is refused
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, url + "/submit", {})
    body = r.json()
    assert r.status_code == 200 and body["status"] == "intake" and body["number"].endswith("000001")
    states = {m["key"]: m["state"] for m in body["members"]}
    assert states == {"setup": "started", "seal": "waiting", "social": "started", "fund": "started"}
    # The window gathers the missing items into one notice; the applicant may not.
    assert _post(c, url + "/request-supplement", {"items": [{"code": "articles", "reason": "x"}]}).status_code == 403
    clerk = _client(world.clerk.user)
    r = _post(clerk, url + "/request-supplement", {"items": [{"code": "articles", "reason": "未经全体股东签署"}]})
    assert r.status_code == 200 and r.json()["status"] == "supplement"
    assert r.json()["supplements"][0]["document"]["kind"] == "supplement"
    r = _post(c, url + "/materials", {"code": "articles", "file_id": upload(world.applicant_user, "新章程").pk})
    assert r.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, url + "/supplement", {})
    assert r.status_code == 200 and r.json()["status"] == "intake"
    assert c.get(url + "/results").json() == []
    assert _client().get(url).status_code == 401
    from django.contrib.auth import get_user_model

    nosy = get_user_model().objects.create_user("nosy", password="pw")
    assert _client(nosy).get(url).status_code == 404
    assert BundleCase.objects.count() == 1


def test_openapi_documents_the_bundles(world):
    schema = _client(world.applicant_user).get("/api/v1/openapi.json").json()
    assert "/api/v1/bundles/applications/{application_id}/request-supplement" in schema["paths"]
    op = schema["paths"]["/api/v1/bundles/definitions"]["post"]
    assert "application/problem+json" in op["responses"]["422"]["content"]
