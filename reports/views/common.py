"""What the reporting views share."""

from django.core.exceptions import ValidationError


def errors_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)
