"""The directory and inspection pages in English show no Chinese of their own (the data, the
names users typed, stays as typed): core/tests/test_english_pages.py's rule, on these pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from core.testing.english import leaks_by_page
from inspections import services
from inspections.models import InspectionTarget


def test_inspection_pages_in_english_show_no_chinese_labels(county, client_for, client):
    draft = county.plan(title="草稿计划")
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    for n, target in enumerate(plan.targets.all()):
        services.target_result_save(
            actor=county.editor,
            target=target,
            inspected_on=datetime.date(2023, 9, 5),
            outcome=[InspectionTarget.Outcome.NO_PROBLEM, InspectionTarget.Outcome.RECTIFY][n % 2],
        )
    services.plan_conclude(actor=county.editor, plan=plan, concluded_on=datetime.date(2023, 9, 8))
    services.plan_publish(
        actor=county.editor,
        plan=plan,
        now=timezone.make_aware(datetime.datetime(2023, 9, 12, 10)),
    )
    target = plan.targets.first()
    city = county.world.unit("长沙市")
    staff = [
        reverse("entities:list"),
        reverse("entities:new"),
        reverse("entities:import"),
        reverse("entities:edit", args=[county.entities[0].pk]),
        reverse("inspections:home"),
        reverse("inspections:inspector_list"),
        reverse("inspections:inspector_new"),
        reverse("inspections:inspector_edit", args=[county.inspectors[0].pk]),
        reverse("inspections:plan_new"),
        reverse("inspections:plan_edit", args=[draft.pk]),
        reverse("inspections:plan_detail", args=[draft.pk]),
        reverse("inspections:plan_detail", args=[plan.pk]),
        reverse("inspections:target_result", args=[target.pk]),
        reverse("inspections:supervision", args=[city.pk]),
    ]
    assert leaks_by_page(client_for(county.world.users["admin"]), staff) == {}
    public = [
        reverse("inspections:public_list"),
        reverse("inspections:public_plan", args=[plan.pk]),
    ]
    client.logout()
    assert leaks_by_page(client, public) == {}
