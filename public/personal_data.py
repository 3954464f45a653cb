"""Visitors' personal information at rest: names and mobile numbers are stored encrypted with
SM4-GCM, and beside each phone a keyed SM3 digest that the one-registration and one-vote
checks compare instead of the number. The scheme is core.personal_data's, shared with the
awards and assistance apps; the digests below are the public side's own.

`EncryptedTextField` is imported here too: migration public/0002 names the field by this
module's path.
"""

import hashlib
import hmac

from django.conf import settings

from core.personal_data import (  # noqa: F401 — re-exported, see above
    NONCE_BYTES,
    PREFIX,
    TAG_BYTES,
    DecryptionError,
    EncryptedTextField,
    check_sm4_gcm,
    decrypt,
    digest,
    digests,
    encrypt,
    is_encrypted,
)


def registration_phone_digest(event_id: int, phone: str) -> str:
    # Scoped to the event: the digests of one visitor's registrations do not link them.
    return digest("registration", event_id, phone)


def registration_phone_digests(event_id: int, phone: str) -> list[str]:
    """What a lookup compares: the digest under the current key and under any former key
    still listed (a registration made before a key rotation is still found)."""
    return digests("registration", event_id, phone)


def vote_phone_digest(poll_id: int, phone: str) -> str:
    return digest("vote", poll_id, phone)


def vote_phone_digests(poll_id: int, phone: str) -> list[str]:
    return digests("vote", poll_id, phone)


def legacy_vote_digest(poll_id: int, phone: str) -> str:
    """The digest votes carried before the upgrade (HMAC-SHA256 under the secret key). A vote
    stores no number, so those digests cannot be recomputed under the new key; a poll that
    was open across the upgrade keeps refusing a second vote by comparing both. Remove once
    every such poll has closed."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{poll_id}:{phone}".encode(), hashlib.sha256).hexdigest()
