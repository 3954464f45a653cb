"""Which vendored ECharts map draws a unit's children, and under which names.

The maps (static/vendor/echarts/maps/, see SOURCE.txt there) name provinces by their short
names (湖南, 内蒙古, 新疆) and Fujian's prefecture cities by their full names (福州市). Our
units carry the official names of the division codes (湖南省, 内蒙古自治区, 新疆维吾尔自治区,
北京市), so each child is given the name its map knows it by.
"""

from dataclasses import dataclass

from orgs.models import OrgUnit

# Autonomous regions and special administrative regions: the short name is not a suffix cut.
PROVINCE_SHORT_NAMES = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}


@dataclass(frozen=True)
class MapSpec:
    name: str  # the name the map registers itself under (echarts.registerMap)
    script: str  # static path of the file that registers it


CHINA = MapSpec("china", "vendor/echarts/maps/china.js")
# Province maps we vendor, keyed by the province's code (its name may be renamed).
PROVINCE_MAPS = {"350000": MapSpec("福建", "vendor/echarts/maps/fujian.js")}


def province_map_name(name: str) -> str:
    """湖南省 → 湖南, 北京市 → 北京, 内蒙古自治区 → 内蒙古."""
    if name in PROVINCE_SHORT_NAMES:
        return PROVINCE_SHORT_NAMES[name]
    for suffix in ("省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def map_for(unit: OrgUnit) -> MapSpec | None:
    """The map showing `unit`'s children: China for the nation, a province map where one
    is vendored; None where only bars can show them."""
    if unit.kind == OrgUnit.Kind.NATIONAL:
        return CHINA
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return PROVINCE_MAPS.get(unit.code or "")
    return None


def child_map_name(parent: OrgUnit, child: OrgUnit) -> str:
    """The name `parent`'s map uses for `child`."""
    if parent.kind == OrgUnit.Kind.NATIONAL:
        return province_map_name(child.name)
    return child.name
