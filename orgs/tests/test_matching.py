import pytest

from orgs.matching import NameMatcher
from orgs.models import Department, OrgUnit


@pytest.fixture
def matcher(world):
    changsha = world.unit("长沙市")
    Department.objects.create(unit=changsha, name="质量发展处", aliases="质量处")
    OrgUnit.objects.add_child(
        world.unit("湖南省"),
        create_kwargs={
            "name": "湖南省公安厅",
            "full_name": "湖南省公安厅",
            "kind": "ministry",
            "aliases": "省公安厅",
        },
    )
    return NameMatcher(changsha)


def test_department_matches_by_name_and_by_alias(matcher):
    assert matcher.match("质量发展处").department.name == "质量发展处"
    found = matcher.match(" 质量处 ")
    assert found.department.name == "质量发展处" and found.how == "alias"


def test_units_below_above_and_beside_are_matched(matcher):
    assert matcher.match("芙蓉区市场监督管理局").unit.code == "430102"
    assert matcher.match("湖南省市场监督管理局").unit.code == "430000"
    assert matcher.match("省公安厅").unit.name == "湖南省公安厅"


def test_collective_references_are_understood_without_a_unit(matcher):
    for name in ("各监管所", "相关处室", "有关单位"):
        found = matcher.match(name)
        assert found.matched and found.how == "group" and found.unit is None


def test_unknown_name_stays_unmatched_and_nothing_is_created(matcher):
    before = (OrgUnit.objects.count(), Department.objects.count())
    found = matcher.match("不存在的处")
    assert not found.matched
    assert (OrgUnit.objects.count(), Department.objects.count()) == before


def test_a_name_relative_to_its_province_read_at_the_national_level_names_no_one_province(world):
    # Every province's bureau is also "省市场监督管理局": from the top, which one is the clerk's call.
    found = NameMatcher(world.unit("全国")).match("省市场监督管理局")
    assert not found.matched


def test_a_name_relative_to_its_province_read_below_it_is_that_provinces(world):
    found = NameMatcher(world.unit("长沙市")).match("省市场监督管理局")
    assert found.unit.name == "湖南省" and found.how == "alias"
