"""The pages: the public request, what a sibling may see, the board's rollup, the
statistics pre-fill and the demo."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from assistance import selectors, services
from assistance.demo import demo_assistance_load
from assistance.figures import FIGURES
from assistance.models import ServiceCase
from assistance.tests.factories import CODES
from core.errors import ConflictError
from core.testing.world import make_user
from entities.models import MSG_CODE_CHECK
from orgs.models import OrgUnit
from orgs.scoping import Role
from reports import services as report_services
from reports.prefill import report_prefill
from reports.services.requirements import FieldSpec
from reports.tests import factories

pytestmark = pytest.mark.django_db

# The page as the enterprise sends it: after choosing 湖南省 › 长沙市 › 芙蓉区.
URL = "/assistance/request/?province=430000&city=430100&county=430102"


def _form(world, **over) -> dict:
    data = {
        "name": "长沙芙蓉精密仪器有限公司",
        "code": CODES[0],
        "region": world.unit("芙蓉街道").pk,
        "contact_name": "周敏",
        "contact_phone": "13800000000",
        "needs": "计量器具检定",
        "consent": "on",
    }
    data.update(over)
    return data


def test_an_enterprise_requests_help_and_the_station_gets_the_case(client, world):
    response = client.post(URL, _form(world))
    assert response.status_code == 200
    case = ServiceCase.objects.get()
    assert case.unit == world.unit("芙蓉街道") and case.status == ServiceCase.Status.REQUESTED
    assert (
        _("申请已提交，承办单位“%(unit)s”将尽快与您联系。") % {"unit": case.unit.display_name}
        in response.content.decode()
    )


def test_a_wrong_credit_code_is_explained_and_what_was_typed_stays(client, world):
    response = client.post(URL, _form(world, code="91430100MA4L000001"))
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [_(MSG_CODE_CHECK)]
    assert "长沙芙蓉精密仪器有限公司" in page and "计量器具检定" in page and "13800000000" in page
    assert not ServiceCase.objects.exists()


def test_the_form_offers_only_the_chosen_countys_bureau_and_stations(client, world):
    first = client.get("/assistance/request/")
    assert "form" in first.context and first.context["county"] is None
    assert "提交申请" not in first.content.decode()  # the place comes first
    offered = list(client.get(URL).context["form"].fields["region"].queryset)
    assert offered == [world.unit("芙蓉区"), world.unit("芙蓉街道")]


def test_a_unit_outside_the_chosen_county_is_refused_and_what_was_typed_stays(client, world):
    response = client.post(URL, _form(world, region=world.unit("天心区").pk))
    assert response.status_code == 400
    assert response.context["form"].errors["region"] == [
        _("请先在上方选择企业所在的县（区），再从列表中选择承办单位。")
    ]
    assert "计量器具检定" in response.content.decode()
    assert not ServiceCase.objects.exists()


def test_requests_are_rate_limited_per_address(client, world, settings):
    settings.QM_ASSISTANCE_RATE_LIMITS = {"request": (2, 600)}
    codes = [client.post(URL, _form(world, code=c)).status_code for c in CODES[:3]]
    assert codes == [200, 200, 429]
    assert ServiceCase.objects.count() == 2


def test_a_sibling_station_cannot_see_a_case(client_for, world):
    clerk = make_user("furong_station", world.unit("芙蓉街道"), Role.EDITOR)
    case, _c = services.case_open(
        actor=clerk, unit=world.unit("芙蓉街道"), name="某公司", code=CODES[0]
    )
    tianxin = make_user("tianxin_clerk", world.unit("天心区"), Role.EDITOR)
    client = client_for(tianxin)
    assert client.get(reverse("assistance:case_detail", args=[case.pk])).status_code == 404
    assert "某公司" not in client.get(reverse("assistance:index")).content.decode()
    post = client.post(
        reverse("assistance:problem_add", args=[case.pk]),
        {"version": case.version, "field": "metrology", "description": "x"},
    )
    assert post.status_code == 404 and not case.problems.exists()
    # The city above both sees it.
    city = client_for(world.users["viewer"])
    assert city.get(reverse("assistance:case_detail", args=[case.pk])).status_code == 200


def test_a_conflict_or_a_blank_field_keeps_what_the_clerk_typed(client_for, world):
    clerk = make_user("furong_station", world.unit("芙蓉街道"), Role.EDITOR)
    case, _c = services.case_open(
        actor=clerk, unit=world.unit("芙蓉街道"), name="某公司", code=CODES[0]
    )
    client = client_for(clerk)
    loaded = case.version
    url = reverse("assistance:measure_add", args=[case.pk])
    blank = client.post(
        url, {"version": loaded, "text": "送检压力表", "responsible": "", "due_on": "2023-09-30"}
    )
    assert blank.status_code == 400 and "送检压力表" in blank.content.decode()
    # Another clerk saves in between: the form comes back with the reason and the text.
    services.problem_add(actor=clerk, case=case, version=loaded, field="ip", description="专利")
    stale = client.post(
        url,
        {"version": loaded, "text": "送检压力表", "responsible": "计量所", "due_on": "2023-09-30"},
    )
    page = stale.content.decode()
    assert stale.status_code == 409 and "送检压力表" in page
    assert str(ConflictError(loaded + 1)) in page
    assert not case.measures.exists()


def _world_cases(world, campaign=None):
    furong_clerk = make_user("furong_station", world.unit("芙蓉街道"), Role.EDITOR)
    tianxin_clerk = make_user("tianxin_clerk", world.unit("天心区"), Role.EDITOR)
    a, _c = services.case_open(
        actor=furong_clerk,
        unit=world.unit("芙蓉街道"),
        name="甲公司",
        code=CODES[0],
        campaign=campaign,
    )
    p1 = services.problem_add(
        actor=furong_clerk, case=a, version=None, field="metrology", description="未检定"
    )
    services.problem_add(
        actor=furong_clerk, case=a, version=None, field="brand", description="无商标"
    )
    services.problem_set_solved(actor=furong_clerk, problem=p1, solved=True, version=None)
    services.measure_add(
        actor=furong_clerk,
        case=a,
        version=None,
        text="送检",
        responsible="计量所",
        due_on=datetime.date(2000, 1, 1),
    )
    services.case_close(actor=furong_clerk, case=a, version=None, satisfaction="satisfied")
    b, _c = services.case_open(
        actor=tianxin_clerk,
        unit=world.unit("天心区"),
        name="乙公司",
        code=CODES[1],
        campaign=campaign,
    )
    services.case_request(
        name="丙公司",
        code=CODES[2],
        region=world.unit("天心区"),
        contact_name="x",
        contact_phone="1",
        needs="y",
        consent=True,
    )
    return a, b


def test_the_board_rolls_the_cases_up_per_child(client_for, world):
    _world_cases(world)
    rows, total = selectors.rollup(world.unit("长沙市"), today=datetime.date(2023, 9, 1))
    by_name = {r.unit.name: r for r in rows}
    furong, tianxin = by_name["芙蓉区"], by_name["天心区"]
    assert (furong.open_cases, furong.closed_cases, furong.enterprises) == (0, 1, 1)
    assert (furong.problems_solved, furong.overdue_measures) == (1, 1)
    # The request not yet accepted is open work, but no enterprise helped yet.
    assert (tianxin.open_cases, tianxin.closed_cases, tianxin.enterprises) == (2, 0, 1)
    assert (total.open_cases, total.closed_cases, total.enterprises) == (2, 1, 2)
    page = client_for(world.users["viewer"]).get(
        reverse("assistance:board") + f"?unit={world.unit('长沙市').pk}"
    )
    assert page.status_code == 200 and "芙蓉区" in page.content.decode()
    # A county sees only its own subtree's board.
    tianxin_viewer = make_user("tx_viewer", world.unit("天心区"), Role.VIEWER)
    denied = client_for(tianxin_viewer).get(
        reverse("assistance:board") + f"?unit={world.unit('芙蓉区').pk}"
    )
    assert denied.status_code == 404


def test_the_statistics_form_is_pre_filled_from_the_cases(world):
    requirement = factories.issued_requirement(
        actor=world.users["editor"],
        unit=world.unit("长沙市"),
        recipients=[world.unit("芙蓉区"), world.unit("天心区")],
        title="长沙市2023年“质量月”活动方案",
        fields=[
            FieldSpec("帮扶企业数", "assisted_enterprises", unit_of_measure="家"),
            FieldSpec("解决问题数", "problems_solved", unit_of_measure="个"),
        ],
    )
    _world_cases(world, campaign=requirement.notice.campaign)
    furong_editor = make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR)
    report = report_services.report_start(
        actor=furong_editor, expected=factories.expected(requirement, world.unit("芙蓉区"))
    )
    prefill = report_prefill(report)
    assert prefill["assisted_enterprises"].value == Decimal(1)
    assert prefill["problems_solved"].value == Decimal(1)
    assert prefill["problems_solved"].sources == [FIGURES["problems_solved"][1] % {"n": 1}]


def test_the_demo_loads_a_dozen_cases_in_yongan_once(world):
    from orgs.divisions import Division
    from orgs.services import divisions_load

    divisions_load(
        [
            Division("350481", "永安市", "county", "350000"),
            Division("350481001", "燕西街道", "station", "350481"),
            Division("350481002", "燕东街道", "station", "350481"),
        ]
    )
    make_user("yongan_editor", OrgUnit.objects.get(code="350481"), Role.EDITOR)
    assert demo_assistance_load() == {"service_cases": 12}
    assert demo_assistance_load() == {"service_cases": 0}
    statuses = set(ServiceCase.objects.values_list("status", flat=True))
    assert statuses == {"requested", "open", "closed"}
    assert not ServiceCase.objects.exclude(
        unit__path__startswith=OrgUnit.objects.get(code="350481").path
    ).exists()
