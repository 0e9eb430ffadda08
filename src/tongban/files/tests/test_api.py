"""The HTTP API through Django's test client: upload, metadata, download, refusals as problem+json."""

import json
from urllib.parse import quote

import pytest

from tongban.audit.models import AuditEntry
from tongban.files.models import Blob, StoredFile
from tongban.files.tests import samples
from tongban.files.tests.samples import stored_objects, upload

URL = "/api/v1/files"


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user("zhangsan", password="x")


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _post(client, name, data, **extra):
    return client.post(URL, {"file": upload(name, data, content_type="image/png"), **extra})


def test_upload_returns_201_with_the_digests(client_of, citizen):
    data = samples.pdf("api")
    response = _post(client_of(citizen), "营业执照.pdf", data, purpose="营业执照")
    assert response.status_code == 201, response.content
    body = response.json()
    blob = Blob.objects.get()
    assert body == {
        "id": StoredFile.objects.get().pk,
        "filename": "营业执照.pdf",
        "size": len(data),
        "sha256": blob.sha256,
        "sm3": blob.sm3,
        "content_type": "application/pdf",  # from the bytes, not the client's image/png
        "purpose": "营业执照",
        "created_at": body["created_at"],
    }


def test_metadata(client_of, citizen):
    c = client_of(citizen)
    created = _post(c, "表.xlsx", samples.ooxml("xlsx")).json()
    response = c.get(f"{URL}/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


def test_download_has_type_length_and_an_rfc6266_chinese_filename(client_of, citizen):
    c = client_of(citizen)
    data = samples.png("下载")
    created = _post(c, "身份证 正面.png", data).json()
    response = c.get(f"{URL}/{created['id']}/content")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"download.png\"; filename*=UTF-8''" + quote("身份证 正面.png", safe="")
    )
    assert b"".join(response.streaming_content) == data  # the test client closes the response at the end
    assert AuditEntry.objects.filter(action="file.read", target_id=str(created["id"])).count() == 1


def test_download_ascii_name_is_kept_in_both_forms(client_of, citizen):
    c = client_of(citizen)
    created = _post(c, 'report "final".pdf', samples.pdf()).json()
    response = c.get(f"{URL}/{created['id']}/content")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"report \\\"final\\\".pdf\"; filename*=UTF-8''report%20%22final%22.pdf"
    )
    assert b"".join(response.streaming_content) == samples.pdf()


@pytest.mark.parametrize(
    "name, data, detail",
    [
        ("营业执照.pdf", samples.png(), "文件内容与扩展名不符：扩展名为 .pdf，实际内容为 PNG 图片"),
        ("a.exe", b"MZ" + bytes(64), "文件类型不被接受：仅支持 PDF、OFD、JPG、PNG、Word、Excel、PowerPoint（实际内容为 .exe 文件）"),
        ("空.pdf", b"", "文件为空：请选择有内容的文件"),
    ],
)
def test_refusals_are_problem_json_422_in_chinese(client_of, citizen, file_storage, name, data, detail):
    response = _post(client_of(citizen), name, data)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["detail"] == detail and body["title"] == "输入有误" and body["errors"]["file"] == [detail]
    assert not Blob.objects.exists() and stored_objects(file_storage) == []


def test_too_large_is_refused_and_leaves_no_temp_file(client_of, citizen, file_storage, settings, tmp_path):
    # Uploads above the in-memory threshold are spooled by Django to a temporary file: none may survive.
    temp_dir = tmp_path / "upload-tmp"
    temp_dir.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp_dir)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.TONGBAN_UPLOAD_MAX_BYTES = 4096
    c = client_of(citizen)
    response = _post(c, "大.pdf", samples.pdf().ljust(5000, b" "))
    assert response.status_code == 422
    assert response.json()["detail"] == "文件超过 4 KB 上限"
    accepted = _post(c, "小.pdf", samples.pdf().ljust(3000, b" "))
    assert accepted.status_code == 201
    assert list(temp_dir.iterdir()) == []
    assert len(stored_objects(file_storage)) == 1


def test_missing_file_field_is_422(client_of, citizen):
    response = client_of(citizen).post(URL, {"purpose": "x"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "file" in response.json()["errors"]


def test_anonymous_is_401(client, db):
    assert client.post(URL, {"file": upload("a.pdf", samples.pdf())}).status_code == 401
    assert client.get(f"{URL}/1").status_code == 401
    assert not Blob.objects.exists()


def test_another_citizen_gets_404_for_metadata_and_content(client_of, citizen, django_user_model):
    created = _post(client_of(citizen), "a.pdf", samples.pdf()).json()
    c = client_of(django_user_model.objects.create_user("lisi", password="x"))
    for path in (f"{URL}/{created['id']}", f"{URL}/{created['id']}/content"):
        response = c.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "文件不存在或无权查看"
    assert not AuditEntry.objects.filter(action="file.read").exists()


def test_staff_can_fetch_a_citizens_file(client_of, citizen, org_world):
    created = _post(client_of(citizen), "a.pdf", samples.pdf()).json()
    c = client_of(org_world.reviewer_a.user)
    assert c.get(f"{URL}/{created['id']}").json()["sha256"] == created["sha256"]
    response = c.get(f"{URL}/{created['id']}/content")
    assert b"".join(response.streaming_content) == samples.pdf()


def test_unknown_id_is_404(client_of, org_world):
    assert client_of(org_world.admin.user).get(f"{URL}/999999").status_code == 404


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/files" in schema["paths"]
    assert "/api/v1/files/{file_id}/content" in schema["paths"]
    upload_op = schema["paths"]["/api/v1/files"]["post"]
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
