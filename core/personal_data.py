"""Personal information at rest (个人信息保护法; GB/T 39786 密评), for every app that keeps some:
the public side's visitors, award applicants and objectors, enterprises asking for assistance.

Values are stored encrypted with SM4 in GCM mode (GB/T 32907, RFC 8998); where a value must be
compared (one registration, one vote per phone), a keyed SM3 digest (HMAC-SM3, GB/T 32905) is
stored beside it and compared instead.

Both come from `cryptography` (its OpenSSL offers SM4-GCM through the Cipher API and SM3 for
HMAC and HKDF). The encryption key and the digest key are derived from
settings.QM_PERSONAL_DATA_KEY by HKDF-SM3 with distinct labels, so neither can stand in for
the other. A stored value reads `s4g1$<base64url(nonce ‖ ciphertext ‖ tag)>`; the prefix names
the scheme so that a later one can be told apart. The column's name (its `purpose`,
"<app>.<model>.<field>") is bound in as associated data: a ciphertext copied into another
column does not decrypt.

Key rotation: settings.QM_PERSONAL_DATA_OLD_KEYS lists former keys. Values are written under
the current key and read under any; a digest is looked up under every key (`digests`).
`manage.py rotate_personal_data_key` re-encrypts every encrypted column under the current key
and runs what each app registered (`register_rekey`) to recompute the digests it can (a
registration's phone is kept, so its digest can be; a vote's is not, and its old digests stay
matchable while the old key is listed), after which the old key can be dropped.

Retention: each app that keeps personal data registers how it erases what is past its period
(`register_expiry`, from its AppConfig.ready); `manage.py expire_personal_data` runs them all.
"""

import base64
import datetime
import functools
import os
from collections.abc import Callable, Iterable, Mapping

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone

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


def _secrets() -> list[str]:
    """The current key first, then the former ones still listed for reading."""
    current = _secret()
    old = getattr(settings, "QM_PERSONAL_DATA_OLD_KEYS", None) or []
    return [current, *(secret for secret in old if secret and secret != current)]


def encrypt(plaintext: str, *, purpose: str) -> str:
    """SM4-GCM with a fresh random nonce: the same value encrypts differently every time."""
    key, _mac = _keys(_secret())
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(purpose.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return PREFIX + base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode("ascii")


def decrypt(stored: str, *, purpose: str) -> str:
    """The plain text, opened under the current key or a former one still listed."""
    return _open(stored, purpose, _secrets())


def opens_under_current_key(stored: str, *, purpose: str) -> bool:
    try:
        _open(stored, purpose, [_secret()])
    except DecryptionError:
        return False
    return True


def _open(stored: str, purpose: str, secrets: list[str]) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode("ascii"))
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("truncated")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    for secret in secrets:
        key, _mac = _keys(secret)
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(purpose.encode())
        try:
            return (decryptor.update(body) + decryptor.finalize()).decode()
        except InvalidTag:
            continue  # another key's, or tampered with: the next key says which
    raise DecryptionError("wrong key or tampered value")


def is_encrypted(stored: str, *, purpose: str) -> bool:
    try:
        decrypt(stored, purpose=purpose)
    except DecryptionError:
        return False
    return True


def digest(*parts: object) -> str:
    """HMAC-SM3 of the parts (hex) under the current key: equal inputs give equal digests,
    and without the key a digest cannot be matched to a number by trying all 10^10 mobile
    numbers."""
    return _digest(_secret(), parts)


def digests(*parts: object) -> list[str]:
    """The parts' digest under every key still listed, the current first: what a lookup
    compares, so that a value stored before a key rotation is still found."""
    return [_digest(secret, parts) for secret in _secrets()]


def _digest(secret: str, parts: tuple) -> str:
    _key, mac_key = _keys(secret)
    mac = crypto_hmac.HMAC(mac_key, hashes.SM3())
    mac.update(":".join(str(p) for p in parts).encode())
    return mac.finalize().hex()


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
                id="core.E001",
            )
        ]
    return []


class EncryptedTextField(models.TextField):
    """A text column stored SM4-GCM-encrypted; the model attribute holds the plain text.

    The empty string is stored as it is (an anonymised row has nothing to hide). Lookups
    other than `isnull` are refused: a random nonce makes every ciphertext different, so a
    `filter(phone=…)` would silently match nothing. Compare a digest column instead.
    A length limit is a MaxLengthValidator: the column holds the longer ciphertext.
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


# --- Data migrations: encrypting the rows written before a column was encrypted -------------


def encrypt_columns(schema_editor, table: str, columns: Mapping[str, str]) -> int:
    """Encrypt in place the values of `columns` (column -> purpose) of `table`; how many rows
    changed. Raw SQL: the model's field would try to decrypt the plain text it reads. A value
    that already opens under its purpose is left alone, so a second run changes nothing."""
    return _rewrite(schema_editor, table, columns, forward=True)


def decrypt_columns(schema_editor, table: str, columns: Mapping[str, str]) -> int:
    """The reverse of `encrypt_columns`, for a migration taken back."""
    return _rewrite(schema_editor, table, columns, forward=False)


def _rewrite(schema_editor, table: str, columns: Mapping[str, str], *, forward: bool) -> int:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    names = list(columns)
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in names)} FROM {quote(table)}")
        for pk, *values in cursor.fetchall():
            new = []
            for column, value in zip(names, values, strict=True):
                purpose = columns[column]
                if not value or is_encrypted(value, purpose=purpose) == forward:
                    new.append(value)
                elif forward:
                    new.append(encrypt(value, purpose=purpose))
                else:
                    new.append(decrypt(value, purpose=purpose))
            if new == values:
                continue
            assignments = ", ".join(f"{quote(c)} = %s" for c in names)
            cursor.execute(f"UPDATE {quote(table)} SET {assignments} WHERE id = %s", [*new, pk])
            changed += 1
    return changed


def history_forget(apps, app_label: str, model: str, fields: Iterable[str]) -> int:
    """Remove `fields` from the changes auditlog recorded on `app_label.model` (for a data
    migration whose model's personal fields leave the audit trail); how many entries."""
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        return 0
    fields = set(fields)
    changed = 0
    for entry in LogEntry.objects.filter(content_type=content_type).iterator():
        changes = entry.changes if isinstance(entry.changes, dict) else None
        if changes and fields & changes.keys():
            for field in fields:
                changes.pop(field, None)
            entry.changes = changes
            entry.changes_text = ""
            entry.save(update_fields=["changes", "changes_text"])
            changed += 1
    return changed


# --- Retention -----------------------------------------------------------------------------

# name -> a function erasing that app's personal data past its retention period at `now`,
# returning the line `expire_personal_data` prints for it.
_EXPIRIES: dict[str, Callable[[datetime.datetime], str]] = {}


def register_expiry(name: str, expire: Callable[[datetime.datetime], str]) -> None:
    _EXPIRIES[name] = expire


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=settings.QM_PERSONAL_DATA_RETENTION_DAYS)


def expire_all(*, now: datetime.datetime | None = None) -> list[str]:
    """Run every app's expiry, in the order the apps registered them; their reports."""
    now = now or timezone.now()
    return [expire(now) for expire in _EXPIRIES.values()]


# --- Key rotation --------------------------------------------------------------------------

# name -> a function bringing that app's digests under the current key (fix=False: only
# counting them), returning how many digests were (or would be) recomputed.
_REKEYS: dict[str, Callable[[bool], int]] = {}


def register_rekey(name: str, rekey: Callable[[bool], int]) -> None:
    _REKEYS[name] = rekey


def encrypted_columns() -> dict[type[models.Model], dict[str, str]]:
    """Every encrypted column of the installed models: model -> {column: purpose}."""
    from django.apps import apps

    found: dict[type[models.Model], dict[str, str]] = {}
    for model in apps.get_models():
        columns = {
            field.column: field.purpose
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        }
        if columns:
            found[model] = columns
    return found


def rotate(*, fix: bool) -> list[tuple[str, int, int]]:
    """Re-encrypt under the current key every value still under a former one, then run the
    apps' digest rekeys. Returns (what, values under a former key, values no key opens); with
    fix=False it only counts. Raw SQL, in batches per table: the rows' other columns, their
    `updated_at` and the audit trail are left as they are (nothing a person changed)."""
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    found: list[tuple[str, int, int]] = []
    for model, columns in encrypted_columns().items():
        table = model._meta.db_table
        names = list(columns)
        stale = unreadable = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(model._meta.pk.column)}, {', '.join(map(quote, names))} "
                f"FROM {quote(table)}"
            )
            updates = []
            for pk, *values in cursor.fetchall():
                new = list(values)
                for i, (column, value) in enumerate(zip(names, values, strict=True)):
                    purpose = columns[column]
                    if not value or opens_under_current_key(value, purpose=purpose):
                        continue
                    try:
                        plain = decrypt(value, purpose=purpose)
                    except DecryptionError:
                        unreadable += 1
                        continue
                    stale += 1
                    new[i] = encrypt(plain, purpose=purpose)
                if new != values:
                    updates.append([*new, pk])
            if fix and updates:
                assignments = ", ".join(f"{quote(c)} = %s" for c in names)
                cursor.executemany(
                    f"UPDATE {quote(table)} SET {assignments} "
                    f"WHERE {quote(model._meta.pk.column)} = %s",
                    updates,
                )
        found.append((model._meta.label, stale, unreadable))
    for name, rekey in _REKEYS.items():
        found.append((name, rekey(fix), 0))
    return found
