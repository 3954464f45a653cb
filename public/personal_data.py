"""Visitors' personal information at rest (个人信息保护法; GB/T 39786 密评): names and mobile
numbers are stored encrypted with SM4 in GCM mode (GB/T 32907, RFC 8998), and beside each
phone a keyed SM3 digest (HMAC-SM3, GB/T 32905) that the one-registration and one-vote checks
compare instead of the number.

Both come from `cryptography` (its OpenSSL offers SM4-GCM through the Cipher API and SM3 for
HMAC and HKDF). The encryption key and the digest key are derived from
settings.QM_PERSONAL_DATA_KEY by HKDF-SM3 with distinct labels, so neither can stand in for
the other. A stored value reads `s4g1$<base64url(nonce ‖ ciphertext ‖ tag)>`; the prefix names
the scheme so that a later one can be told apart. The column's name is bound in as associated
data: a ciphertext copied into another column does not decrypt.
"""

import base64
import functools
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "s4g1$"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """A stored value that this key cannot open: another key, or tampered with."""


@functools.lru_cache(maxsize=4)
def _keys(secret: str) -> tuple[bytes, bytes]:
    def derive(label: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SM3(), length=length, salt=None, info=label).derive(
            secret.encode()
        )

    return derive(b"qualitymonth personal data sm4-gcm", 16), derive(
        b"qualitymonth personal data hmac-sm3", 32
    )


def _secret() -> str:
    secret = getattr(settings, "QM_PERSONAL_DATA_KEY", "")
    if not secret:
        raise ImproperlyConfigured("QM_PERSONAL_DATA_KEY is required.")
    return secret


def encrypt(plaintext: str, *, purpose: str) -> str:
    """SM4-GCM with a fresh random nonce: the same number encrypts differently every time."""
    key, _mac = _keys(_secret())
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(purpose.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return PREFIX + base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode("ascii")


def decrypt(stored: str, *, purpose: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode("ascii"))
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("truncated")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    key, _mac = _keys(_secret())
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(purpose.encode())
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise DecryptionError("wrong key or tampered value") from exc


def is_encrypted(stored: str, *, purpose: str) -> bool:
    try:
        decrypt(stored, purpose=purpose)
    except DecryptionError:
        return False
    return True


def digest(*parts: object) -> str:
    """HMAC-SM3 of the parts (hex): equal inputs give equal digests, and without the key a
    digest cannot be matched to a number by trying all 10^10 mobile numbers."""
    _key, mac_key = _keys(_secret())
    mac = crypto_hmac.HMAC(mac_key, hashes.SM3())
    mac.update(":".join(str(p) for p in parts).encode())
    return mac.finalize().hex()


def registration_phone_digest(event_id: int, phone: str) -> str:
    # Scoped to the event: the digests of one visitor's registrations do not link them.
    return digest("registration", event_id, phone)


def vote_phone_digest(poll_id: int, phone: str) -> str:
    return digest("vote", poll_id, phone)


def legacy_vote_digest(poll_id: int, phone: str) -> str:
    """The digest votes carried before the upgrade (HMAC-SHA256 under the secret key). A vote
    stores no number, so those digests cannot be recomputed under the new key; a poll that
    was open across the upgrade keeps refusing a second vote by comparing both. Remove once
    every such poll has closed."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{poll_id}:{phone}".encode(), hashlib.sha256).hexdigest()


@checks.register()
def check_sm4_gcm(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A system check: `cryptography` linked against an OpenSSL without SM4 (built from
    source against a FIPS-only library, say) cannot serve; say so at start-up, not at the
    first registration."""
    try:
        Cipher(algorithms.SM4(bytes(16)), modes.GCM(bytes(NONCE_BYTES))).encryptor()
        crypto_hmac.HMAC(bytes(32), hashes.SM3())
    except UnsupportedAlgorithm as exc:
        return [
            checks.Error(
                f"SM4-GCM or SM3 is not available in this cryptography/OpenSSL build: {exc}",
                hint="Install the cryptography wheel from PyPI (it ships an OpenSSL with SM4).",
                id="public.E001",
            )
        ]
    return []


class EncryptedTextField(models.TextField):
    """A text column stored SM4-GCM-encrypted; the model attribute holds the plain text.

    The empty string is stored as it is (an anonymised row has nothing to hide). Lookups
    other than `isnull` are refused: a random nonce makes every ciphertext different, so a
    `filter(phone=…)` would silently match nothing. Compare the digest column instead.
    """

    def __init__(self, *args, purpose: str = "", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value, purpose=self.purpose)

    def get_db_prep_save(self, value, connection):
        value = self.get_prep_value(value)
        if not value:
            return value
        return encrypt(value, purpose=self.purpose)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
