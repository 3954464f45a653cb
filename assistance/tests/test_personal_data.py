"""The enterprise contact's name and phone of a service case are encrypted in the database,
shown to the serving unit's editors, and erased once the case has been closed for the
retention period."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance import services
from assistance.models import ServiceCase
from assistance.tests.factories import CODES
from core import personal_data
from core.testing.world import make_user
from orgs.scoping import Role

pytestmark = pytest.mark.django_db

RETENTION = 180
ANONYMISED = "（个人信息已按期删除）"


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.QM_PERSONAL_DATA_RETENTION_DAYS = RETENTION


@pytest.fixture
def station(world):
    return world.unit("芙蓉街道")


@pytest.fixture
def clerk(world, station):
    return make_user("furong_station", station, Role.EDITOR)


def request(station, n: int = 0) -> ServiceCase:
    case, _created = services.case_request(
        name=f"长沙某某{n}有限公司",
        code=CODES[n],
        region=station,
        contact_name="周敏",
        contact_phone=f"1380000000{n}",
        needs="计量器具检定",
        consent=True,
    )
    return case


def closed(clerk, station, n: int, *, days_ago: int) -> ServiceCase:
    case = request(station, n)
    case = services.case_accept(actor=clerk, case=case, version=case.version)
    case = services.case_close(
        actor=clerk, case=case, version=case.version, satisfaction="satisfied", outcome="已整改"
    )
    ServiceCase.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return case


def raw(case) -> tuple:
    table = connection.ops.quote_name(ServiceCase._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT contact_name, contact_phone FROM {table} WHERE id = %s", [case.pk])
        return cursor.fetchone()


def test_the_contact_is_encrypted_in_the_database_and_shown_to_the_units_editors(
    client, world, station, clerk, client_for
):
    client.post(
        "/assistance/request/?province=430000&city=430100&county=430102",
        {
            "name": "长沙芙蓉精密仪器有限公司",
            "code": CODES[0],
            "region": station.pk,
            "contact_name": "周敏",
            "contact_phone": "13800000000",
            "needs": "计量器具检定",
            "consent": "on",
        },
    )
    case = ServiceCase.objects.get()
    name, phone = raw(case)
    assert name.startswith(personal_data.PREFIX) and phone.startswith(personal_data.PREFIX)
    assert "周敏" not in name + phone and "13800000000" not in name + phone

    page = client_for(clerk).get(reverse("assistance:case_detail", args=[case.pk]))
    assert "周敏 13800000000" in page.content.decode()


def test_cases_are_still_found_by_the_enterprise_and_never_by_the_encrypted_contact(
    world, station, client_for
):
    case = request(station)
    # The admin's search looks up the enterprise's name and credit code, not the contact.
    admin = make_user("root", is_staff=True, is_superuser=True)
    changelist = reverse("admin:assistance_servicecase_changelist")
    page = client_for(admin).get(changelist, {"q": "长沙某某0"}).content.decode()
    assert f"/admin/assistance/servicecase/{case.pk}/change/" in page
    # A filter on the ciphertext could only ever match nothing: it is refused outright.
    with pytest.raises(FieldError):
        ServiceCase.objects.filter(contact_phone="13800000000").exists()


def test_contacts_of_cases_closed_past_retention_are_erased_and_the_case_is_kept(
    world, station, clerk, client_for
):
    old = closed(clerk, station, 0, days_ago=RETENTION + 1)
    recent = closed(clerk, station, 1, days_ago=RETENTION - 1)
    running = request(station, 2)

    out = io.StringIO()
    call_command("expire_personal_data", stdout=out)

    assert _(services.MSG_EXPIRED) % {"cases": 1} in out.getvalue()
    assert raw(old) == ("", "")
    old.refresh_from_db()
    assert (old.outcome, old.satisfaction, old.status) == ("已整改", "satisfied", "closed")
    assert old.anonymised_at is not None
    for kept in (recent, running):
        kept.refresh_from_db()
        assert (kept.contact_name, kept.anonymised_at) == ("周敏", None)
    page = client_for(clerk).get(reverse("assistance:case_detail", args=[old.pk]))
    assert ANONYMISED in page.content.decode()
    assert (
        LogEntry.objects.get_for_object(old)
        .filter(additional_data__personal_data="anonymised")
        .exists()
    )

    # Running it again changes nothing.
    erased_at = old.anonymised_at
    assert services.personal_data_expire() == 0
    old.refresh_from_db()
    assert old.anonymised_at == erased_at
