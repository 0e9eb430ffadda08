"""Bearer-token authentication for integrating systems (only the token's SHA-256 is stored)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# "Last used" is shown to the token's owner and admins to spot unused or leaked tokens; to the minute is enough,
# and writing it on every request would add a write (and a row lock on the token) to every API call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        from tongban.org.models import ApiToken

        api_token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
