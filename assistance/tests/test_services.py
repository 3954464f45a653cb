"""The rules of a case: who may write, the version check, double submits, closure."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from assistance import selectors, services
from assistance.models import ProblemField, ServiceCase
from assistance.tests.factories import CODES
from core.errors import ConflictError
from core.testing.world import make_user
from orgs.scoping import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(world):
    return world.unit("芙蓉街道")


@pytest.fixture
def clerk(world, station):
    return make_user("furong_station", station, Role.EDITOR)


def _open(clerk, station, n: int = 0) -> ServiceCase:
    case, created = services.case_open(
        actor=clerk, unit=station, name=f"长沙某某{n}有限公司", code=CODES[n]
    )
    assert created
    return case


def test_a_public_request_waits_for_the_station_and_a_second_one_adds_nothing(world, station):
    data = dict(
        name="长沙芙蓉精密仪器有限公司",
        code=CODES[0],
        region=station,
        contact_name="周敏",
        contact_phone="13800000000",
        needs="计量器具检定",
        consent=True,
    )
    case, created = services.case_request(**data)
    again, created_again = services.case_request(**data)
    assert created and not created_again and again.pk == case.pk
    assert case.status == ServiceCase.Status.REQUESTED
    assert case.entity.credit_code == CODES[0] and case.entity.region == station


def test_a_request_needs_consent_and_a_serving_unit(world, station):
    data = dict(name="某公司", code=CODES[0], contact_name="周敏", contact_phone="138", needs="x")
    with pytest.raises(ValidationError) as refused:
        services.case_request(region=station, consent=False, **data)
    assert refused.value.message_dict["consent"] == [_(services.MSG_CONSENT)]
    with pytest.raises(ValidationError) as refused:
        services.case_request(region=world.unit("长沙市"), consent=True, **data)
    assert refused.value.message_dict["region"] == [_(services.MSG_UNIT_KIND)]
    assert not ServiceCase.objects.exists()


def test_the_diagnosis_waits_for_acceptance(world, station, clerk):
    case, _created = services.case_request(
        name="某公司",
        code=CODES[0],
        region=station,
        contact_name="周敏",
        contact_phone="138",
        needs="x",
        consent=True,
    )
    with pytest.raises(ValidationError) as refused:
        services.problem_add(
            actor=clerk, case=case, version=case.version, field="metrology", description="x"
        )
    assert refused.value.messages == [_(services.MSG_NOT_ACCEPTED)]
    case = services.case_accept(actor=clerk, case=case, version=case.version)
    assert case.status == ServiceCase.Status.OPEN and case.opened_by == clerk


def test_a_sibling_unit_may_not_write_to_a_case(world, station, clerk):
    case = _open(clerk, station)
    tianxin = make_user("tianxin_clerk", world.unit("天心区"), Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.problem_add(
            actor=tianxin, case=case, version=case.version, field="metrology", description="x"
        )
    with pytest.raises(PermissionDenied):
        services.case_open(actor=tianxin, unit=station, name="某公司", code=CODES[1])


def test_an_edit_from_a_stale_page_is_refused_and_a_double_submit_adds_one_row(station, clerk):
    case = _open(clerk, station)
    loaded = case.version
    first = services.problem_add(
        actor=clerk, case=case, version=loaded, field="metrology", description="压力表未检定"
    )
    # The same form sent twice: the second returns the first row.
    again = services.problem_add(
        actor=clerk, case=case, version=loaded, field="metrology", description="压力表未检定"
    )
    assert again.pk == first.pk and case.problems.count() == 1
    # Another clerk's page, loaded before the first write, adds something else: refused.
    with pytest.raises(ConflictError):
        services.measure_add(
            actor=clerk,
            case=case,
            version=loaded,
            text="送检",
            responsible="计量所",
            due_on=datetime.date(2023, 9, 30),
        )
    assert case.measures.count() == 0


def test_an_enterprise_has_one_active_case(world, station, clerk):
    case = _open(clerk, station)
    same, created = services.case_open(actor=clerk, unit=station, name="x", code=CODES[0])
    assert same.pk == case.pk and not created
    county_clerk = make_user("furong_county", world.unit("芙蓉区"), Role.EDITOR)
    with pytest.raises(ValidationError) as refused:
        services.case_open(actor=county_clerk, unit=world.unit("芙蓉区"), name="x", code=CODES[0])
    assert refused.value.messages == [
        _(services.MSG_ACTIVE_ELSEWHERE) % {"unit": station.display_name}
    ]


def test_closing_records_satisfaction_and_freezes_the_case(world, station, clerk):
    case = _open(clerk, station)
    problem = services.problem_add(
        actor=clerk, case=case, version=None, field=ProblemField.BRAND, description="无商标"
    )
    services.problem_add(
        actor=clerk, case=case, version=None, field=ProblemField.STANDARDS, description="无标准"
    )
    services.problem_set_solved(actor=clerk, problem=problem, solved=True, version=None)
    case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=clerk, case=case, version=case.version, satisfaction="")
    assert refused.value.message_dict["satisfaction"] == [_(services.MSG_SATISFACTION)]
    closed = services.case_close(
        actor=clerk, case=case, version=case.version, satisfaction="satisfied", outcome="已注册"
    )
    assert closed.status == ServiceCase.Status.CLOSED and closed.satisfaction == "satisfied"
    with pytest.raises(ValidationError) as refused:
        services.followup_add(
            actor=clerk,
            case=closed,
            version=closed.version,
            visited_on=datetime.date(2023, 10, 1),
            visitors="x",
            notes="y",
        )
    assert refused.value.messages == [_(services.MSG_CLOSED)]
    assert selectors.rollup(world.unit("芙蓉区"))[1].problems_solved == 1


def test_every_write_is_audited_with_its_actor_and_without_the_contact(station, clerk):
    from auditlog.models import LogEntry

    case = _open(clerk, station)
    services.problem_add(actor=clerk, case=case, version=None, field="ip", description="专利")
    entries = LogEntry.objects.filter(actor=clerk)
    assert entries.filter(content_type__model="servicecase").exists()
    assert entries.filter(content_type__model="problem").exists()
    public, _c = services.case_request(
        name="某公司",
        code=CODES[1],
        region=station,
        contact_name="周敏",
        contact_phone="13800000000",
        needs="x",
        consent=True,
    )
    entry = LogEntry.objects.get(content_type__model="servicecase", object_id=public.pk)
    assert "contact_phone" not in entry.changes_dict and "contact_name" not in entry.changes_dict
