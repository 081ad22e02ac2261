"""Encryption of personal data at rest (phones, e-mails, ID numbers, reporters' contacts).

One mechanism for every personal field: :class:`EncryptedTextField` stores a Fernet token
made with the keyring of ``settings.FIELD_ENCRYPTION_KEYS`` (newest key first; every
older key still decrypts) and gives the plain value back to Python code. A field that
must be found by its value names a sibling ``blind_index`` column, filled with an
HMAC-SHA256 of the normalised value under a key derived from the newest key.

Rotation (``manage.py rotate_field_key``): prepend a new key, run the command (it
re-encrypts every value and recomputes every blind index with the newest key), then
drop the old key. See the README, "Field encryption keys".
"""

import base64
import hashlib
import hmac
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django import forms
from django.apps import apps
from django.conf import settings
from django.core import validators
from django.core.exceptions import FieldError
from django.db import migrations, models
from django.db.models.lookups import Exact, IsNull

TOKEN_PREFIX = "gAAAAA"  # every Fernet token (version byte 0x80) starts with it


def _key_strings() -> tuple[str, ...]:
    keys = [k for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k]
    return tuple(keys or [settings.FIELD_ENCRYPTION_KEY])


def _fernet(key: str) -> Fernet:
    # Any secret string is a key: its SHA-256 is the Fernet key (as the ID numbers
    # were encrypted before the keyring existed, so their tokens stay readable).
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


@lru_cache(maxsize=8)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_fernet(key) for key in keys])


def keyring() -> MultiFernet:
    """The keyring of the current settings (cached per key list, so settings overrides apply)."""
    return _multi(_key_strings())


def key_count() -> int:
    return len(_key_strings())


def encrypt(value: str) -> str:
    """A token of ``value`` under the newest key; "" stays ""."""
    return keyring().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """The plain value of ``token``. Raises ``InvalidToken`` when no key of the ring fits."""
    return keyring().decrypt(token.encode()).decode() if token else ""


def is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def blind_index(value: str) -> str:
    """HMAC-SHA256 of the normalised ``value`` under a key derived from the newest key."""
    if not value:
        return ""
    key = hashlib.sha256(b"blind-index:" + _key_strings()[0].encode()).digest()
    normalised = value.strip().upper().encode()
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column holding a Fernet token; Python code sees the plain value.

    ``max_length`` limits the plain value (forms and ``full_clean``), not the column.
    ``blind_index`` names a CharField(64) of the same model kept equal to
    :func:`blind_index` of the value on every ``save()``. Only ``isnull`` and
    ``exact`` with "" work as lookups: tokens are random, so equality on a value
    cannot match; filter on the blind index instead.
    """

    def __init__(self, *args: Any, blind_index: str = "", **kwargs: Any) -> None:
        self.blind_index = blind_index
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.blind_index:
            kwargs["blind_index"] = self.blind_index
        return name, path, args, kwargs

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            return None
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def to_python(self, value):
        value = super().to_python(value)
        if value and is_token(value):
            try:
                return decrypt(value)
            except InvalidToken:
                return value
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if self.blind_index:
            setattr(model_instance, self.blind_index, blind_index(value or ""))
        return value

    def formfield(self, **kwargs):
        defaults = {"form_class": forms.CharField, "widget": forms.TextInput}
        return super().formfield(**{**defaults, **kwargs})


class EncryptedEmailField(EncryptedTextField):
    """An encrypted e-mail address (validated as an e-mail address on the plain value)."""

    default_validators = [validators.validate_email]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


@EncryptedTextField.register_lookup
class EncryptedExact(Exact):
    """``field=""`` works (empty is stored empty); any other value is refused loudly."""

    lookup_name = "exact"
    prepare_rhs = False

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("Encrypted fields cannot be compared; use their blind index.")
        return self.rhs


@EncryptedTextField.register_lookup
class EncryptedIsNull(IsNull):
    lookup_name = "isnull"


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def encrypted_models() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Every installed model with at least one encrypted field, and those fields."""
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if fields and not model._meta.proxy:
            yield model, fields


# --- migrations: encrypt the plain values already stored -------------------------------


def _rewrite(schema_editor, table: str, columns: list[str], change) -> None:
    """Apply ``change`` to every value of ``columns`` in raw SQL (no field conversion)."""
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    assignments = ", ".join(f"{qn(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {names} FROM {qn(table)}")  # noqa: S608 - quoted names
        for pk, *values in cursor.fetchall():
            new = [change(v) if v else v for v in values]
            if new != values:
                sql = f"UPDATE {qn(table)} SET {assignments} WHERE id = %s"  # noqa: S608
                cursor.execute(sql, [*new, pk])


def _encrypt_plain(value: str) -> str:
    return value if is_token(value) else encrypt(value)


def _decrypt_token(value: str) -> str:
    return decrypt(value) if is_token(value) else value


def encrypt_existing(
    label: str, columns: list[str], blind_indexes: dict[str, str] | None = None
) -> migrations.RunPython:
    """A reversible migration step encrypting the plain values of ``columns``.

    ``blind_indexes`` maps an encrypted column to its blind-index column, recomputed
    from the decrypted value. Values that are already tokens are left alone.
    """

    def forward(apps_, schema_editor):
        table = apps_.get_model(label)._meta.db_table
        _rewrite(schema_editor, table, columns, _encrypt_plain)
        for column, index in (blind_indexes or {}).items():
            _reindex(schema_editor, table, column, index)

    def backward(apps_, schema_editor):
        table = apps_.get_model(label)._meta.db_table
        _rewrite(schema_editor, table, columns, _decrypt_token)

    return migrations.RunPython(forward, backward, elidable=False)


def _reindex(schema_editor, table: str, column: str, index: str) -> None:
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {qn(column)} FROM {qn(table)}")  # noqa: S608
        for pk, token in cursor.fetchall():
            value = blind_index(decrypt(token)) if token else ""
            sql = f"UPDATE {qn(table)} SET {qn(index)} = %s WHERE id = %s"  # noqa: S608
            cursor.execute(sql, [value, pk])
