"""The admin shows blobs and uploads but cannot add, change or delete them."""

import pytest

from tongban.files.services import file_upload
from tongban.files.tests import samples
from tongban.files.tests.samples import upload


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    return client


@pytest.fixture
def stored(db, django_user_model):
    user = django_user_model.objects.create_user("zhangsan", password="x")
    return file_upload(actor=user, upload=upload("营业执照.pdf", samples.pdf()), purpose="营业执照")


def test_lists_and_pages_show_the_file(admin_client, stored):
    listing = admin_client.get("/admin/files/storedfile/")
    assert listing.status_code == 200 and "营业执照.pdf" in listing.content.decode()
    blob_page = admin_client.get(f"/admin/files/blob/{stored.blob_id}/change/")
    assert blob_page.status_code == 200 and stored.blob.sha256 in blob_page.content.decode()
    search = admin_client.get("/admin/files/blob/", {"q": stored.blob.sm3})
    assert stored.blob.sha256 in search.content.decode()


@pytest.mark.parametrize("model", ["blob", "storedfile"])
def test_nothing_can_be_added_changed_or_deleted(admin_client, stored, model):
    pk = stored.blob_id if model == "blob" else stored.pk
    assert admin_client.get(f"/admin/files/{model}/add/").status_code == 403
    page = admin_client.get(f"/admin/files/{model}/{pk}/change/").content.decode()
    assert 'name="_save"' not in page and 'name="sha256"' not in page and 'name="filename"' not in page
    before = stored.blob.sha256
    admin_client.post(f"/admin/files/{model}/{pk}/change/", {"filename": "改名.pdf", "sha256": "0" * 64})
    assert admin_client.get(f"/admin/files/{model}/{pk}/delete/").status_code == 403
    stored.refresh_from_db()
    stored.blob.refresh_from_db()
    assert stored.filename == "营业执照.pdf" and stored.blob.sha256 == before
