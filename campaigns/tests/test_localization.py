"""Each localization rule rewrites its phrase wherever it stands as a word, and nothing else."""

from campaigns.localization import localize
from orgs.models import OrgUnit

PROVINCE = OrgUnit(kind=OrgUnit.Kind.PROVINCE, name="湖南省")
CITY = OrgUnit(kind=OrgUnit.Kind.PREFECTURE, name="长沙市")
COUNTY = OrgUnit(kind=OrgUnit.Kind.COUNTY, name="宁乡县")


def test_building_a_quality_nation_mid_line_becomes_the_units_level():
    line = "建设质量强国 共享美好生活"
    assert localize(line, PROVINCE) == "建设质量强省 共享美好生活"
    assert localize(line, CITY) == "建设质量强市 共享美好生活"
    assert localize(line, COUNTY) == "建设质量强县 共享美好生活"


def test_building_a_quality_nation_at_the_end_of_a_line_is_still_rewritten():
    assert (
        localize("大力增强质量意识 加快建设质量强国", PROVINCE)
        == "大力增强质量意识 加快建设质量强省"
    )


def test_a_name_that_merely_contains_the_phrase_is_kept():
    assert localize("建设质量强国梦 共享美好生活", PROVINCE) == "建设质量强国梦 共享美好生活"
    assert localize("提升质量竞争力 共筑质量强国梦", CITY) == "提升质量竞争力 共筑质量强国梦"


def test_advancing_quality_nation_building_becomes_the_units_level_wherever_it_stands():
    assert localize("推进质量强国建设，共享品质生活", CITY) == "推进质量强市建设，共享品质生活"
    assert localize("推进质量强国建设示范区", CITY) == "推进质量强国建设示范区"


def test_the_national_brand_line_becomes_a_regional_one():
    assert (
        localize("打造民族质量品牌 树立大国质量形象", PROVINCE)
        == "培育区域质量品牌 树立湖南质量形象"
    )
