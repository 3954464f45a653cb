"""The statistics export: indicator names and unit names stay text, figures stay numbers."""

from django.urls import reverse

from core.testing.xlsx import sheet_cells
from reports import services
from reports.tests import factories


def test_an_indicator_named_like_a_formula_is_exported_as_text(reporting, client_for):
    label = "=SUM(A1:A9)"
    requirement = factories.issued_requirement(
        actor=reporting.world.users["editor"],
        unit=reporting.unit("长沙市"),
        recipients=[reporting.unit("芙蓉区")],
        title="长沙市质量月统计",
        fields=[
            services.FieldSpec(label, "sums"),
            services.FieldSpec("-参与人数", "people", required=False),
        ],
    )
    factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=factories.expected(requirement, reporting.unit("芙蓉区")),
        sums=7,
        people=500,
    )
    response = client_for(reporting.city_editor).get(
        reverse("reports:statistics_export", args=[reporting.unit("长沙市").pk, requirement.pk])
    )
    assert response.status_code == 200
    header, furong, total = sheet_cells(response)
    assert [(c.value, c.data_type) for c in header[2:]] == [(label, "s"), ("-参与人数", "s")]
    assert [(c.value, c.data_type) for c in furong] == [
        ("芙蓉区", "s"),
        (1, "n"),
        (7, "n"),
        (500, "n"),
    ]
    assert [c.value for c in total] == ["合计", 1, 7, 500]
