"""A bare "X市" is a prefecture (三明市) or a county-level city (永安市, 广汉市): the level is read
from China's administrative divisions (imports/parser/places.json, built from the GB/T 2260
data orgs vendors), not guessed from the suffix."""

import json

import pytest

from imports.parser import build_places, parse_text
from imports.parser.header import level_of_body, level_of_name
from imports.parser.places import level_of_city_name


def test_the_parsers_copy_of_the_divisions_is_what_the_script_makes_of_the_vendored_data():
    written = json.loads(build_places.OUTPUT.read_text(encoding="utf-8"))
    assert written == build_places.build()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("恩施土家族苗族自治州", "恩施"),
        ("克孜勒苏柯尔克孜自治州", "克孜勒苏"),
        ("内蒙古自治区", "内蒙古"),
        ("鄂托克前旗", "鄂托克前"),
        ("永安市", "永安"),
    ],
)
def test_a_place_is_known_by_its_own_words(name, stem):
    assert build_places.stem(name) == stem


def test_a_county_level_city_is_county_level():
    assert level_of_city_name("广汉市市场监督管理局") == "county"


def test_a_prefecture_city_is_city_level():
    assert level_of_city_name("三明市市场监督管理局") == "city"


def test_a_city_that_became_a_district_is_county_level_under_its_old_name():
    # 蓬莱市 is 烟台市蓬莱区 since 2020; a report of 2017 calls it 蓬莱市.
    assert level_of_city_name("蓬莱市质监局") == "county"


def test_a_prefecture_city_is_city_level_though_a_county_shares_its_name():
    # 辽宁省朝阳市 is a prefecture; 朝阳县 and 朝阳区 are counties, never written 朝阳市.
    assert level_of_city_name("朝阳市市场监督管理局") == "city"


def test_a_county_level_city_under_a_prefecture_of_its_name_is_county_level():
    # 大理市 is a county-level city of 大理白族自治州.
    assert level_of_city_name("大理市市场监督管理局") == "county"


def test_a_former_prefecture_is_city_level_under_its_old_name():
    assert level_of_city_name("莱芜市质监局") == "city"  # a prefecture until 2019


def test_a_county_level_city_written_short_before_its_market_bureau():
    assert level_of_city_name("蓬莱市场监督管理局") == "county"


def test_a_province_bureau_written_short_is_no_city():
    assert level_of_city_name("湖南省市场监督管理局") is None


def test_the_issuers_level_follows_the_divisions():
    assert level_of_name("永安市市场监督管理局") == "county"
    assert level_of_name("福建省永安市市场监督管理局") == "county"
    assert level_of_body("广汉市", "") == "county"


def test_a_report_of_a_county_level_citys_campaign_is_county_level():
    parsed = parse_text(
        "近日，广汉市市场监督管理局在全市组织开展2022年“质量月”活动，"
        "以“推进质量强国建设”为主题，开展质量宣传、咨询服务等活动。"
    )
    assert parsed.level == "county"
