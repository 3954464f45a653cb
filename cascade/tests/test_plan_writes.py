"""The cascade writes other apps' tables only through their services, each row audited."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from activities.models import Activity
from activities.services import activities_copy, activity_create
from campaigns import services as campaign_services
from campaigns.hooks import notice_issued_steps
from campaigns.models import Notice
from cascade import services
from cascade.services import expected_set_on_issue
from core.testing.world import make_user
from orgs.scoping import Role
from reports.models import ExpectedReport, ReportRequirement
from reports.rules import subordinate_due_date
from reports.services.requirements import requirement_save


@pytest.fixture
def provincial(world):
    """湖南省's issued notice to its cities, with two activities and a requirement whose
    materials are named as an imported document names them."""
    campaign = campaign_services.national_campaigns_load()[0]
    hunan_admin = make_user("hunan", world.unit("湖南省"), Role.ADMIN)
    notice = campaign_services.notice_create(
        actor=hunan_admin,
        campaign=campaign,
        unit=world.unit("湖南省"),
        kind=Notice.Kind.NOTICE,
        title="湖南省2023年“质量月”活动通知",
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    requirement_save(
        actor=hunan_admin,
        notice=notice,
        due_date=datetime.date(2023, 10, 14),
        materials=["活动总结", "统计表"],
        materials_as_written=True,
        levels=None,
    )
    for title, window in (("质量开放日", "9月"), ("执法打假", "9月中旬")):
        activity_create(actor=hunan_admin, notice=notice, title=title, window_text=window)
    return campaign_services.notice_issue(actor=hunan_admin, notice=notice)


def _entries(model, pks, action):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=[str(pk) for pk in pks],
        action=action,
    )


def test_each_copied_activity_has_a_creation_entry_naming_the_clerk(world, provincial):
    editor = world.users["admin"]  # admin of 长沙市
    plan = services.plan_draft_from(actor=editor, superior=provincial, unit=world.unit("长沙市"))
    copies = list(plan.activities.order_by("position"))
    assert [(a.title, a.implements.notice_id) for a in copies] == [
        ("质量开放日", provincial.pk),
        ("执法打假", provincial.pk),
    ]
    # The superior's dates, as read in its year.
    assert copies[1].starts_on == datetime.date(2023, 9, 11)
    assert copies[1].ends_on == datetime.date(2023, 9, 20)
    entries = _entries(Activity, [a.pk for a in copies], LogEntry.Action.CREATE)
    assert sorted(int(e.object_pk) for e in entries) == sorted(a.pk for a in copies)
    assert {e.actor for e in entries} == {editor}


def test_a_derived_requirement_keeps_the_superiors_materials_and_reports_earlier(world, provincial):
    editor = world.users["admin"]
    plan = services.plan_draft_from(actor=editor, superior=provincial, unit=world.unit("长沙市"))
    derived = plan.report_requirement
    assert derived.materials == ["活动总结", "统计表"]
    assert derived.due_date == subordinate_due_date(datetime.date(2023, 10, 14))
    assert derived.report_to == world.unit("长沙市").display_name
    created = _entries(ReportRequirement, [derived.pk], LogEntry.Action.CREATE).get()
    assert created.actor == editor


def test_copies_are_refused_into_an_issued_plan(world, provincial):
    with pytest.raises(ValidationError):
        activities_copy(
            actor=world.users["national_admin"],
            notice=provincial,
            sources=list(provincial.activities.all()),
        )
    assert provincial.activities.count() == 2


def test_every_issue_fills_the_expected_set_through_the_step_the_cascade_registered(
    world, provincial
):
    assert expected_set_on_issue in notice_issued_steps()
    # The fixture issued through campaigns' own service: the cities are expected to report.
    expected = ExpectedReport.objects.filter(requirement__notice=provincial)
    assert set(expected.values_list("unit__name", flat=True)) == {"长沙市", "株洲市"}


def test_clearing_the_forms_due_date_and_materials_removes_the_drafts_requirement(
    world, provincial
):
    editor = world.users["admin"]
    plan = services.plan_draft_from(actor=editor, superior=provincial, unit=world.unit("长沙市"))
    requirement_pk = plan.report_requirement.pk
    services.notice_draft_save(
        actor=editor,
        notice=plan,
        version=plan.version,
        requirement={"due_date": None, "materials": [], "report_to": ""},
    )
    assert not ReportRequirement.objects.filter(pk=requirement_pk).exists()
    removed = _entries(ReportRequirement, [requirement_pk], LogEntry.Action.DELETE).get()
    assert removed.actor == editor


def test_the_notice_form_keeps_the_levels_it_does_not_show(world, provincial):
    editor = world.users["admin"]
    plan = services.plan_draft_from(actor=editor, superior=provincial, unit=world.unit("长沙市"))
    requirement_save(
        actor=editor,
        notice=plan,
        due_date=datetime.date(2023, 10, 12),
        materials=["统计表"],
        levels=["county"],
    )
    plan.refresh_from_db()
    services.notice_draft_save(
        actor=editor,
        notice=plan,
        version=plan.version,
        requirement={"due_date": datetime.date(2023, 10, 11), "materials": ["统计表"]},
    )
    requirement = ReportRequirement.objects.get(notice=plan)
    assert requirement.due_date == datetime.date(2023, 10, 11)
    assert requirement.levels == ["county"]
