"""Chinese first: the interface language comes from the visitor's own choice, never from the browser's settings.

Django's LocaleMiddleware falls back on the Accept-Language header, so a citizen whose browser or operating system
happens to be set to English gets an English government site they never asked for. This middleware uses only the
language cookie written by the language switcher (`set_language`), and LANGUAGE_CODE (zh-hans) otherwise.
To use it, put "tongban.web.middleware.ChoiceLocaleMiddleware" in MIDDLEWARE in place of
"django.middleware.locale.LocaleMiddleware" (same position: after sessions, before common).
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request) -> str:
    """The supported language named by the language cookie, else LANGUAGE_CODE."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChoiceLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
