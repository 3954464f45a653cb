"""Write `places.json`, the level of China's place names, from the administrative divisions
the platform vendors (orgs/data/divisions: GB/T 2260 codes, 国家统计局 2023):

    python -m imports.parser.build_places

The parser reads only the written file (it imports nothing outside itself), so the
divisions' data stays where orgs keeps it; `test_parser_places.py` checks that the written
file is what this script makes of the vendored data."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DIVISIONS = Path(__file__).resolve().parents[2] / "orgs" / "data" / "divisions"
OUTPUT = Path(__file__).resolve().parent / "places.json"

# The 55 ethnic groups whose names an autonomous place carries before 自治州/县/旗.
ETHNIC = sorted(
    """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
    东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克
    俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(),
    key=len,
    reverse=True,
)
SUFFIX = re.compile(r"(?:自治[州县旗]|自治区|省|市|县|区|旗|地区|盟|州|林区|特区)$")
# Entries of the data that stand for a group of places, not a place.
NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Prefecture-level cities of the corpus's years that are districts today: a report of their
# time calls them 市 as a prefecture (莱芜 until 2019, 巢湖 until 2011).
FORMER_PREFECTURES = ["莱芜", "巢湖"]


def stem(name: str) -> str:
    """A place's own words: 恩施土家族苗族自治州 → 恩施, 永安市 → 永安, 鄂托克前旗 → 鄂托克前."""
    m = SUFFIX.search(name)
    if not m:
        return name
    rest, autonomous = name[: m.start()], m.group(0).startswith("自治")
    while autonomous:
        for group in ETHNIC:
            # A one-character group only with 族 (白族, 回族): alone it may be the place's.
            for form in (group + "族",) if len(group) == 1 else (group + "族", group):
                if rest.endswith(form) and len(rest) - len(form) >= 2:
                    rest = rest[: -len(form)]
                    break
            else:
                continue
            break
        else:
            break
    return rest


def build() -> dict[str, list[str]]:
    def rows(file: str) -> list[dict[str, str]]:
        with open(DIVISIONS / file, encoding="utf-8") as f:
            return [row for row in csv.DictReader(f) if row["name"] not in NOT_PLACES]

    def names(file: str) -> list[str]:
        return [row["name"] for row in rows(file)]

    provinces = {stem(n) for n in names("provinces.csv")}
    prefectures = {stem(n) for n in names("cities.csv")} | set(FORMER_PREFECTURES)
    counties = {stem(n) for n in names("areas.csv")}
    # County-level cities (大理市 under 大理白族自治州), not a prefecture listed as its own area
    # (东莞市 under 东莞市): a "X市" is one of these, or a prefecture, whatever counties or
    # districts share its stem (吉安市 is a prefecture; 吉安县 a county beside it).
    city_names = {row["code"]: row["name"] for row in rows("cities.csv")}
    county_cities = {
        stem(row["name"])
        for row in rows("areas.csv")
        if row["name"].endswith("市") and city_names.get(row["cityCode"]) != row["name"]
    }
    return {
        # Stems of two characters or more: one character names nothing on its own (易县).
        "province": sorted(s for s in provinces if len(s) >= 2),
        "prefecture": sorted(s for s in prefectures if len(s) >= 2),
        "county": sorted(s for s in counties if len(s) >= 2),
        "county_city": sorted(s for s in county_cities if len(s) >= 2),
    }


def main() -> int:
    OUTPUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUTPUT} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
