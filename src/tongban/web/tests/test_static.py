"""Vendored assets: unmodified, referenced locally, and deployable with hashed file names."""

import hashlib
import re
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

WEB = Path(__file__).resolve().parent.parent
VENDOR = WEB / "static" / "vendor"


def test_vendored_files_match_their_checksums():
    lines = (VENDOR / "SHA256SUMS").read_text().splitlines()
    assert len(lines) >= 10
    for line in lines:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_templates_and_css_load_nothing_from_another_host():
    external = re.compile(r"""(src|href)=["'](https?:)?//|url\(\s*["']?(https?:)?//""")
    for path in [*WEB.glob("templates/**/*.html"), WEB / "static" / "web" / "tongban.css"]:
        assert not external.search(path.read_text(encoding="utf-8")), path


def test_collectstatic_with_hashed_names_resolves_every_reference(tmp_path):
    """Production uses a manifest storage: a missing font or source map referenced by a vendored file fails here."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2" in manifest
    assert "vendor/echarts/echarts.min.js" in manifest
