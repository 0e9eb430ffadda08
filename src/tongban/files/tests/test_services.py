"""Uploading, deduplication, reading with permission, and fixity — against a real store and database."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tongban.audit.models import AuditEntry
from tongban.core.errors import NotFound, PermissionDenied, ValidationFailed
from tongban.files.models import Blob, StoredFile
from tongban.files.services import file_open, file_upload, file_verify_fixity
from tongban.files.tests import samples
from tongban.files.tests.samples import stored_objects, upload


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user("zhangsan", password="x")


@pytest.fixture
def other_citizen(django_user_model):
    return django_user_model.objects.create_user("lisi", password="x")


@pytest.mark.parametrize("key", sorted(samples.BY_KIND))
def test_every_accepted_kind_is_stored_with_its_digests(db, citizen, file_storage, key):
    build, ext = samples.BY_KIND[key]
    data = build("申请")
    stored = file_upload(actor=citizen, upload=upload("材料" + ext, data), purpose="申请材料")

    blob = stored.blob
    assert stored.filename == "材料" + ext and stored.uploaded_by == citizen and stored.purpose == "申请材料"
    assert blob.size == len(data)
    assert blob.storage_name == f"blobs/{blob.sha256[:2]}/{blob.sha256[2:4]}/{blob.sha256}"
    assert (file_storage / blob.storage_name).read_bytes() == data
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert len(blob.sm3) == 64 and blob.sm3 != blob.sha256


def test_content_type_comes_from_the_bytes_not_the_client(db, citizen):
    stored = file_upload(actor=citizen, upload=upload("照片.png", samples.png(), content_type="application/pdf"))
    assert stored.blob.content_type == "image/png"


def test_stored_sm3_is_computed_over_the_whole_upload_in_chunks(db, citizen, monkeypatch):
    # Several read chunks, so the streaming pass is exercised; the expected value comes from one-shot hashing.
    from cryptography.hazmat.primitives import hashes

    from tongban.files import services

    monkeypatch.setattr(services, "CHUNK", 7)
    data = samples.pdf("chunked" * 20)
    stored = file_upload(actor=citizen, upload=upload("a.pdf", data))
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    assert stored.blob.sm3 == h.finalize().hex()


def test_identical_content_is_stored_once(db, citizen, other_citizen, file_storage):
    data = samples.pdf("same")
    a = file_upload(actor=citizen, upload=upload("申请书.pdf", data))
    b = file_upload(actor=other_citizen, upload=upload("另一个名字.pdf", data), purpose="补正材料")
    assert a.pk != b.pk and a.blob_id == b.blob_id
    assert Blob.objects.count() == 1 and StoredFile.objects.count() == 2
    assert stored_objects(file_storage) == [a.blob.storage_name]
    assert [e.data["new_content"] for e in AuditEntry.objects.filter(action="file.upload").order_by("seq")] == [True, False]


def test_upload_is_audited(db, citizen):
    stored = file_upload(actor=citizen, upload=upload("营业执照.pdf", samples.pdf()), purpose="营业执照")
    entry = AuditEntry.objects.get(action="file.upload")
    assert entry.actor_id == citizen.pk
    assert entry.target_type == "files.storedfile" and entry.target_id == str(stored.pk)
    assert "营业执照.pdf" in entry.summary
    assert entry.data["sha256"] == stored.blob.sha256 and entry.data["purpose"] == "营业执照"


def _assert_nothing_left(file_storage):
    assert Blob.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert stored_objects(file_storage) == []
    assert not AuditEntry.objects.filter(action="file.upload").exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("空.pdf", b"", "文件为空：请选择有内容的文件"),
        ("病毒.exe", b"MZ\x90\x00" + bytes(100), "文件类型不被接受：仅支持 PDF、OFD、JPG、PNG、Word、Excel、PowerPoint"),
        ("营业执照.pdf", samples.png(), "文件内容与扩展名不符：扩展名为 .pdf，实际内容为 PNG 图片"),
        ("宏.docx", samples.ooxml("docx", extra={"word/vbaProject.bin": b"x"}), "文件含有宏代码"),
        ("说明.txt", b"%PDF-1.4 but named txt", "文件内容与扩展名不符：扩展名为 .txt，实际内容为 PDF 文档"),
    ],
)
def test_refused_uploads_leave_nothing_behind(db, citizen, file_storage, name, data, message):
    with pytest.raises(ValidationFailed) as exc:
        file_upload(actor=citizen, upload=upload(name, data))
    assert exc.value.detail.startswith(message)
    _assert_nothing_left(file_storage)


def test_size_limit_comes_from_settings(db, citizen, file_storage, settings):
    settings.TONGBAN_UPLOAD_MAX_BYTES = 1024
    file_upload(actor=citizen, upload=upload("小.pdf", samples.pdf().ljust(1024, b" ")))
    with pytest.raises(ValidationFailed) as exc:
        file_upload(actor=citizen, upload=upload("大.pdf", samples.pdf().ljust(1025, b" ")))
    assert exc.value.detail == "文件超过 1 KB 上限"
    assert Blob.objects.count() == 1


def test_default_limit_is_50_mb(db, citizen, file_storage, settings):
    assert settings.TONGBAN_UPLOAD_MAX_BYTES == 50 * 1024 * 1024
    big = ContentFile(samples.pdf() + bytes(50 * 1024 * 1024), name="大文件.pdf")
    with pytest.raises(ValidationFailed, match="^文件超过 50 MB 上限$"):
        file_upload(actor=citizen, upload=big)
    _assert_nothing_left(file_storage)


def test_a_lying_declared_size_does_not_pass_the_limit(db, citizen, file_storage, settings):
    settings.TONGBAN_UPLOAD_MAX_BYTES = 1024
    f = upload("a.pdf", samples.pdf().ljust(4096, b" "))
    f.size = 10  # the declared size says small; the bytes say otherwise
    with pytest.raises(ValidationFailed, match="文件超过 1 KB 上限"):
        file_upload(actor=citizen, upload=f)
    _assert_nothing_left(file_storage)


def test_anonymous_user_cannot_upload(db, file_storage):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        file_upload(actor=AnonymousUser(), upload=upload("a.pdf", samples.pdf()))
    _assert_nothing_left(file_storage)


def test_system_upload_has_no_uploader(db):
    stored = file_upload(actor=None, upload=ContentFile(samples.pdf(), name="决定书.pdf"), purpose="决定书")
    assert stored.uploaded_by is None
    assert AuditEntry.objects.get(action="file.upload").actor_label == "系统"


def test_failure_after_writing_removes_the_new_object(db, citizen, file_storage, monkeypatch):
    from tongban.files import services

    def broken_audit(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    _assert_nothing_left(file_storage)


def test_failure_when_reusing_content_keeps_the_shared_object(db, citizen, file_storage, monkeypatch):
    from tongban.files import services

    first = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    monkeypatch.setattr(services, "audit_record", lambda **kw: (_ for _ in ()).throw(RuntimeError("down")))
    with pytest.raises(RuntimeError):
        file_upload(actor=citizen, upload=upload("b.pdf", samples.pdf()))
    assert stored_objects(file_storage) == [first.blob.storage_name]
    assert file_verify_fixity(first.blob).ok


def test_an_orphaned_partial_object_is_rewritten(db, citizen, file_storage):
    # A crash after writing left half the bytes under the content address, with no Blob row.
    data = samples.pdf("orphan")
    from tongban.files.domain import digest_chunks
    from tongban.files.models import blob_storage_name

    name = blob_storage_name(digest_chunks([data]).sha256)
    storages["default"].save(name, ContentFile(data[:10]))
    stored = file_upload(actor=citizen, upload=upload("a.pdf", data))
    assert (file_storage / name).read_bytes() == data
    assert stored_objects(file_storage) == [name]
    assert file_verify_fixity(stored.blob).ok


# --- reading ------------------------------------------------------------------------------------------


def test_uploader_reads_the_bytes_and_the_read_is_audited(db, citizen):
    data = samples.png("mine")
    stored = file_upload(actor=citizen, upload=upload("照片.png", data))
    with file_open(actor=citizen, stored_file=stored) as stream:
        assert stream.read() == data
    entry = AuditEntry.objects.get(action="file.read")
    assert entry.actor_id == citizen.pk and entry.target_id == str(stored.pk)


def test_staff_may_read_any_file(org_world, citizen):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    clerk = org_world.clerk.user
    with file_open(actor=clerk, stored_file=stored) as stream:
        assert stream.read() == samples.pdf()
    assert AuditEntry.objects.get(action="file.read").actor_label == "综窗人员（clerk）"


def test_another_citizen_may_not_read(db, citizen, other_citizen):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    with pytest.raises(PermissionDenied, match="无权查看该文件"):
        file_open(actor=other_citizen, stored_file=stored)
    assert not AuditEntry.objects.filter(action="file.read").exists()


def test_a_deactivated_uploader_may_not_read(db, citizen):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    citizen.is_active = False
    citizen.save()
    with pytest.raises(PermissionDenied):
        file_open(actor=citizen, stored_file=stored)


def test_missing_content_is_a_clear_error(db, citizen, file_storage):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    (file_storage / stored.blob.storage_name).unlink()
    with pytest.raises(NotFound, match="文件内容已丢失"):
        file_open(actor=citizen, stored_file=stored)


# --- fixity -------------------------------------------------------------------------------------------


def test_fixity_of_intact_bytes(db, citizen):
    stored = file_upload(actor=citizen, upload=upload("a.docx", samples.ooxml("docx")))
    report = file_verify_fixity(stored.blob)
    assert report.ok and not report.missing
    assert (report.sha256, report.sm3, report.size) == (stored.blob.sha256, stored.blob.sm3, stored.blob.size)
    assert report.message == "文件完整，哈希值一致"


def test_fixity_detects_a_flipped_byte(db, citizen, file_storage):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    path = file_storage / stored.blob.storage_name
    data = bytearray(path.read_bytes())
    data[20] ^= 0x01
    path.write_bytes(bytes(data))
    report = file_verify_fixity(stored.blob)
    assert not report.ok and not report.missing and report.size == stored.blob.size
    assert report.sha256 != stored.blob.sha256
    assert "哈希值不一致" in report.message


def test_fixity_detects_a_missing_object(db, citizen, file_storage):
    stored = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf()))
    (file_storage / stored.blob.storage_name).unlink()
    report = file_verify_fixity(stored.blob)
    assert not report.ok and report.missing and report.message == "存储中找不到该文件"


def test_losing_the_insert_race_reuses_the_winners_blob(db, citizen, other_citizen, file_storage, monkeypatch):
    """The unique-constraint path on its own: the fast lookup missed a Blob that another upload had committed."""
    from tongban.files import services

    first = file_upload(actor=citizen, upload=upload("a.pdf", samples.pdf("race")))
    writes = []
    monkeypatch.setattr(services, "_blob_lookup", lambda sha256: None)
    monkeypatch.setattr(services, "_object_write", lambda **kw: writes.append(kw))
    second = file_upload(actor=other_citizen, upload=upload("b.pdf", samples.pdf("race")))
    assert second.blob_id == first.blob_id and Blob.objects.count() == 1
    assert writes == []
    assert stored_objects(file_storage) == [first.blob.storage_name]
