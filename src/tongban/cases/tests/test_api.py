"""The cases API as an external system or a mobile app uses it: a whole case through HTTP only.

Staff authenticate with bearer tokens (as an integrating system would); the applicant with a session.
Everything runs on today's date (the statutory dates themselves are checked in test_lifecycle.py).
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.cases.models import Case, CaseEvent, Delivery, Notification
from tongban.files.tests.samples import pdf
from tongban.org.models import Hall, Role, Window
from tongban.org.services import api_token_issue
from tongban.people.identity import id_check_character
from tongban.people.services import person_register
from tongban.seals.documents_models import IssuedDocument

URL = "/api/v1/cases"
PROBLEM = "application/problem+json"


class Api:
    """A client for one user: bearer token for staff, a session for the applicant."""

    def __init__(self, user, *, token: bool):
        self.client = Client()
        self.headers = {}
        if token:
            _, raw = api_token_issue(actor=user, user=user, name="接口测试")
            self.headers["Authorization"] = f"Bearer {raw}"
        else:
            self.client.force_login(user)

    @staticmethod
    def url(path):
        return path if path.startswith("/") else f"{URL}/{path}" if path else URL

    def get(self, path, **params):
        return self.client.get(self.url(path), params, headers=self.headers)

    def post(self, path, body=None, headers=None):
        url = self.url(path)
        return self.client.post(url, json.dumps(body) if body is not None else "", content_type="application/json",
                                headers={**self.headers, **(headers or {})})

    def put(self, path, body, headers=None):
        return self.client.put(self.url(path), json.dumps(body), content_type="application/json",
                               headers={**self.headers, **(headers or {})})

    def upload(self, name):
        response = self.client.post("/api/v1/files", {"file": SimpleUploadedFile(f"{name}.pdf", pdf(name))},
                                    headers=self.headers)
        assert response.status_code == 201, response.content
        return response.json()["id"]


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def problem(response, status):
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@pytest.fixture
def apis(world):
    w = world
    return {
        "applicant": Api(w.applicant_user, token=False),
        "clerk": Api(w.clerk.user, token=True),
        "reviewer": Api(w.reviewer_a.user, token=True),
        "reviewer2": Api(w.reviewer_a2.user, token=True),
        "approver": Api(w.approver.user, token=True),
        "approver2": Api(w.approver2.user, token=True),
        "health": Api(w.reviewer_b.user, token=True),
        "inspector": Api(w.inspector.user, token=True),
    }


FORM = {"business_name": "张三小吃店", "uscc": "91350100M000100Y43", "has_agent": False}


def _draft(a, world, key="retry-0001"):
    return ok(a.post("", {"version_id": world.version.pk, "form_data": FORM}, headers={"Idempotency-Key": key}),
              201)


def _req(detail, name):
    return next(r["id"] for r in detail["requirements"] if r["name"] == name)


def _attach(a, case, name):
    return ok(a.post(f"{case['id']}/materials", {"requirement_id": _req(case, name), "file_id": a.upload(name)}),
              201)


def _submitted(apis, world, key="retry-0001"):
    a = apis["applicant"]
    case = _draft(a, world, key)
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        case = _attach(a, case, name)
    return ok(a.post(f"{case['id']}/submit", headers={"If-Match": f'"{case["row_version"]}"'}))


def _in_review(apis, world):
    case = _submitted(apis, world)
    return ok(apis["clerk"].post(f"{case['id']}/accept", {"expected_version": case["row_version"]}))


def _actions(detail):
    return {a["action"] for a in detail["allowed_actions"]}


def test_a_whole_case_through_the_api(world, apis):
    w, a = world, apis["applicant"]
    # Apply: a draft, the materials (uploaded through /api/v1/files), submit.
    case = _draft(a, w)
    assert case["status"] == "draft" and case["number"] is None
    assert {"update_form", "attach_material", "submit", "withdraw"} <= _actions(case)
    case = ok(a.put(f"{case['id']}/form", {"form_data": {**FORM, "business_name": "张三小吃店（观前街）"},
                                           "expected_version": case["row_version"]}))
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        case = _attach(a, case, name)
    assert [m["requirement_name"] for m in case["materials"]] == ["食品经营许可申请书", "食品安全管理制度"]
    submitted = a.post(f"{case['id']}/submit", headers={"If-Match": f'"{case["row_version"]}"'})
    case = ok(submitted)
    assert submitted["ETag"] == f'"{case["row_version"]}"'
    assert case["status"] == "received" and case["number"].startswith("20")
    assert case["form_data"]["business_name"] == "张三小吃店（观前街）"
    assert case["clocks"]["intake"]["status"] in ("正常", "临期") and case["clocks"]["intake"]["explanation"]
    assert "受理决定将于" in case["timeline"][-1]["summary"]  # the receipt
    cid = case["id"]

    # Intake: the window clerk sees it in their tasks and asks for a supplement, once, listing everything.
    clerk = apis["clerk"]
    tasks = ok(clerk.get("tasks"))
    assert tasks["count"] == 1 and tasks["items"][0]["id"] == cid and tasks["items"][0]["clock"]["kind"] == "intake"
    assert {"accept", "request_supplement", "refuse_intake"} <= _actions(ok(clerk.get(str(cid))))
    case = ok(clerk.post(f"{cid}/request-supplement", {"expected_version": case["row_version"], "items": [
        {"requirement_id": _req(case, "食品安全管理制度"), "reason": "未加盖公章"},
        {"requirement_id": _req(case, "营业执照"), "reason": "证照库未查到，请上传"}]}))
    assert case["status"] == "supplement_requested"
    assert [d["kind"] for d in case["documents"]] == ["supplement"]

    # The applicant answers exactly what was asked.
    case = ok(a.get(str(cid)))
    assert [i["name"] for i in case["supplement_requests"][0]["items"]] == ["食品安全管理制度", "营业执照"]
    assert {"attach_material", "submit_supplement"} <= _actions(case)
    for name in ("食品安全管理制度", "营业执照"):
        case = _attach(a, case, name)
    case = ok(a.post(f"{cid}/supplement", {"expected_version": case["row_version"]}))
    assert case["status"] == "received"

    case = ok(clerk.post(f"{cid}/accept", headers={"If-Match": f'"{case["row_version"]}"'}))
    assert case["status"] == "in_review" and case["acceptance"] == "explicit"
    assert case["clocks"]["decision"]["due"] == case["due_on"]
    assert [s["state"] for s in case["steps"]] == ["active", "pending"]

    # Review: the two-person fact check, the reviewer's opinion.
    reviewer = apis["reviewer"]
    assert ok(reviewer.get("tasks"))["items"][0]["id"] == cid
    system = _req(case, "食品安全管理制度")
    for who in ("reviewer", "reviewer2"):
        case = ok(apis[who].post(f"{cid}/fact-checks", {"requirement_id": system, "finding": "现场核查，制度上墙",
                                                        "expected_version": case["row_version"]}))
    assert "verify_fact" not in _actions(ok(reviewer.get(str(cid))))
    case = ok(reviewer.post(f"{cid}/steps/complete", {"opinion": "材料齐全，符合条件",
                                                      "expected_version": case["row_version"]}))
    assert case["steps"][1]["state"] == "active"

    # The approver: expert review stops the clock, an extension approved by a second approver, the decision.
    approver = apis["approver"]
    assert {"decide", "suspend", "return_step", "request_extension"} <= _actions(ok(approver.get(str(cid))))
    case = ok(approver.post(f"{cid}/suspend", {"reason": "专家评审", "expected_workdays": 5, "detail": "布局复杂",
                                               "expected_version": case["row_version"]}))
    # (Accepted today: the acceptance day itself never counts, so the clock shows 中止 from tomorrow.)
    assert case["suspensions"][0]["ended_on"] is None and case["suspensions"][0]["document_number"]
    assert "decide" not in _actions(ok(approver.get(str(cid))))
    case = ok(approver.post(f"{cid}/resume", {"expected_version": case["row_version"]}))
    due = case["clocks"]["decision"]["due"]
    case = ok(approver.post(f"{cid}/extension", {"reason": "需现场核查多处经营场所", "days": 5,
                                                 "expected_version": case["row_version"]}))
    assert "approve_extension" not in _actions(case)  # not by the one who asked
    assert "approve_extension" in _actions(ok(apis["approver2"].get(str(cid))))
    case = ok(apis["approver2"].post(f"{cid}/extension/approve", {"expected_version": case["row_version"]}))
    assert case["clocks"]["decision"]["due"] > due and case["extension"]["approved_on"]
    case = ok(approver.post(f"{cid}/decide", {"grant": True, "content": "准予食品经营许可（餐饮服务）",
                                              "expected_version": case["row_version"]}))
    assert case["status"] == "concluded" and case["decision"] == "grant"
    assert case["clocks"]["license"]["workdays_left"] == 10  # 第四十四条
    assert [o["step_name"] for o in case["opinions"]] == ["审查", "决定"]

    # The applicant: the sealed documents, the electronic delivery, the public timeline only.
    case = ok(a.get(str(cid)))
    kinds = [d["kind"] for d in case["documents"]]
    assert kinds == ["supplement", "acceptance", "special_procedure", "extension", "grant"]
    grant = case["documents"][-1]
    assert f"/{grant['token']}/" in grant["verify_url"]
    assert case["opinions"] == [] and case["fact_checks"] == []
    actions = [e["action"] for e in case["timeline"]]
    assert "verify_fact" not in actions and "complete_step" in actions
    assert all(e["public"] for e in case["timeline"])
    delivery = case["deliveries"][0]
    assert delivery["method"] == "electronic" and delivery["opened_at"] is None
    assert "open_delivery" in _actions(case)
    case = ok(a.post(f"{cid}/deliveries/{delivery['id']}/open"))
    assert case["deliveries"][0]["opened_at"] is not None
    download = a.client.get(grant["pdf_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action="case.document.download", actor_id=w.applicant_user.pk).exists()
    verification = Client().get(f"/api/v1/seals/documents/{grant['token']}").json()
    assert verification["valid"] and verification["document"]["kind"] == "grant"

    mine = ok(a.get("mine"))
    assert [row["id"] for row in mine["items"]] == [cid] and mine["items"][0]["status_label"] == "已办结"
    timeline = ok(reviewer.get(f"{cid}/timeline"))
    assert "verify_fact" in [e["action"] for e in timeline]  # staff see the internal steps

    # Notifications: listed, marked read one by one or all at once.
    inbox = ok(a.get("/api/v1/notifications"))
    assert inbox["count"] >= 5 and "决定书已送达" in [n["title"] for n in inbox["items"]]
    first = inbox["items"][0]
    read = ok(a.post(f"/api/v1/notifications/{first['id']}/read"))
    assert read["read_at"] is not None and read["case_number"] == case["number"]
    assert ok(a.post("/api/v1/notifications/read-all"))["marked"] == inbox["count"] - 1
    assert ok(a.get("/api/v1/notifications", unread="true"))["count"] == 0
    problem(apis["clerk"].post(f"/api/v1/notifications/{first['id']}/read"), 404)  # not theirs


def test_a_retried_creation_returns_the_same_case(world, apis):
    a = apis["applicant"]
    first = a.post("", {"item_code": world.version.item.code, "form_data": FORM},
                   headers={"Idempotency-Key": "3f0c9a52-7f0e-4c7b-9d4e-1f2a3b4c5d6e"})
    assert first.status_code == 201 and first["Location"] == f"{URL}/{first.json()['id']}"
    again = a.post("", {"item_code": world.version.item.code, "form_data": FORM},
                   headers={"Idempotency-Key": "3f0c9a52-7f0e-4c7b-9d4e-1f2a3b4c5d6e"})
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and Case.objects.count() == 1
    # Without a key every request is a new draft; a malformed key changes nothing.
    assert ok(a.post("", {"version_id": world.version.pk}), 201)["id"] != first.json()["id"]
    body = problem(a.post("", {"version_id": world.version.pk}, headers={"Idempotency-Key": "键" * 3}), 422)
    assert "Idempotency-Key" in body["errors"] and Case.objects.count() == 2


def test_prefer_return_minimal_answers_writes_with_the_reference_only(world, apis):
    a, lean = apis["applicant"], {"Prefer": "return=minimal"}
    created = a.post("", {"version_id": world.version.pk, "form_data": FORM}, headers=lean)
    case = ok(created, 201)
    assert set(case) == {"id", "number", "status", "status_label", "row_version"}
    assert (case["status"], case["status_label"], case["number"]) == ("draft", "草稿", None)
    assert created["Preference-Applied"] == "return=minimal" and created["ETag"] == f'"{case["row_version"]}"'
    full = ok(a.get(f"{case['id']}"))
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        attached = ok(a.post(f"{case['id']}/materials", {"requirement_id": _req(full, name),
                                                          "file_id": a.upload(name)}, headers=lean), 201)
        assert "requirements" not in attached
    submitted = ok(a.post(f"{case['id']}/submit", headers={**lean, "If-Match": f'"{attached["row_version"]}"'}))
    stored = Case.objects.get(pk=case["id"])
    assert (submitted["status"], submitted["number"], submitted["row_version"]) == (
        "received", stored.number, stored.row_version)
    # Without the preference (or with another one) a write answers with the whole case as before.
    saved = a.post(f"{case['id']}/withdraw", {"reason": "不办了"}, headers={"Prefer": "return=representation"})
    assert "timeline" in ok(saved) and "Preference-Applied" not in saved


def _snapshot(case_id):
    case = Case.objects.get(pk=case_id)
    return (case.status, case.row_version, CaseEvent.objects.filter(case=case).count(),
            IssuedDocument.objects.count(), Notification.objects.count(), AuditEntry.objects.count())


def test_a_stale_version_is_a_conflict_and_changes_nothing(world, apis):
    case = _submitted(apis, world)
    seen = case["row_version"]
    ok(apis["clerk"].post(f"{case['id']}/accept", {"expected_version": seen}))
    before = _snapshot(case["id"])
    # A second clerk acted on the page they loaded before the acceptance.
    body = problem(apis["clerk"].post(f"{case['id']}/refuse-intake", {"reasons": ["不符合"], "expected_version": seen}),
                   409)
    assert "已被他人处理" in body["detail"] and body["code"] == "conflict"
    body = problem(apis["reviewer"].post(f"{case['id']}/steps/complete", {"opinion": "同意"},
                                         headers={"If-Match": f'W/"{seen}"'}), 409)
    assert "请刷新后再操作" in body["detail"]
    assert _snapshot(case["id"]) == before
    # An action the state no longer allows is a conflict too, with the reason.
    body = problem(apis["clerk"].post(f"{case['id']}/accept"), 409)
    assert body["code"] == "transition_not_allowed" and "审查中" in body["detail"]
    # If-Match and expected_version must agree.
    body = problem(apis["reviewer"].post(f"{case['id']}/steps/complete", {"opinion": "同意", "expected_version": seen},
                                         headers={"If-Match": f'"{seen + 1}"'}), 422)
    assert "不一致" in body["detail"]
    assert _snapshot(case["id"]) == before


def test_invalid_requests_get_chinese_problems_and_change_nothing(world, apis):
    a = apis["applicant"]
    draft = _draft(a, world)
    # The service's checks: the form and the materials, each named.
    body = problem(a.post(f"{draft['id']}/submit"), 422)
    assert "请上传“食品经营许可申请书”" in body["detail"] and body["errors"]
    assert Case.objects.get(pk=draft["id"]).status == "draft"
    # The schema's checks, before any service runs.
    body = problem(a.post("", {"form_data": FORM}), 422)
    assert "选填一项" in json.dumps(body["errors"], ensure_ascii=False)
    body = problem(a.post("", {"version_id": 999999}), 422)
    assert "version_id" in body["errors"]
    body = problem(a.post(f"{draft['id']}/materials", {"requirement_id": _req(draft, "营业执照"), "file_id": 999999}),
                   422)
    assert "file_id" in body["errors"]

    case = _submitted(apis, world, key="k-2")
    before = _snapshot(case["id"])
    clerk = apis["clerk"]
    body = problem(clerk.post(f"{case['id']}/request-supplement", {"items": []}), 422)
    assert body["errors"] == {"items": ["至少填写 1 项"]}
    assert body["title"] == "输入有误" and "请求数据未通过校验" in body["detail"]
    body = problem(clerk.post(f"{case['id']}/refuse-intake", {"reasons": ["理由" * 200, "另一条理由" * 20]}), 422)
    assert body["errors"] == {"reasons": ["理由合计最多 450 个字"]}
    body = problem(clerk.post(f"{case['id']}/request-supplement", {"items": [{"requirement_id": "一", "reason": ""}]}),
                   422)
    assert set(body["errors"]) == {"items.0.requirement_id", "items.0.reason"}
    body = problem(clerk.post(f"{case['id']}/refuse-intake", {"reasons": ["不属于本机关"], "ground": "not_competent"}),
                   422)
    assert "有权受理的行政机关" in body["detail"]
    body = problem(clerk.post(f"{case['id']}/accept", headers={"If-Match": "yesterday"}), 422)
    assert "If-Match" in body["errors"]
    body = problem(apis["clerk"].get("queue", status="lost"), 422)
    assert "应为以下之一" in json.dumps(body["errors"], ensure_ascii=False)
    body = problem(apis["clerk"].get("tasks", limit=1000), 422)
    assert body["errors"]["limit"] == ["不能大于 100"]
    problem(apis["clerk"].get("tasks", offset=str(2**63)), 422)  # found by schemathesis: was a database error
    assert _snapshot(case["id"]) == before

    case = ok(clerk.post(f"{case['id']}/accept"))
    before = _snapshot(case["id"])
    body = problem(apis["approver"].post(f"{case['id']}/decide", {"reasons": []}), 422)
    assert body["errors"]["grant"] == ["必填"]
    body = problem(apis["approver"].post(f"{case['id']}/suspend", {"reason": "喝茶", "expected_workdays": 3}), 422)
    assert "不是本事项可用的特别程序" in body["detail"]
    assert _snapshot(case["id"]) == before


def test_other_departments_and_roles_cannot_see_or_act(world, apis):
    case = _in_review(apis, world)
    cid = case["id"]
    before = _snapshot(cid)
    # The health department's reviewer: the case does not exist for them.
    problem(apis["health"].get(str(cid)), 404)
    problem(apis["health"].post(f"{cid}/steps/complete", {"opinion": "同意"}), 404)
    assert ok(apis["health"].get("search", number=case["number"]))["count"] == 0
    # The market approver sees it, but the active step is the reviewer's.
    body = problem(apis["approver"].post(f"{cid}/steps/complete", {"opinion": "同意"}), 403)
    assert body["code"] == "permission_denied" and "权限" in body["detail"]
    # Staff cannot act for the applicant.
    problem(apis["reviewer"].post(f"{cid}/withdraw"), 403)
    assert _snapshot(cid) == before
    # Anonymous: 401 problem+json.
    body = problem(Client().get(f"{URL}/{cid}"), 401)
    assert body["code"] == "not_authenticated"
    # The inspector's region covers the market department: search and the overdue view work in scope.
    assert ok(apis["inspector"].get("search", applicant="张"))["items"][0]["id"] == cid
    assert ok(apis["inspector"].get("overdue"))["count"] == 0
    queue = ok(apis["reviewer"].get("queue", status="in_review"))
    assert [row["id"] for row in queue["items"]] == [cid] and queue["items"][0]["clock"]["kind"] == "decision"


def test_an_applicant_cannot_see_another_applicants_case(world, apis, django_user_model):
    case = _submitted(apis, world)
    other = django_user_model.objects.create_user("lisi", password="pw")
    person_register(actor=other, name="李四", id_number="11010519800101001" + id_check_character("11010519800101001"))
    b = Api(other, token=False)
    own_file = b.upload("食品安全管理制度")
    before = _snapshot(case["id"])
    problem(b.get(str(case["id"])), 404)
    problem(b.get(f"{case['id']}/timeline"), 404)
    problem(b.post(f"{case['id']}/withdraw"), 404)
    # The applicant's steps run without reading the case first; a refusal, a conflict (a stale version) or a
    # wrong material must still not tell a stranger that the case exists.
    problem(b.post(f"{case['id']}/submit", {"expected_version": 99}), 404)
    problem(b.post(f"{case['id']}/supplement"), 404)
    problem(b.post(f"{case['id']}/materials", {"requirement_id": _req(case, "食品安全管理制度"),
                                               "file_id": own_file}), 404)
    problem(b.post("999999/submit"), 404)
    problem(b.get(f"{case['id']}/documents/1/pdf"), 404)
    assert ok(b.get("mine"))["count"] == 0
    # Applying in someone else's name is refused.
    body = problem(b.post("", {"version_id": world.version.pk, "person_id": world.person.pk}), 403)
    assert "只能为本人申请" in body["detail"]
    assert _snapshot(case["id"]) == before


def test_withdraw_through_the_api(world, apis):
    case = _submitted(apis, world)
    case = ok(apis["applicant"].post(f"{case['id']}/withdraw", {"reason": "不开了",
                                                                "expected_version": case["row_version"]}))
    assert case["status"] == "withdrawn" and case["allowed_actions"] == []
    assert problem(apis["clerk"].post(f"{case['id']}/accept"), 409)["code"] == "transition_not_allowed"


def test_window_registration_and_delivery_by_other_means(world, apis):
    """A clerk registers an applicant without an online account; the decision waits for hand-over at the window."""
    w = world
    hall = Hall.objects.create(name="市政务服务中心", region=w.city, department=w.bureau, address="三香路")
    window = Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive", department=w.bureau)
    walk_in = person_register(actor=w.clerk.user, name="王五",
                              id_number="32050519900101001" + id_check_character("32050519900101001"))
    clerk = apis["clerk"]
    case = ok(clerk.post("", {"version_id": w.version.pk, "person_id": walk_in.pk, "channel": "window",
                              "window_id": window.pk, "form_data": FORM}), 201)
    assert case["channel"] == "window" and case["receiving_window_id"] == window.pk
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        case = _attach(clerk, case, name)
    cid = ok(clerk.post(f"{case['id']}/submit"))["id"]
    case = ok(clerk.post(f"{cid}/accept"))
    for who in ("reviewer", "reviewer2"):
        ok(apis[who].post(f"{cid}/fact-checks", {"requirement_id": _req(case, "食品安全管理制度"), "finding": "属实"}))
    ok(apis["reviewer"].post(f"{cid}/steps/complete", {"opinion": "同意"}))
    case = ok(apis["approver"].post(f"{cid}/decide", {"grant": False, "reasons": ["经营场所与生活区未有效隔离"]}))
    assert case["status"] == "decided" and case["deliveries"] == []
    assert "deliver" in _actions(ok(clerk.get(str(cid))))
    body = problem(clerk.post(f"{cid}/deliveries", {"method": "electronic", "note": "x"}), 422)
    assert "method" in body["errors"]
    case = ok(clerk.post(f"{cid}/deliveries", {"method": "in_person", "note": "王五本人于 1 号窗口领取",
                                               "expected_version": case["row_version"]}))
    assert case["status"] == "concluded"
    delivery = Delivery.objects.get(case_id=cid)
    assert delivery.method == "in_person" and delivery.document.kind == "denial"
    health_clerk = Api(make_staff("health_clerk", w.health, Role.WINDOW_CLERK).user, token=True)
    problem(health_clerk.get(str(cid)), 404)  # a functional department's clerk decides only its own intake


def test_the_openapi_document_describes_the_cases_api(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/cases", "/api/v1/cases/{case_id}/submit", "/api/v1/cases/{case_id}/accept",
                 "/api/v1/cases/{case_id}/request-supplement", "/api/v1/cases/{case_id}/decide",
                 "/api/v1/cases/tasks", "/api/v1/notifications"):
        assert path in paths
    for path in ("submit", "accept", "request-supplement", "decide"):
        op = paths[f"/api/v1/cases/{{case_id}}/{path}"]["post"]
        assert op["requestBody"]["content"]["application/json"]["examples"]
        assert op["responses"]["200"]["content"]["application/json"]["example"]["id"] == 42
        assert "ETag" in op["responses"]["200"]["headers"]
        for status in ("401", "403", "404", "409", "422"):
            assert "application/problem+json" in op["responses"][status]["content"]
    create = paths["/api/v1/cases"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in create["parameters"])
    assert "幂等" in create["description"]
