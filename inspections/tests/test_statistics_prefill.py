"""The unit's statistics form is pre-filled from its recorded inspection results
(抽查机构数, 发现问题数, 立案数), through reports' figure registry."""

import datetime
from decimal import Decimal

from inspections import services
from inspections.figures import FIGURES
from inspections.models import InspectionTarget
from reports import services as report_services
from reports.prefill import report_prefill
from reports.services.requirements import FieldSpec
from reports.tests import factories

Outcome = InspectionTarget.Outcome
OUTCOMES = [Outcome.NO_PROBLEM, Outcome.RECTIFY, Outcome.CASE, Outcome.NO_PROBLEM, Outcome.CASE]


def test_the_report_form_is_pre_filled_from_the_results(county):
    plan = county.plan(target_count=len(OUTCOMES))
    services.plan_draw(actor=county.editor, plan=plan)
    for target, outcome in zip(plan.targets.order_by("position"), OUTCOMES, strict=True):
        services.target_result_save(
            actor=county.editor,
            target=target,
            inspected_on=datetime.date(2023, 9, 5),
            outcome=outcome,
        )
    city = county.world.unit("长沙市")
    requirement = factories.issued_requirement(
        actor=county.world.users["editor"],
        unit=city,
        recipients=[county.unit, county.world.unit("天心区")],
        title="长沙市2023年“质量月”活动方案",
        fields=[
            FieldSpec("抽查机构数", "inspected_entities", unit_of_measure="家"),
            FieldSpec("发现问题数", "problems_found", unit_of_measure="家"),
            FieldSpec("立案数", "cases_filed", unit_of_measure="件"),
        ],
    )
    report = report_services.report_start(
        actor=county.editor, expected=factories.expected(requirement, county.unit)
    )
    prefill = report_prefill(report)

    problems = sum(o in InspectionTarget.PROBLEM_OUTCOMES for o in OUTCOMES)
    cases = OUTCOMES.count(Outcome.CASE)
    assert prefill["inspected_entities"].value == Decimal(len(OUTCOMES))
    assert prefill["problems_found"].value == Decimal(problems)
    assert prefill["cases_filed"].value == Decimal(cases)
    assert prefill["cases_filed"].sources == [FIGURES["cases_filed"][1] % {"n": cases}]

    # 天心区 ran no inspection: nothing to pre-fill there.
    other = report_services.report_start(
        actor=county.world.users["editor"],
        expected=factories.expected(requirement, county.world.unit("天心区")),
    )
    assert report_prefill(other)["inspected_entities"].value is None
