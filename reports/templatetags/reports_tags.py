from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

from reports.sanitize import clean_html

register = template.Library()


@register.filter
def rich(text: str) -> SafeString:
    """A summary as allow-listed HTML (see reports.sanitize); never the raw input."""
    return mark_safe(clean_html(text or ""))  # noqa: S308 (clean_html escapes everything else)


@register.filter
def number(value: Decimal | None) -> str:
    """12.5000 → 12.5, 30.0000 → 30."""
    if value is None:
        return ""
    return f"{value.normalize():f}"
