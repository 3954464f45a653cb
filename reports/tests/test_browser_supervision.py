"""督查督办 in Chromium: the one-click 催办 asks for exactly the units the page lists, sends to
them, and a unit's own row button reminds that unit alone."""

import re

import pytest
from django.urls import reverse

from core.testing.browser import log_in
from notifications.models import Notification
from reports.models import SentReminder
from reports.services.messages import MSG_REMINDED
from reports.tests.test_supervision_reminders import overdue  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_click_asks_for_and_reaches_the_units_listed(reporting, overdue, page):  # noqa: F811
    log_in(page, "hunan_editor")
    hunan = reporting.unit("湖南省")
    page.goto(
        reverse("reports:supervision", args=[hunan.pk])
        + f"?requirement={reporting.province_req.pk}"
    )
    listed = page.locator("#pending + form + div table tbody tr")
    names = sorted(listed.locator("td:first-child").all_inner_texts())
    assert names == ["株洲市市场监督管理局", "长沙市市场监督管理局"]

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name=re.compile("^一键催办")).click()
    page.get_by_text(MSG_REMINDED % {"n": 2}).wait_for()
    assert asked == ["确定向列表中的 2 个单位发送催办提醒吗？"]
    reminded = [r.expected.unit.display_name for r in SentReminder.objects.all()]
    assert sorted(reminded) == names
    assert not Notification.objects.filter(unit=reporting.unit("芙蓉区")).exists()


def test_a_row_button_reminds_that_unit_only_and_not_twice_a_day(
    reporting,
    overdue,  # noqa: F811
    page,
):
    log_in(page, "hunan_editor")
    hunan = reporting.unit("湖南省")
    page.goto(
        reverse("reports:supervision", args=[hunan.pk])
        + f"?requirement={reporting.province_req.pk}"
    )
    page.get_by_role("button", name="催办 长沙市").click()
    page.get_by_text(MSG_REMINDED % {"n": 1}).wait_for()
    page.get_by_role("button", name="催办 长沙市").click()
    page.get_by_text("今天已催办过同一报送要求，未重复发送：长沙市").wait_for()
    assert list(SentReminder.objects.values_list("expected__unit__name", flat=True)) == ["长沙市"]
