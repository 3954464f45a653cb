"""Widgets every form uses: date and time inputs, and selects of thousands of options.

A browser's <input type="date"> accepts its value only as ISO 8601 (2026-12-20) and shows an
empty box for anything else; Django's own DateInput writes the value in the page language's
first input format, which for zh-hans is 2026/12/20. The clerk then saw an empty due date and,
saving without touching it, erased it. These widgets always write the value the browser's
control can read, whatever the language; forms parse ISO in every language already.
"""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


class _OptionsInOnePass:
    """Writes a select's options in one pass instead of one template per option.

    A national admin's choice of a unit lists every territorial unit of the country (3,000 and
    more options); through Django's option templates such a page took 1-2 s to render. The
    markup is the one Django writes, without the whitespace between the tags.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)  # a model field's choices are a query: run it once
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            # Option groups are for short lists: Django's templates write them.
            return super().render(name, value, attrs, renderer)
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = set(self.format_value(value))
        options, taken = [], False
        for option_value, label in choices:
            key = "" if option_value is None else str(option_value)
            # A single select marks its first match only, as Django does.
            selected = key in chosen and (self.allow_multiple_selected or not taken)
            taken = taken or selected
            mark = mark_safe(" selected") if selected else ""
            options.append(format_html('<option value="{}"{}>{}</option>', key, mark, label))
        select = format_html(
            '<select name="{}"{}>{}</select>', name, _attributes(final), mark_safe("".join(options))
        )
        if len(choices) < FILTER_FROM or not final.get("id"):
            return select
        return _with_filter(select, final["id"])


# From this many options on, a search box above the list narrows it as one types (site.js):
# scrolling 3,000 units for 天心区 is no way to choose one.
FILTER_FROM = 30


def _with_filter(select: str, select_id: str) -> str:
    """The box that filters the options (hidden until site.js runs, and it has no name: it
    sends nothing), the select, and where the number of matches is told."""
    return format_html(
        '<input type="search" class="option-filter" data-filter-options="{id}" '
        'aria-controls="{id}" aria-label="{label}" placeholder="{label}" autocomplete="off" '
        'data-matches="{matches}" data-no-match="{none}" hidden>{select}'
        '<small class="option-filter-status" id="{id}-matches" aria-live="polite"></small>',
        id=select_id,
        label=_("输入名称筛选下面的选项"),
        # The count is put in by the script: "{n}" stands for it.
        matches=_("{n} 项匹配"),
        none=_("没有匹配的选项，已选的不变"),
        select=select,
    )


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in their order, True as a bare name."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class LongSelect(_OptionsInOnePass, forms.Select):
    """A <select> that may hold thousands of options (a unit of the whole country)."""


class LongSelectMultiple(_OptionsInOnePass, forms.SelectMultiple):
    """A multiple <select> that may hold thousands of options."""
