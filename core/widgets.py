"""Date and time inputs every form uses.

A browser's <input type="date"> accepts its value only as ISO 8601 (2026-12-20) and shows an
empty box for anything else; Django's own DateInput writes the value in the page language's
first input format, which for zh-hans is 2026/12/20. The clerk then saw an empty due date and,
saving without touching it, erased it. These widgets always write the value the browser's
control can read, whatever the language; forms parse ISO in every language already.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
# datetime-local takes minutes at most ("2026-09-20T09:30"); seconds would be refused by the
# control's default step.
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """A browser date picker (<input type="date">), its value in ISO format."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    """A browser date-and-time picker (<input type="datetime-local">), in local time, ISO."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)
