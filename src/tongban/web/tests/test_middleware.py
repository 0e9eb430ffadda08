"""The interface language follows the visitor's choice, not the browser's Accept-Language."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

CHOICE = [
    "tongban.web.middleware.ChoiceLocaleMiddleware" if m == "django.middleware.locale.LocaleMiddleware" else m
    for m in settings.MIDDLEWARE
]


@override_settings(MIDDLEWARE=CHOICE)
def test_an_english_browser_still_gets_chinese_by_default():
    body = Client(headers={"accept-language": "en-US,en;q=0.9"}).get("/").content.decode()
    assert '<html lang="zh-hans">' in body and "首页" in body


@override_settings(MIDDLEWARE=CHOICE)
def test_the_switcher_choice_wins():
    client = Client(headers={"accept-language": "zh-CN"})
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


@override_settings(MIDDLEWARE=CHOICE)
def test_an_unknown_cookie_value_falls_back_to_chinese():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="zh-hans">' in client.get("/").content.decode()
