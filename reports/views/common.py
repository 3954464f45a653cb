"""What the reporting views share."""

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext


def errors_text(exc: Exception) -> str:
    """What a refused action says: a ValidationError's messages joined, any other error's
    text (ReportStateError …)."""
    if not isinstance(exc, ValidationError):
        return str(exc)
    return pgettext("separator between error messages", "；").join(exc.messages)
