"""Chinese by default, English on request; the committed catalogue is complete and compiled."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def test_switching_to_english_shows_english_labels(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert ">Home</a>" in body.replace('<i class="bi bi-house" aria-hidden="true"></i> ', "")
    assert "Sign in" in body and "Staff sign-in" in body
    assert "首页" not in body


def test_english_workbench_navigation(org_world, client):
    client.force_login(org_world.reviewer_a.user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/workbench/"})
    body = client.get("/workbench/").content.decode()
    for label in ("Workbench home", "Change password", "My account", "Sign out", "My roles and their scope", "Reviewer"):
        assert label in body
    assert "市场审查员" in body  # names are data, not translated


def test_switching_back_to_chinese(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in body and "首页" in body


def test_english_error_messages(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.post("/login/", {"username": "x", "password": "y"}).content.decode()
    assert "Incorrect user name or password" in body


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr for the singular entries of a .po file (enough for this catalogue)."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            match = re.match(r"^(msgctxt|msgid|msgstr)\s+(\".*\")$", line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid") and not block.lstrip().startswith("#~"):
            entries[fields["msgid"]] = fields.get("msgstr", "")
    return entries


def test_every_string_has_an_english_translation():
    untranslated = [msgid for msgid, msgstr in _po_entries(PO).items() if not msgstr]
    assert not untranslated, (
        "Add English for these strings in src/tongban/locale/en/LC_MESSAGES/django.po, then run "
        "`tongban compilemessages -l en`:\n" + "\n".join(untranslated)
    )


def test_the_committed_mo_matches_the_po():
    with open(PO.with_suffix(".mo"), "rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [msgid for msgid, msgstr in _po_entries(PO).items() if msgstr and compiled.gettext(msgid) != msgstr]
    assert not stale, "django.mo is out of date: run `tongban compilemessages -l en` in src/tongban.\n" + "\n".join(stale)
