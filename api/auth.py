import datetime

from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from api.messages import MSG_TOKEN_EXPIRED
from api.models import ApiToken, hash_key

# `last_used_at` is written at most this often per token: a busy client costs one UPDATE a
# minute, not one per request (the row read for the check already carries the time).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class TokenExpiredError(AuthenticationError):
    """A known token past its expiry: 401, with words that tell the user to make a new one
    (an unknown key gets the general message, which reveals nothing)."""

    def __init__(self) -> None:
        super().__init__(message=MSG_TOKEN_EXPIRED)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <key>` with a personal token that is neither revoked nor expired
    and whose user is active. The request then runs as that user: same roles, same subtrees as
    on the web."""

    def authenticate(self, request, token: str):
        token = token.strip()
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(key_hash=hash_key(token), user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.is_expired(now):
            raise TokenExpiredError
        if row.last_used_at is None or row.last_used_at < now - LAST_USED_RESOLUTION:
            # Conditional, so that of concurrent requests one writes and the others match
            # no row.
            ApiToken.objects.filter(pk=row.pk, last_used_at=row.last_used_at).update(
                last_used_at=now
            )
        request.user = row.user
        return row.user
