"""一公开: results published on the public side within the working-day limit, late
publication red on the superior's board, the warning before the limit."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inspections import selectors, services
from inspections.models import InspectionTarget
from inspections.workdays import add_working_days
from notifications.models import Notification

Outcome = InspectionTarget.Outcome


def record_results(county, plan, outcomes=(Outcome.NO_PROBLEM,), day=datetime.date(2023, 9, 5)):
    services.plan_draw(actor=county.editor, plan=plan)
    for i, target in enumerate(plan.targets.order_by("position")):
        services.target_result_save(
            actor=county.editor,
            target=target,
            inspected_on=day,
            outcome=outcomes[i % len(outcomes)],
            findings="现场检查了资质认定证书和原始记录。",
        )
    return plan


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_the_limit_is_counted_in_official_working_days(county):
    plan = county.plan(publish_within_days=5)
    record_results(county, plan)
    plan = services.plan_conclude(
        actor=county.editor, plan=plan, concluded_on=datetime.date(2023, 9, 28)
    )
    # 2023: 9月29日—10月6日 放假 (中秋、国庆), 10月7日 (Sat) and 8日 (Sun) 上班: the five
    # working days after 9月28日 are 10月7日, 8日, 9日, 10日, 11日.
    assert plan.publication_due() == datetime.date(2023, 10, 11)


def test_results_cannot_be_concluded_while_some_are_missing(county):
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_conclude(actor=county.editor, plan=plan, concluded_on=plan.ends_on)
    assert refused.value.messages == [services.MSG_RESULTS_MISSING % {"n": 5}]


def test_published_results_appear_on_the_public_side(county, client):
    plan = record_results(county, county.plan(), outcomes=(Outcome.NO_PROBLEM, Outcome.CASE))
    public = reverse("inspections:public_plan", args=[plan.pk])
    assert client.get(public).status_code == 404  # not before publication
    assert plan.title not in client.get(reverse("inspections:public_list")).content.decode()

    services.plan_conclude(actor=county.editor, plan=plan, concluded_on=datetime.date(2023, 9, 8))
    services.plan_publish(actor=county.editor, plan=plan, now=at(datetime.date(2023, 9, 12)))

    assert plan.title in client.get(reverse("inspections:public_list")).content.decode()
    page = client.get(public).content.decode()
    for target in plan.targets.select_related("entity"):
        assert target.entity.name in page
        assert target.entity.credit_code in page
    assert str(Outcome.CASE.label) in page and str(Outcome.NO_PROBLEM.label) in page
    assert plan.draws.get().seed in page  # the draw can be checked from the page

    sheet = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("inspections:public_plan_xlsx", args=[plan.pk]))))
    ).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == [t.entity.credit_code for t in plan.targets.order_by("position")]


def test_a_late_publication_turns_the_supervision_state_red(county, client_for):
    on_time = record_results(county, county.plan(title="按时公开的计划"))
    late = record_results(county, county.plan(title="逾期公开的计划"))
    concluded = datetime.date(2023, 9, 8)
    for plan in (on_time, late):
        services.plan_conclude(actor=county.editor, plan=plan, concluded_on=concluded)
    due = add_working_days(concluded, 20)
    services.plan_publish(actor=county.editor, plan=on_time, now=at(due, 17))
    services.plan_publish(actor=county.editor, plan=late, now=at(due + datetime.timedelta(days=1)))
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert selectors.publication_state(on_time).colour == selectors.DONE
    assert selectors.publication_state(late).colour == selectors.RED

    city = county.world.unit("长沙市")
    viewer = client_for(county.world.users["viewer"])
    page = viewer.get(reverse("inspections:supervision", args=[city.pk])).content.decode()
    row = page.split('data-unit="芙蓉区"')[1].split("</tr>")[0]
    assert "qm-red" in row
    rows = selectors.supervision_rows(city, year=2023)
    furong = next(r for r in rows if r.unit.name == "芙蓉区")
    assert (furong.colour, furong.published, furong.red) == (selectors.RED, 2, 1)


def test_an_unpublished_plan_is_blue_near_the_limit_and_red_past_it(county):
    plan = record_results(county, county.plan())
    plan = services.plan_conclude(
        actor=county.editor, plan=plan, concluded_on=datetime.date(2023, 9, 8)
    )
    due = plan.publication_due()
    assert selectors.publication_state(plan, datetime.date(2023, 9, 11)).colour == selectors.NONE
    near = selectors.publication_state(plan, due - datetime.timedelta(days=1))
    assert near.colour == selectors.BLUE and near.days_left == 1
    assert selectors.publication_state(plan, due + datetime.timedelta(days=1)).colour == (
        selectors.RED
    )


def test_the_unit_is_warned_once_before_the_limit(county):
    plan = record_results(county, county.plan())
    plan = services.plan_conclude(
        actor=county.editor, plan=plan, concluded_on=datetime.date(2023, 9, 8)
    )
    early = datetime.date(2023, 9, 11)
    assert services.publication_warnings_send(today=early) == 0
    near = plan.publication_due() - datetime.timedelta(days=2)
    assert services.publication_warnings_send(today=near) == 1
    assert services.publication_warnings_send(today=near) == 0
    note = Notification.objects.get(unit=county.unit)
    assert plan.title in note.title


def test_a_problem_opens_rectification_followed_to_closure(county):
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    target = plan.targets.first()
    target = services.target_result_save(
        actor=county.editor,
        target=target,
        inspected_on=datetime.date(2023, 9, 5),
        outcome=Outcome.RECTIFY,
        findings="原始记录不完整",
        rectification_due=datetime.date(2023, 9, 30),
    )
    assert target.rectification == InspectionTarget.Rectification.OPEN
    target = services.target_rectification_close(
        actor=county.editor, target=target, rectified_on=datetime.date(2023, 9, 20), note="已补齐"
    )
    assert target.rectification == InspectionTarget.Rectification.CLOSED
    assert target.rectified_on == datetime.date(2023, 9, 20)


def test_views_refuse_outsiders_and_viewers(county, client_for):
    plan = county.plan()
    url = reverse("inspections:plan_detail", args=[plan.pk])
    zhuzhou = client_for(
        __import__("core.testing.world", fromlist=["make_user"]).make_user(
            "zhuzhou_editor", county.world.unit("株洲市"), "editor"
        )
    )
    assert zhuzhou.get(url).status_code == 404
    viewer = client_for(county.world.users["viewer"])
    assert viewer.get(url).status_code == 200
    assert viewer.post(reverse("inspections:plan_draw", args=[plan.pk])).status_code == 403
    assert not plan.draws.exists()
