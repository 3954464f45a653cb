"""The shared worlds (core/testing/shared.py) are built once per process but behave, for each
test, as if built for it alone: what a test changes is gone for the next, and a test that did
not ask for a world finds an empty database."""

import pytest
from django.contrib.auth import get_user_model

from orgs.models import OrgUnit
from reports.models import ReportRequirement


def _rename_changsha_and_check_it_was_untouched(world) -> None:
    changsha = world.unit("长沙市")
    assert changsha.name == "长沙市"
    assert OrgUnit.objects.filter(name="长沙市").exists()
    changsha.name = "改过的长沙市"
    changsha.save()
    world.users["editor"].is_active = False
    world.users["editor"].save()


def test_a_change_to_the_world_is_rolled_back_for_the_next_test(world):
    _rename_changsha_and_check_it_was_untouched(world)


def test_so_is_this_ones(world):
    _rename_changsha_and_check_it_was_untouched(world)
    assert get_user_model().objects.filter(is_active=False).count() == 1


@pytest.mark.django_db
def test_a_test_without_the_world_finds_an_empty_database():
    assert not OrgUnit.objects.exists()
    assert not get_user_model().objects.exists()


def test_the_reporting_world_stands_on_the_tests_own_world(reporting, world):
    assert reporting.world is world
    assert ReportRequirement.objects.count() == 2
    assert reporting.city_req.notice.unit == world.unit("长沙市")


def test_a_test_with_only_the_world_finds_no_reporting(world):
    assert not ReportRequirement.objects.exists()
    assert world.unit("长沙市").name == "长沙市"


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_builds_its_own_world_and_sees_it_committed(world):
    assert OrgUnit.objects.filter(name="长沙市").count() == 1
    assert get_user_model().objects.filter(username="changsha_editor").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_without_the_world_finds_an_empty_database():
    assert not OrgUnit.objects.exists()
