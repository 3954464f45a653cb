"""Writes of the API app: creating and revoking personal tokens, audited."""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from api.models import ApiToken, hash_key
from core.audit import set_actor

KEY_PREFIX = "qm_"
MSG_BAD_LIFETIME = gettext_lazy("有效期应为 1 至 %(max)s 天。")


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown to the user once, never stored


def token_max_days() -> int:
    """The longest lifetime a token may have, and the one it gets unless a shorter is asked."""
    return settings.QM_API_TOKEN_DAYS


@transaction.atomic
def token_create(*, actor, user, name: str, days: int | None = None) -> NewToken:
    """A new token for `user` (the actor themself, or anyone for platform staff), valid for
    `days` (at most `QM_API_TOKEN_DAYS`, which is also the default)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    longest = token_max_days()
    days = longest if days is None else days
    if not 1 <= days <= longest:
        raise ValidationError({"days": MSG_BAD_LIFETIME % {"max": longest}})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with set_actor(actor):
        token = ApiToken(
            user=user,
            name=name.strip(),
            prefix=key[:10],
            key_hash=hash_key(key),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        token.full_clean()
        token.save()
    return NewToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token for good; revoking twice changes nothing."""
    if actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDenied
    if token.revoked_at is None:
        with set_actor(actor):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
    return token
