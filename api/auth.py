import datetime

from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer

from api.models import ApiToken, hash_key

# `last_used_at` is written at most this often per token, so a busy client costs no writes.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <key>` with a personal token that is not revoked and whose user
    is active. The request then runs as that user: same roles, same subtrees as on the web."""

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
        ApiToken.objects.filter(pk=row.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        request.user = row.user
        return row.user
