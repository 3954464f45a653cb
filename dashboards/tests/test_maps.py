import csv
import re
from pathlib import Path

from django.conf import settings

from dashboards import maps
from orgs.models import OrgUnit

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "echarts" / "maps"
DIVISIONS = Path(settings.BASE_DIR) / "orgs" / "data" / "divisions"


def _names_in(map_file: str) -> set[str]:
    return set(re.findall(r'"name":"([^"]+)"', (VENDOR / map_file).read_text("utf-8")))


def _rows(name: str) -> list[dict]:
    with open(DIVISIONS / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_all_31_provinces_map_to_the_names_of_the_china_map():
    provinces = [row["name"] for row in _rows("provinces.csv")]
    assert len(provinces) == 31
    in_map = _names_in("china.js")
    mapped = {maps.province_map_name(name) for name in provinces}
    assert mapped <= in_map, sorted(mapped - in_map)
    assert len(mapped) == 31
    assert maps.province_map_name("内蒙古自治区") == "内蒙古"
    assert maps.province_map_name("新疆维吾尔自治区") == "新疆"
    assert maps.province_map_name("北京市") == "北京"


def test_fujians_cities_are_named_as_the_fujian_map_names_them():
    cities = {row["name"] for row in _rows("cities.csv") if row["provinceCode"] == "35"}
    assert len(cities) == 9
    assert cities <= _names_in("fujian.js")


def test_the_nation_and_fujian_get_a_map_other_units_get_bars():
    assert maps.map_for(OrgUnit(kind="national", name="全国")) is maps.CHINA
    assert maps.map_for(OrgUnit(kind="province", name="福建省", code="350000")).name == "福建"
    assert maps.map_for(OrgUnit(kind="province", name="湖南省", code="430000")) is None
    assert maps.map_for(OrgUnit(kind="prefecture", name="三明市", code="350400")) is None
