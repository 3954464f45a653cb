"""The supervision office's three colours at their boundaries: the database's colour and the
Python one agree (the rule itself is pinned in test_rules.py)."""

import datetime

import pytest

from reports import services
from reports.models import ExpectedReport
from reports.rules import Colour
from reports.tests import factories

DUE = datetime.date(2023, 10, 16)
NEAR = 3


@pytest.mark.parametrize("offset", [-4, -3, 0, 1])
def test_database_and_python_agree_at_the_boundaries(reporting, offset):
    requirement = reporting.city_req
    requirement.due_date = DUE
    requirement.save()
    returned = factories.fill_and_submit(
        actor=reporting.tianxin_editor,
        expected=factories.expected(requirement, reporting.unit("天心区")),
    )
    services.report_return(actor=reporting.city_editor, report=returned, reason="补充")
    today = DUE + datetime.timedelta(days=offset)
    annotated = dict(
        ExpectedReport.objects.filter(requirement=requirement)
        .with_colour(today, NEAR)
        .values_list("unit__name", "colour")
    )
    in_python = {
        e.unit.name: e.colour_on(today, NEAR)
        for e in ExpectedReport.objects.filter(requirement=requirement).select_related("unit")
    }
    assert annotated == in_python
    expected_tianxin = Colour.RED if offset > 0 else Colour.YELLOW
    expected_furong = {-4: Colour.NONE, -3: Colour.BLUE, 0: Colour.BLUE, 1: Colour.RED}[offset]
    assert annotated == {"天心区": expected_tianxin, "芙蓉区": expected_furong}
