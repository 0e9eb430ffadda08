import pytest

from tongban.holidays.models import HolidaySchedule

from .samples import DAYS, csv_text

BASE = "/api/v1/calendar"


@pytest.fixture
def clerk_client(client, org_world):
    client.force_login(org_world.clerk.user)
    return client


@pytest.fixture
def admin_client(client, org_world):
    client.force_login(org_world.admin.user)
    return client


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_anonymous_is_refused(client, db):
    assert _problem(client.get(f"{BASE}/years"), 401)["code"] == "not_authenticated"


def test_years(clerk_client):
    body = clerk_client.get(f"{BASE}/years").json()
    assert [y["year"] for y in body] == list(range(2004, 2027))
    y2026 = body[-1]
    assert (y2026["holidays"], y2026["makeup_workdays"], y2026["source"]) == (33, 6, "chinesecalendar")
    assert y2026["notice_title"] == "国务院办公厅关于2026年部分节假日安排的通知"


def test_add_and_between(clerk_client):
    assert clerk_client.get(f"{BASE}/add", {"start": "2025-01-20", "days": 20}).json() == {
        "start": "2025-01-20",
        "days": 20,
        "result": "2025-02-21",
    }
    assert (
        clerk_client.get(f"{BASE}/between", {"start": "2025-01-20", "end": "2025-02-21"}).json()["workdays"]
        == 20
    )
    assert (
        clerk_client.get(f"{BASE}/between", {"start": "2025-02-21", "end": "2025-01-20"}).json()["workdays"]
        == -20
    )


def test_unloaded_year_is_a_422_problem(clerk_client):
    body = _problem(clerk_client.get(f"{BASE}/add", {"start": "2026-12-20", "days": 20}), 422)
    assert body["code"] == "calendar_not_loaded"
    assert body["detail"].startswith("2027 年的节假日安排尚未导入")


def test_malformed_query_is_a_422_problem(clerk_client):
    body = _problem(clerk_client.get(f"{BASE}/add", {"start": "2025-02-30", "days": 20}), 422)
    assert body["code"] == "validation_failed" and "start" in body["errors"]
    body = _problem(clerk_client.get(f"{BASE}/add", {"start": "2025-01-20", "days": 99999}), 422)
    assert "days" in body["errors"]


def _upload(text, name="2027.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_by_a_system_admin(admin_client):
    response = admin_client.post(f"{BASE}/import", {"file": _upload(csv_text())})
    assert response.status_code == 201, response.content
    assert response.json() == {
        "year": 2027,
        "notice_title": "测试样例：2027年部分节假日安排（非真实通知）",
        "holidays": 23,
        "makeup_workdays": 4,
    }
    assert (
        admin_client.get(f"{BASE}/add", {"start": "2026-12-20", "days": 20}).json()["result"] == "2027-01-18"
    )
    again = _problem(admin_client.post(f"{BASE}/import", {"file": _upload(csv_text())}), 409)
    assert again["code"] == "calendar_year_loaded"
    replaced = admin_client.post(f"{BASE}/import", {"file": _upload(csv_text()), "replace": "true"})
    assert replaced.status_code == 201


def test_import_by_anyone_else_is_a_403_problem(clerk_client):
    body = _problem(clerk_client.post(f"{BASE}/import", {"file": _upload(csv_text())}), 403)
    assert body["code"] == "permission_denied"
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_a_bad_file_is_a_422_problem_naming_the_lines(admin_client):
    rows = list(DAYS)
    rows[1] = ("2027-01-02", "放假了", "元旦")
    body = _problem(admin_client.post(f"{BASE}/import", {"file": _upload(csv_text(rows))}), 422)
    assert body["code"] == "calendar_import_invalid"
    assert body["errors"] == {
        "第 8 行": ["类型“放假了”不认识，应为 holiday（放假）或 makeup_workday（调休上班）。"]
    }
    assert not HolidaySchedule.objects.filter(year=2027).exists()
