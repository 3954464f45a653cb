"""Statistics cascade level by level: a derived plan inherits its superior's statistics form,
a level's own report starts from its subordinates' accepted figures (and what the platform
recorded), and the superior's rollup shows them once the level reports."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from activities.services import activity_create
from campaigns import services as campaign_services
from cascade.services import plan_draft_from
from core.testing.world import make_user
from orgs.scoping import Role
from reports import selectors, services
from reports.models import ExpectedReport, Report, StatisticField
from reports.prefill import FIGURE_TEXT, MSG_PREFILLED, MSG_SUBORDINATE_TOTAL
from reports.services.requirements import MSG_SUPERIOR_FIELD_DROPPED, MSG_SUPERIOR_FIELD_KIND
from reports.services.submissions import MSG_MISSING_STATISTIC
from reports.tests import factories

NATIONAL_FIELDS = [
    services.FieldSpec("活动场次", "activities", unit_of_measure="场"),
    services.FieldSpec("参与人数", "participants", required=False, unit_of_measure="人次"),
    services.FieldSpec("媒体报道篇数", "media_reports", required=False, unit_of_measure="篇"),
]


class Cascade:
    """全国 asks the provinces to report; 湖南省 derives its plan, issues it to its cities."""

    def __init__(self, world) -> None:
        self.world = world
        self.nation_admin = world.users["national_admin"]
        self.hunan_admin = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
        self.changsha_editor = world.users["editor"]
        self.national = factories.issued_requirement(
            actor=self.nation_admin,
            unit=world.unit("全国"),
            recipients=[world.unit("湖南省"), world.unit("福建省")],
            title="关于开展2023年全国“质量月”活动的通知",
            due=timezone.localdate() + datetime.timedelta(days=20),
            fields=NATIONAL_FIELDS,
        )
        self.plan = plan_draft_from(
            actor=self.hunan_admin, superior=self.national.notice, unit=world.unit("湖南省")
        )

    @property
    def plan_requirement(self):
        return self.plan.report_requirement

    def issue_plan(self) -> None:
        self.plan = campaign_services.notice_issue(actor=self.hunan_admin, notice=self.plan)

    def report_up(self, unit_name: str, actor, accept: bool = True, **values) -> Report:
        expected = factories.expected(self.plan_requirement, self.world.unit(unit_name))
        report = factories.fill_and_submit(actor=actor, expected=expected, **values)
        if accept:
            report = services.report_accept(actor=self.hunan_admin, report=report)
        return report


@pytest.fixture
def cascade(world) -> Cascade:
    return Cascade(world)


def _codes(requirement) -> list[tuple[str, str, str]]:
    return [
        (f.code, f.label, f.kind)
        for f in StatisticField.objects.filter(requirement=requirement).order_by("position")
    ]


def test_a_derived_plan_inherits_the_superiors_statistics_form(cascade):
    assert _codes(cascade.plan_requirement) == _codes(cascade.national)
    assert cascade.plan_requirement.due_date == cascade.national.due_date - datetime.timedelta(2)


def test_a_level_may_add_indicators_but_not_drop_or_change_the_superiors(cascade):
    requirement = cascade.plan_requirement
    kept = [
        services.FieldSpec(f.label, f.code, kind=f.kind, unit_of_measure=f.unit_of_measure)
        for f in requirement.statistic_fields.all()
    ]
    extra = services.FieldSpec("质量开放日场次", "open_days", unit_of_measure="场")
    kw = {"actor": cascade.hunan_admin, "notice": cascade.plan, "due_date": None}
    kw |= {"materials": ["统计表"], "levels": []}
    services.requirement_save(**kw, fields=[*kept, extra])
    assert [c for c, _l, _k in _codes(requirement)][-1] == "open_days"

    with pytest.raises(ValidationError) as dropped:
        services.requirement_save(**kw, fields=[kept[0], kept[2], extra])
    assert dropped.value.message_dict["fields"] == [
        MSG_SUPERIOR_FIELD_DROPPED % {"labels": "参与人数"}
    ]
    changed = [services.FieldSpec("活动场次", "activities", kind="text"), *kept[1:]]
    with pytest.raises(ValidationError) as kind:
        services.requirement_save(**kw, fields=changed)
    assert kind.value.message_dict["fields"] == [
        MSG_SUPERIOR_FIELD_KIND % {"label": "活动场次", "kind": "整数"}
    ]
    assert "participants" in [c for c, _l, _k in _codes(requirement)]


def test_the_requirement_page_marks_the_superiors_rows_and_refuses_dropping_one(
    cascade, client_for
):
    client = client_for(cascade.hunan_admin)
    url = reverse("reports:requirement_edit", args=[cascade.plan.pk])
    page = client.get(url)
    assert page.content.decode().count("上级指标</span>") == 3
    form = page.context["form"]
    data = {
        "due_date": "2023-10-14",
        "materials": ["工作总结", "统计表"],
        "report_to": form.initial.get("report_to", ""),
        "f-TOTAL_FORMS": "2",
        "f-INITIAL_FORMS": "0",
        "f-MIN_NUM_FORMS": "0",
        "f-MAX_NUM_FORMS": "60",
        "f-0-label": "活动场次",
        "f-0-code": "activities",
        "f-0-kind": "integer",
        "f-0-required": "on",
        "f-1-label": "媒体报道篇数",
        "f-1-code": "media_reports",
        "f-1-kind": "integer",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert MSG_SUPERIOR_FIELD_DROPPED % {"labels": "参与人数"} in response.content.decode()
    # What was typed is still on the page; nothing was saved.
    assert 'value="媒体报道篇数"' in response.content.decode()
    assert len(_codes(cascade.plan_requirement)) == 3
    assert cascade.plan_requirement.due_date != datetime.date(2023, 10, 14)


def test_a_plan_issued_without_the_superiors_form_gets_it_on_issue(cascade):
    StatisticField.objects.filter(requirement=cascade.plan_requirement).delete()
    cascade.issue_plan()
    assert _codes(cascade.plan_requirement) == _codes(cascade.national)


def test_the_provinces_own_report_starts_from_its_cities_accepted_figures(cascade, client_for):
    cascade.issue_plan()
    zhuzhou_editor = make_user("zhuzhou_editor", cascade.world.unit("株洲市"), Role.EDITOR)
    cascade.report_up("长沙市", cascade.changsha_editor, activities=12, participants=3500)
    # Submitted but not yet accepted: not summed.
    cascade.report_up("株洲市", zhuzhou_editor, accept=False, activities=4, participants=800)

    own = ExpectedReport.objects.get(
        requirement=cascade.national, unit=cascade.world.unit("湖南省")
    )
    page = client_for(cascade.hunan_admin).get(reverse("reports:report_edit", args=[own.pk]))
    form = page.context["form"]
    assert form.initial["stat_activities"] == "12"
    assert form.initial["stat_participants"] == "3500"
    assert "stat_media_reports" not in form.initial
    body = page.content.decode()
    assert MSG_SUBORDINATE_TOTAL % {"total": "3,500", "parts": "长沙市 3,500"} in body
    assert MSG_SUBORDINATE_TOTAL % {"total": "12", "parts": "长沙市 12"} in body

    # The clerk changes one figure and reports; the nation's rollup shows it.
    factories.fill_and_submit(
        actor=cascade.hunan_admin,
        expected=own,
        activities=form.initial["stat_activities"],
        participants="3600",
    )
    rollup = selectors.statistics_rollup(cascade.world.unit("全国"), requirement=cascade.national)
    totals = dict(zip([f.code for f in rollup.fields], rollup.total, strict=True))
    assert totals["activities"] == Decimal(12)
    assert totals["participants"] == Decimal(3600)


def test_the_checklist_does_not_ask_for_figures_the_page_has_pre_filled(cascade, client_for):
    cascade.issue_plan()
    cascade.report_up("长沙市", cascade.changsha_editor, activities=12, participants=3500)
    own = ExpectedReport.objects.get(
        requirement=cascade.national, unit=cascade.world.unit("湖南省")
    )
    page = client_for(cascade.hunan_admin).get(reverse("reports:report_edit", args=[own.pk]))
    assert page.context["form"].initial["stat_activities"] == "12"
    missing_activities = MSG_MISSING_STATISTIC % {"label": "活动场次"}
    assert missing_activities not in page.context["missing"]
    assert page.context["prefilled_note"] == MSG_PREFILLED % {"labels": "“活动场次”、“参与人数”"}
    assert page.context["prefilled_note"] in page.content.decode()
    # Nothing was stored yet: submitting the stored report alone is still refused.
    assert missing_activities in services.report_missing(Report.objects.get(expected=own))


def test_a_figure_the_platform_recorded_is_offered_when_no_city_reported_it(cascade, client_for):
    done = activity_create(
        actor=cascade.hunan_admin, notice=cascade.plan, title="湖南省“质量月”启动仪式"
    )
    cascade.issue_plan()
    Activity.objects.filter(pk=done.pk).update(status=Activity.Status.DONE)
    own = ExpectedReport.objects.get(
        requirement=cascade.national, unit=cascade.world.unit("湖南省")
    )
    page = client_for(cascade.hunan_admin).get(reverse("reports:report_edit", args=[own.pk]))
    assert page.context["form"].initial["stat_activities"] == "1"
    assert FIGURE_TEXT["completed_activities"] % {"n": 1} in page.content.decode()


def test_a_rollup_counts_the_upper_report_of_a_branch_once(cascade):
    """A requirement that both 湖南省 and 长沙市 answer: 湖南省's figure covers 长沙市."""
    nation = cascade.world.unit("全国")
    services.expected_add(
        actor=cascade.nation_admin, requirement=cascade.national, unit=cascade.world.unit("长沙市")
    )
    changsha = factories.expected(cascade.national, cascade.world.unit("长沙市"))
    factories.fill_and_submit(actor=cascade.changsha_editor, expected=changsha, activities=12)
    rollup = selectors.statistics_rollup(nation, requirement=cascade.national)
    assert rollup.total[0] == Decimal(12)  # 湖南省 has not reported: 长沙市 counts
    hunan = factories.expected(cascade.national, cascade.world.unit("湖南省"))
    factories.fill_and_submit(actor=cascade.hunan_admin, expected=hunan, activities=20)
    rollup = selectors.statistics_rollup(nation, requirement=cascade.national)
    assert rollup.total[0] == Decimal(20)  # not 32
    # Drilled down to 长沙市, its own report is what there is.
    rollup = selectors.statistics_rollup(cascade.world.unit("长沙市"), requirement=cascade.national)
    assert rollup.total[0] == Decimal(12)
