"""A select of thousands of units writes the same markup as Django's, in one pass."""

import re

import pytest
from django import forms

from core.widgets import FILTER_FROM, LongSelect, LongSelectMultiple
from orgs.models import OrgUnit


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=OrgUnit.objects.order_by("path"))
    regions = forms.ModelMultipleChoiceField(
        label="地区", queryset=OrgUnit.objects.order_by("path"), required=False
    )


def _both(data=None, initial=None):
    """The form with Django's widgets, and the same form with the long ones."""
    django_form = UnitForm(data=data, initial=initial)
    long_form = UnitForm(data=data, initial=initial)
    long_form.fields["unit"].widget = LongSelect(choices=long_form.fields["unit"].choices)
    long_form.fields["regions"].widget = LongSelectMultiple(
        choices=long_form.fields["regions"].choices
    )
    if data is not None:
        django_form.is_valid()
        long_form.is_valid()
    return django_form, long_form


@pytest.mark.parametrize(
    "data, initial",
    [
        (None, None),
        (None, "first"),
        ({"unit": "", "regions": []}, None),  # sent empty: the error's aria attributes too
        ("chosen", None),
    ],
    ids=["empty", "initial", "errors", "chosen"],
)
def test_the_markup_is_djangos(world, data, initial):
    units = list(OrgUnit.objects.order_by("path"))
    if initial == "first":
        initial = {"unit": units[0].pk, "regions": [units[1].pk, units[2].pk]}
    if data == "chosen":
        data = {"unit": str(units[3].pk), "regions": [str(units[0].pk), str(units[4].pk)]}
    django_form, long_form = _both(data, initial)
    for name in ("unit", "regions"):
        assert _same(str(long_form[name])) == _same(str(django_form[name])), name


def test_the_chosen_unit_is_selected_and_a_name_is_escaped(world):
    unit = OrgUnit.objects.order_by("path")[1]
    OrgUnit.objects.filter(pk=unit.pk).update(full_name='<b>"某县"</b>')
    _django_form, long_form = _both({"unit": str(unit.pk), "regions": [str(unit.pk)]})
    html = str(long_form["unit"])
    assert (
        f'<option value="{unit.pk}" selected>&lt;b&gt;&quot;某县&quot;&lt;/b&gt;</option>' in html
    )
    assert html.count(" selected") == 1
    assert "<b>" not in html


def test_a_long_list_gets_a_box_that_filters_it_and_sends_nothing():
    choices = [(str(n), f"第{n}号单位") for n in range(FILTER_FROM)]
    html = str(LongSelect(choices=choices).render("unit", None, attrs={"id": "id_unit"}))
    box = re.search(r"<input [^>]*>", html).group(0)
    assert 'data-filter-options="id_unit"' in box
    assert "name=" not in box  # the form sends the select's value only
    assert " hidden" in box  # until the script that makes it work has run
    assert html.index("<input") < html.index('<select name="unit"')
    short = str(LongSelect(choices=choices[:-1]).render("unit", None, attrs={"id": "id_unit"}))
    assert "<input" not in short
