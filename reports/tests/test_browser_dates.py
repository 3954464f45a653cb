"""Open a form with a date, change nothing, save: the date is unchanged. The browser's date
picker showed the zh-hans value 2026/12/20 as an empty box and posted nothing back."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from core.testing.browser import log_in
from core.testing.world import make_user
from imports.services import notice_import_create
from imports.tests.test_import_new_units import CHANGSHA_TEXT
from orgs.scoping import Role
from public.models import PublicEvent
from public.tests.factories import public_activity
from public.views import SIGNUP_SETTINGS_SAVED
from reports.tests import factories
from reports.views.requirements import MSG_REQUIREMENT_SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saving_a_requirement_unchanged_keeps_its_due_date(reporting, page):
    requirement = reporting.province_req
    factories.due_date_set(requirement, due=datetime.date(2026, 12, 20))
    log_in(page, "hunan_editor")
    page.goto(reverse("reports:requirement_edit", args=[requirement.notice_id]))
    assert page.get_by_label("报送截止日期").input_value() == "2026-12-20"
    page.get_by_role("button", name="保存报送要求").click()
    page.get_by_text(MSG_REQUIREMENT_SAVED).wait_for()
    requirement.refresh_from_db()
    assert requirement.due_date == datetime.date(2026, 12, 20)


def test_the_import_preview_keeps_the_issue_date_the_parser_read(world, page):
    changsha_admin = make_user("changsha_importer", world.unit("长沙市"), Role.ADMIN)
    notice_import = notice_import_create(
        actor=changsha_admin, unit=world.unit("长沙市"), text=CHANGSHA_TEXT
    )
    log_in(page, "changsha_importer")
    page.goto(reverse("imports:preview", args=[notice_import.pk]))
    assert page.get_by_label("成文日期").input_value() == "2023-08-30"
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/notices/*/")
    notice_import.refresh_from_db()
    assert notice_import.notice.issue_date == datetime.date(2023, 8, 30)


def test_saving_a_public_event_unchanged_keeps_its_times(world, page):
    admin = make_user("furong_admin", world.unit("芙蓉区"), Role.ADMIN)
    activity = public_activity(actor=admin, unit=world.unit("芙蓉区"))
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    starts = datetime.datetime(2026, 9, 20, 9, 30, tzinfo=local)
    PublicEvent.objects.filter(activity=activity).update(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    log_in(page, "furong_admin")
    page.goto(reverse("public:staff_event_edit", args=[activity.pk]))
    assert page.get_by_label("活动开始时间").input_value() == "2026-09-20T09:30"
    page.get_by_role("button", name="保存").click()
    page.get_by_text(str(SIGNUP_SETTINGS_SAVED)).wait_for()
    event = PublicEvent.objects.get(activity=activity)
    assert event.starts_at == starts
    assert event.ends_at == starts + datetime.timedelta(hours=2)
    assert event.registration_closes_at == starts - datetime.timedelta(days=1)
