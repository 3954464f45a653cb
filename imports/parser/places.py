"""The level of a place a name starts with, from China's administrative divisions
(`places.json`, written by `python -m imports.parser.build_places` from the GB/T 2260 data
orgs vendors): a bare "X市" may be a prefecture (三明市) or a county-level city (永安市, 广汉市),
and a name's suffix cannot tell which."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# "蓬莱市质监局", "永安市": the place before the first 市 that is not 市场 or 市辖; or, written
# short, the place that runs into 市场 ("蓬莱市场监督管理局" for 蓬莱市市场监督管理局).
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,8}?)市(?!场|辖)")
_CITY_SHORT = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?=市场)")


@lru_cache(maxsize=1)
def _stems() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).with_name("places.json")).read_text(encoding="utf-8"))
    return {level: frozenset(stems) for level, stems in data.items()}


def level_of_city_name(name: str) -> str | None:
    """ "county" when the name starts with X市 and X is only a county-level place (a county-level
    city, or one that became a district: 蓬莱市), "city" when X is only a prefecture; None when
    both carry the name (朝阳市, 朝阳县), when it is a province's, or when there is no X市."""
    stems = _stems()
    m = _CITY.match(name)
    if not m:
        m = _CITY_SHORT.match(name)
        if not m or not any(m.group(1) in stems[level] for level in ("county", "prefecture")):
            return None
    place = m.group(1)
    if place in stems["county_city"]:
        return "county"
    if place in stems["prefecture"]:
        return "city"
    if place in stems["province"]:
        return None
    # A county-level place that was a county-level city (蓬莱市, now 蓬莱区).
    return "county" if place in stems["county"] else None


@lru_cache(maxsize=1)
def _all_stems() -> frozenset[str]:
    return frozenset().union(*_stems().values())


def is_place(name: str) -> bool:
    """Whether a name that ends like a place ("福建省", "宕昌县") is one China's divisions know,
    not words that only end so ("根据省、市局…" gives "根据省")."""
    stems = _all_stems()
    return any(name[:k] in stems and _PLACE_KIND.fullmatch(name[k:]) for k in range(2, len(name)))


# What follows a place's own words: its kind, after the ethnic groups of an autonomous one.
_PLACE_KIND = re.compile(
    r"(?:[\u4e00-\u9fff]{1,4}族)*(?:自治区|自治州|自治县|自治旗|省|市|县|区|旗|州|盟|地区|林区|特区)"
)


def county_stems() -> frozenset[str]:
    """The own words of every county-level place (琼山, 福田, 射洪)."""
    stems = _stems()
    return stems["county"] | stems["county_city"]
