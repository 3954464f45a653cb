"""Writes of the API app: creating and revoking personal tokens, audited."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, hash_key
from core.audit import set_actor

KEY_PREFIX = "qm_"


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown to the user once, never stored


@transaction.atomic
def token_create(*, actor, user, name: str) -> NewToken:
    """A new token for `user` (the actor themself, or anyone for platform staff)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with set_actor(actor):
        token = ApiToken(user=user, name=name.strip(), prefix=key[:10], key_hash=hash_key(key))
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
