"""The same store on S3-compatible object storage: a real S3 server (moto) on 127.0.0.1, reached over HTTP
by django-storages, configured exactly as production is — TONGBAN_STORAGE=s3 and the S3_* variables read
by tongban/settings.py — and swapped in through the STORAGES setting.
"""

from __future__ import annotations

import runpy
import threading
import uuid

import pytest

from tongban import settings as settings_module
from tongban.files.models import Blob
from tongban.files.services import file_open, file_upload, file_verify_fixity
from tongban.files.tests import samples
from tongban.files.tests.samples import upload

boto3 = pytest.importorskip("boto3")
REGION = "cn-north-1"


@pytest.fixture(scope="module")
def s3_endpoint():
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:  # pragma: no cover - moto[server] is in the test extras
        pytest.skip(f"S3 test server unavailable: moto[server] is not installed ({exc})")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    # ThreadedMotoServer.start() waits forever if binding fails, so start it with a deadline of our own.
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(timeout=20)
    if starter.is_alive() or server._server is None:
        pytest.skip("S3 test server could not start on 127.0.0.1 within 20 s")
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch, tmp_path):
    """A fresh bucket, and STORAGES["default"] as tongban/settings.py builds it from the environment."""
    bucket = f"tongban-{uuid.uuid4().hex[:12]}"
    env = {
        "TONGBAN_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_ACCESS_KEY_ID": "test-access-key",
        "S3_SECRET_ACCESS_KEY": "test-secret-key",
        "S3_REGION": REGION,
        "TONGBAN_VAR_DIR": str(tmp_path),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    configured = runpy.run_path(settings_module.__file__)["STORAGES"]["default"]
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id="test-access-key",
        aws_secret_access_key="test-secret-key",
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": configured}
    return client, bucket


def _keys(client, bucket) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user("zhangsan", password="x")


def test_upload_lands_in_the_bucket_under_its_content_address(db, s3, citizen):
    client, bucket = s3
    data = samples.pdf("s3")
    stored = file_upload(actor=citizen, upload=upload("申请书.pdf", data, content_type="text/html"))
    blob = stored.blob
    assert _keys(client, bucket) == [blob.storage_name]
    obj = client.get_object(Bucket=bucket, Key=blob.storage_name)
    assert obj["Body"].read() == data
    assert obj["ContentType"] == "application/pdf"  # the detected type, never the client's text/html


def test_identical_uploads_share_one_object(db, s3, citizen):
    client, bucket = s3
    a = file_upload(actor=citizen, upload=upload("a.png", samples.png("same")))
    b = file_upload(actor=citizen, upload=upload("b.png", samples.png("same")))
    assert a.blob_id == b.blob_id and Blob.objects.count() == 1
    assert _keys(client, bucket) == [a.blob.storage_name]


def test_refused_upload_leaves_the_bucket_empty(db, s3, citizen):
    client, bucket = s3
    from tongban.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="实际内容为 PNG 图片"):
        file_upload(actor=citizen, upload=upload("a.pdf", samples.png()))
    assert _keys(client, bucket) == [] and not Blob.objects.exists()


def test_read_and_fixity_through_s3(db, s3, citizen):
    client, bucket = s3
    data = samples.ooxml("docx", "s3")
    stored = file_upload(actor=citizen, upload=upload("a.docx", data))
    with file_open(actor=citizen, stored_file=stored) as stream:
        assert stream.read() == data
    assert file_verify_fixity(stored.blob).ok

    tampered = bytearray(data)
    tampered[100] ^= 0xFF
    client.put_object(Bucket=bucket, Key=stored.blob.storage_name, Body=bytes(tampered))
    assert not file_verify_fixity(stored.blob).ok

    client.delete_object(Bucket=bucket, Key=stored.blob.storage_name)
    assert file_verify_fixity(stored.blob).missing


def test_download_through_the_api_from_s3(db, s3, client, citizen):
    data = samples.jpeg("s3")
    client.force_login(citizen)
    created = client.post("/api/v1/files", {"file": upload("照片.jpg", data)}).json()
    response = client.get(f"/api/v1/files/{created['id']}/content")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == data
