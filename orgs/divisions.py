"""Reading the vendored administrative-divisions files (see data/divisions/SOURCE.md).

Pure parsing, no database: `read_divisions` turns the three CSV files into an ordered list of
`Division` rows, parents before children, or raises `DivisionsFileError` naming the file and
line of the first problem.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "divisions"

# Rows of the statistical dataset that are groupings, not governments with a bureau:
# the districts of a municipality or a province's directly administered counties hang
# directly under the province in the regulators' hierarchy.
PSEUDO_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


class DivisionsFileError(ValueError):
    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line = path, line
        super().__init__(f"{path.name} 第 {line} 行：{message}")


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit GB/T 2260 code
    name: str
    kind: str  # province | prefecture | county
    parent_code: str | None


def _rows(path: Path, columns: list[str]):
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DivisionsFileError(path, 0, f"无法打开文件（{exc.strerror}）") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DivisionsFileError(path, 1, "文件为空") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DivisionsFileError(path, 1, f"无法读取（{exc}）") from exc
        if [h.strip() for h in header[: len(columns)]] != columns:
            raise DivisionsFileError(path, 1, f"表头应为 {','.join(columns)}")
        line = 1
        try:
            for line, row in enumerate(reader, start=2):
                if not row or not "".join(row).strip():
                    continue
                if len(row) < len(columns):
                    raise DivisionsFileError(
                        path, line, f"应有 {len(columns)} 列，实有 {len(row)} 列"
                    )
                yield line, [cell.strip() for cell in row]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DivisionsFileError(path, line + 1, f"无法读取（{exc}）") from exc


def _check(path: Path, line: int, code: str, digits: int, name: str) -> None:
    if not (code.isdigit() and len(code) == digits):
        raise DivisionsFileError(path, line, f"代码 {code!r} 应为 {digits} 位数字")
    if not name:
        raise DivisionsFileError(path, line, f"代码 {code} 缺少名称")


def read_divisions(data_dir: Path = DATA_DIR) -> list[Division]:
    """Provinces, prefectures and counties with 6-digit codes, parents first."""
    result: list[Division] = []
    seen: dict[str, str] = {}  # code -> kind
    pseudo: dict[str, str] = {}  # pseudo-prefecture code -> its province code

    def add(path: Path, line: int, division: Division) -> None:
        if division.code in seen:
            raise DivisionsFileError(path, line, f"代码 {division.code} 重复")
        seen[division.code] = division.kind
        result.append(division)

    path = data_dir / "provinces.csv"
    for line, (code, name) in _rows(path, ["code", "name"]):
        _check(path, line, code, 2, name)
        add(path, line, Division(code + "0000", name, "province", None))

    path = data_dir / "cities.csv"
    prefecture_names: dict[str, str] = {}
    for line, (code, name, province) in _rows(path, ["code", "name", "provinceCode"]):
        _check(path, line, code, 4, name)
        if seen.get(province + "0000") != "province" or not code.startswith(province):
            raise DivisionsFileError(path, line, f"上级省份 {province} 不存在")
        if name in PSEUDO_PREFECTURES:
            pseudo[code] = province + "0000"
            continue
        prefecture_names[code] = name
        add(path, line, Division(code + "00", name, "prefecture", province + "0000"))

    path = data_dir / "areas.csv"
    for line, (code, name, city, _province) in _rows(
        path, ["code", "name", "cityCode", "provinceCode"]
    ):
        _check(path, line, code, 6, name)
        if city in pseudo:
            parent = pseudo[city]
        elif city in prefecture_names:
            # Prefecture-level cities without counties (东莞, 中山, 儋州) appear once more
            # as a county of themselves; the prefecture already stands for them.
            if code == city + "00":
                continue
            parent = city + "00"
        else:
            raise DivisionsFileError(path, line, f"上级城市 {city} 不存在")
        add(path, line, Division(code, name, "county", parent))
    return result


TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "民族乡", "镇", "乡", "苏木")


def station_full_name(township: str) -> str:
    """燕东街道 → 燕东市场监管所: a market supervision station is named for its township."""
    for suffix in TOWNSHIP_SUFFIXES:
        if township.endswith(suffix) and len(township) > len(suffix):
            return township[: -len(suffix)] + "市场监管所"
    return township + "市场监管所"


def read_townships(
    data_dir: Path = DATA_DIR, county_codes: set[str] | None = None
) -> list[Division]:
    """Townships (乡镇/街道, 9-digit codes) as stations under their county, optionally only
    those of `county_codes`.
    """
    path = data_dir / "streets.csv"
    result = []
    for line, (code, name, area, _province, _city) in _rows(
        path, ["code", "name", "areaCode", "provinceCode", "cityCode"]
    ):
        _check(path, line, code, 9, name)
        if county_codes is None or area in county_codes:
            result.append(Division(code, name, "station", area))
    return result
