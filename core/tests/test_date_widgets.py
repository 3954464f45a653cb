"""Every date and date-time input of every form is written in the one format a browser's
date picker reads (`core.widgets` gives such inputs) (ISO 8601), whatever the page's language: zh-hans's own first format,
2026/12/20, showed as an empty box, and saving the form unchanged erased the date."""

import datetime
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from core.widgets import DateInput, DateTimeInput


def _project_forms() -> list[type[forms.BaseForm]]:
    found = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue  # Django's and third-party apps
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _date_fields() -> list[tuple[str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__name__}.{name}", field)
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, (forms.DateField, forms.DateTimeField))
    ]


def test_the_project_has_date_fields_to_check():
    names = [name for name, _field in _date_fields()]
    assert "reports.forms.RequirementForm.due_date" in names
    assert "imports.forms.NoticeDataForm.issue_date" in names
    assert "public.forms.EventForm.starts_at" in names


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_field_renders_its_value_as_the_browser_picker_reads_it(language):
    day = datetime.date(2026, 12, 20)
    moment = datetime.datetime(2026, 9, 20, 9, 30)
    with translation.override(language):
        for name, field in _date_fields():
            if isinstance(field, forms.DateTimeField):
                html = field.widget.render("x", moment)
                assert 'type="datetime-local"' in html, name
                assert 'value="2026-09-20T09:30"' in html, name
            else:
                html = field.widget.render("x", day)
                assert 'type="date"' in html, name
                assert 'value="2026-12-20"' in html, name


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_what_the_picker_posts_back_is_the_same_date(language):
    with translation.override(language):
        assert forms.DateField(widget=DateInput()).clean("2026-12-20") == datetime.date(
            2026, 12, 20
        )
        value = forms.DateTimeField(widget=DateTimeInput()).clean("2026-09-20T09:30")
        assert value.replace(tzinfo=None) == datetime.datetime(2026, 9, 20, 9, 30)
