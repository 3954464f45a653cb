"""A title the platform writes reaches each reader in their own language, however it was sent;
a title a user wrote, and every row from before, is shown as it was stored."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.testing.world import make_user
from notifications.models import Notification
from notifications.services import notify
from orgs.scoping import Role
from reports.models import Bulletin
from reports.services import bulletin_send
from reports.services.messages import MSG_URGENT_TITLE

# The message id of a returned report (reports.services), as makemessages found it there.
RETURNED = "报送材料被退回：%(n)s"
PLAN = "长沙市2023年“质量月”活动方案"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # LocaleMiddleware leaves an English request's language active in the thread; the next
    # test must start in the default language.
    yield
    translation.deactivate()


def in_language(language: str, msgid: str, **params) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % params


def inbox(client, language: str) -> str:
    return client.get(
        reverse("notifications:inbox"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()


def test_a_platform_title_is_shown_in_the_readers_language_not_the_senders(world, client_for):
    with translation.override("zh-hans"):
        notify(units=[world.unit("长沙市")], kind="test", title=RETURNED, title_params={"n": PLAN})
    english = in_language("en", RETURNED, n=PLAN)
    assert english != in_language("zh-hans", RETURNED, n=PLAN)
    client = client_for(world.users["viewer"])
    assert english in inbox(client, "en")
    assert in_language("zh-hans", RETURNED, n=PLAN) in inbox(client, "zh-hans")


def test_the_stored_title_is_written_in_the_language_of_the_moment_for_the_email(world):
    with translation.override("en"):
        note = notify(
            units=[world.unit("长沙市")], kind="test", title=RETURNED, title_params={"n": PLAN}
        )[0]
    note.refresh_from_db()
    assert note.title == in_language("en", RETURNED, n=PLAN)
    assert (note.title_msgid, note.title_params) == (RETURNED, {"n": PLAN})


def test_a_users_title_and_an_older_row_are_shown_as_stored(world, client_for):
    unit = world.unit("长沙市")
    notify(units=[unit], kind="bulletin_urgent", title="启动仪式顺利举行")
    Notification.objects.create(unit=unit, kind="report_returned", title="报送材料被退回：旧方案")
    html = inbox(client_for(world.users["viewer"]), "en")
    assert "启动仪式顺利举行" in html and "报送材料被退回：旧方案" in html


def test_a_title_whose_placeholders_no_longer_fit_falls_back_to_the_stored_text(world):
    note = Notification.objects.create(
        unit=world.unit("长沙市"),
        kind="report_returned",
        title="报送材料被退回：旧方案",
        title_msgid=RETURNED,
        title_params={"title": "旧方案"},
    )
    with translation.override("en"):
        assert note.shown_title == "报送材料被退回：旧方案"


def test_a_bulletin_reaches_an_english_reader_with_its_kind_in_english(world, client_for):
    reader = make_user("hunan_viewer", world.unit("湖南省"), Role.VIEWER)
    bulletin_send(
        actor=world.users["editor"],
        unit=world.unit("长沙市"),
        kind=Bulletin.Kind.URGENT,
        title="启动仪式顺利举行",
        body="详见附件。",
    )
    client = client_for(reader)
    assert "[Important matter] 长沙市: 启动仪式顺利举行" in inbox(client, "en")
    urgent = MSG_URGENT_TITLE % {"unit": "长沙市", "title": "启动仪式顺利举行"}
    assert urgent in inbox(client, "zh-hans")
