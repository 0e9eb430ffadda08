import pytest


@pytest.fixture(autouse=True)
def file_storage(settings, tmp_path):
    """Each test gets its own empty filesystem store, configured the way production is: through STORAGES."""
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    return root
