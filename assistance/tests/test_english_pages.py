"""The assistance pages in English show no Chinese of their own (names typed by users stay
as typed): core/tests/test_english_pages.py's rule, on these pages."""

import datetime

from django.urls import reverse

from assistance import services
from assistance.tests.factories import CODES
from core.testing.english import leaks_by_page
from core.testing.world import make_user
from orgs.scoping import Role


def test_assistance_pages_in_english_show_no_chinese_labels(world, client_for, client):
    station = world.unit("芙蓉街道")
    clerk = make_user("furong_station", station, Role.EDITOR)
    requested, _c = services.case_request(
        name="Requested Co",
        code=CODES[0],
        region=station,
        contact_name="Zhou",
        contact_phone="138",
        needs="Calibration",
        consent=True,
    )
    case, _c = services.case_open(actor=clerk, unit=station, name="Open Co", code=CODES[1])
    services.problem_add(actor=clerk, case=case, version=None, field="metrology", description="x")
    services.measure_add(
        actor=clerk,
        case=case,
        version=None,
        text="y",
        responsible="z",
        due_on=datetime.date(2000, 1, 1),
    )
    services.followup_add(
        actor=clerk,
        case=case,
        version=None,
        visited_on=datetime.date(2000, 1, 2),
        visitors="v",
        notes="n",
    )
    closed, _c = services.case_open(actor=clerk, unit=station, name="Closed Co", code=CODES[2])
    services.case_close(actor=clerk, case=closed, version=None, satisfaction="fairly")
    staff = [
        reverse("assistance:index"),
        reverse("assistance:board"),
        reverse("assistance:case_detail", args=[requested.pk]),
        reverse("assistance:case_detail", args=[case.pk]),
        reverse("assistance:case_detail", args=[closed.pk]),
    ]
    assert leaks_by_page(client_for(clerk), staff) == {}
    board = reverse("assistance:board") + f"?unit={world.unit('芙蓉区').pk}"
    assert leaks_by_page(client_for(world.users["viewer"]), [board]) == {}
    client.logout()
    request_page = reverse("assistance:public_request")
    chosen = f"{request_page}?province=430000&city=430100&county=430102"
    assert leaks_by_page(client, [request_page, chosen]) == {}
