"""The consent box on the phone-first registration page, in Chromium."""

import pytest
from django.db import connection

from core.testing.world import build_world
from public.forms import CONSENT_LABEL, CONSENT_REQUIRED
from public.models import Registration
from public.tests.factories import public_activity
from public.tests.pages import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registration_is_refused_until_the_consent_box_is_ticked_and_nothing_typed_is_lost(
    phone_page,  # noqa: F811
    screenshot_dir,
):
    world = build_world()
    activity = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), title="芙蓉区计量实验室开放日"
    )
    p = phone_page
    p.goto(f"/public/activities/{activity.pk}/")
    p.get_by_label("姓名").fill("张小明")
    p.get_by_label("手机号码").fill("13812341234")
    consent = p.get_by_label(str(CONSENT_LABEL))
    assert not consent.is_checked()
    p.get_by_role("button", name="提交报名").click()

    p.get_by_text(str(CONSENT_REQUIRED)).wait_for()
    assert p.get_by_label("姓名").input_value() == "张小明"
    assert p.get_by_label("手机号码").input_value() == "13812341234"
    assert not Registration.objects.exists()
    check_page(p, screenshot_dir, "consent-refused")

    p.get_by_label(str(CONSENT_LABEL)).check()
    p.get_by_role("button", name="提交报名").click()
    p.locator("#reg-status").get_by_text("报名成功").wait_for()
    registration = Registration.objects.get()
    assert registration.name == "张小明"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM public_registration")
        assert cursor.fetchone()[0] != "13812341234"
