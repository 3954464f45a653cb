"""What the reporting views share."""

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext


def errors_text(exc: ValidationError) -> str:
    return pgettext("separator between error messages", "；").join(exc.messages)
