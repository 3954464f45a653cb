"""Password rules beyond Django's: 等保 2.0 asks for complexity (口令应有复杂度要求), so a
password mixes kinds of characters; and the minimum length says so in Chinese (Django 5.2
reworded that message, and its zh-hans catalogue has no translation of the new wording)."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MSG_TOO_SHORT = gettext_noop("密码太短，至少需要 %(min_length)d 个字符。")
MSG_MIN_LENGTH_HELP = gettext_noop("密码至少 %(min_length)d 个字符。")
MSG_CLASSES = gettext_noop("密码须包含大写字母、小写字母、数字、符号中的至少 %(min)d 类。")


def _classes(password: str) -> int:
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() or c in string.punctuation for c in password),
        )
    )


class CharacterClassesValidator:
    """At least `min_classes` of: upper-case letters, lower-case letters, digits, symbols
    (anything else, the space included)."""

    def __init__(self, min_classes: int = 2) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if _classes(password) < self.min_classes:
            raise ValidationError(
                _(MSG_CLASSES) % {"min": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _(MSG_CLASSES) % {"min": self.min_classes}


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _(MSG_TOO_SHORT) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _(MSG_MIN_LENGTH_HELP) % {"min_length": self.min_length}
