import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tongban.audit.models import AuditEntry
from tongban.holidays.models import CalendarDay, HolidaySchedule

from .samples import DAYS, csv_text

IMPORT_URL = "/admin/holidays/holidayschedule/import/"


def _staff_login(client, staff):
    staff.user.is_staff = True
    staff.user.save()
    client.force_login(staff.user)
    return client


def _file(text):
    return SimpleUploadedFile("2027.csv", text.encode(), content_type="text/csv")


@pytest.fixture
def admin_client(client, org_world):
    return _staff_login(client, org_world.admin)


def test_changelist_links_to_the_import_page(admin_client):
    page = admin_client.get("/admin/holidays/holidayschedule/")
    assert page.status_code == 200
    assert IMPORT_URL.encode() in page.content and "2026 年节假日安排".encode() in page.content


def test_system_admin_imports_a_file(admin_client):
    assert admin_client.get(IMPORT_URL).status_code == 200
    response = admin_client.post(IMPORT_URL, {"file": _file(csv_text())})
    schedule = HolidaySchedule.objects.get(year=2027)
    assert response.status_code == 302 and response["Location"].endswith(f"/{schedule.pk}/change/")
    assert schedule.days.count() == 27


def test_a_bad_file_shows_every_problem_and_changes_nothing(admin_client):
    rows = list(DAYS)
    rows[6] = ("2027-02-08", "makeup_workday", "春节")
    page = admin_client.post(IMPORT_URL, {"file": _file(csv_text(rows))})
    assert page.status_code == 200
    assert "第 13 行：2027-02-08 是星期一，调休上班日必须是周六或周日。" in page.content.decode()
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_other_staff_may_not_import(client, org_world):
    _staff_login(client, org_world.clerk)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": _file(csv_text())}).status_code == 403
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_editing_a_day_in_the_admin_is_validated_and_audited(admin_client):
    schedule = HolidaySchedule.objects.get(year=2026)
    days = list(schedule.days.order_by("date"))
    data = {
        "year": 2026,
        "notice_title": schedule.notice_title,
        "notice_number": "",
        "notice_url": schedule.notice_url,
        "published_on": "2025-11-04",
        "days-TOTAL_FORMS": str(len(days) + 1),
        "days-INITIAL_FORMS": str(len(days)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, d in enumerate(days):
        data.update(
            {
                f"days-{i}-id": d.pk,
                f"days-{i}-schedule": schedule.pk,
                f"days-{i}-date": d.date.isoformat(),
                f"days-{i}-kind": d.kind,
                f"days-{i}-name": d.name,
            }
        )
    n = len(days)
    data.update(
        {
            f"days-{n}-schedule": schedule.pk,
            f"days-{n}-date": "2026-03-02",
            f"days-{n}-kind": "makeup_workday",
            f"days-{n}-name": "测试",
        }
    )
    url = f"/admin/holidays/holidayschedule/{schedule.pk}/change/"
    page = admin_client.post(url, data)
    assert page.status_code == 200 and "调休上班日必须是周六或周日" in page.content.decode()
    assert not CalendarDay.objects.filter(date="2026-03-02").exists()
    data[f"days-{n}-kind"] = "holiday"
    assert admin_client.post(url, data).status_code == 302
    assert CalendarDay.objects.get(date="2026-03-02").name == "测试"
    schedule.refresh_from_db()
    assert schedule.source == "admin"
    assert AuditEntry.objects.filter(action="admin.create", target_type="holidays.calendarday").exists()
