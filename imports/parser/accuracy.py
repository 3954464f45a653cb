"""Field-level accuracy of the parser against hand-checked gold files.

    python -m imports.parser.accuracy              # seeds, dev and the held-out parts
    python -m imports.parser.accuracy DIR [DIR …]  # only these directories, with their misses

Each ``*.json`` in a directory holds ``{"seed": "<file next to it>", "expected": {...}}``, or
``{"refuse": true}`` (in place of or inside ``expected``) for a page that is not a campaign
document. Only the keys present in ``expected`` are scored, and for lists of objects only the
keys the expectation spells out, so a gold file pins down exactly what a human checked. Every
case is also scored on ``refuse``: whether the parser refused it exactly when the gold says so.

The test and fresh5 parts of the corpus are held out: their misses are never printed, only their
figures, so that rules are not written against them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import parse_file, places
from .errors import NoticeParseError
from .rules import PROVINCES

IMPORTS_DIR = Path(__file__).resolve().parents[1]
DEFAULT_FIXTURES = IMPORTS_DIR / "tests" / "fixtures"
CORPUS_DIR = IMPORTS_DIR / "corpus"
# (name, directory, whether its misses may be shown)
PARTS: tuple[tuple[str, Path, bool], ...] = (
    ("seeds", DEFAULT_FIXTURES, True),
    ("dev", CORPUS_DIR / "dev", True),
    ("test", CORPUS_DIR / "test", False),
    # Collected in session 11, blind to the parser, while rules were written against the
    # earlier fresh parts (fresh, fresh2, fresh4: measured at the ends of sessions 7-10, now in dev).
    ("fresh5", CORPUS_DIR / "fresh5", False),
)
# Seeds live outside the repo too; a fixture can name a seed found in either place.
SEED_FALLBACK = Path("/work/shared/seeds")
REFUSE = "refuse"


def project(actual: Any, expected: Any) -> Any:
    """Keep only the parts of ``actual`` that ``expected`` describes."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: project(actual.get(k), v) for k, v in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list):
        if expected and all(isinstance(e, dict) for e in expected):
            # Item i is judged on the keys expectation i spells out; extras on all keys seen.
            template = {k: v for e in expected for k, v in e.items()}
            shapes = list(expected) + [template] * max(0, len(actual) - len(expected))
            return [project(a, shape) for a, shape in zip(actual, shapes, strict=False)]
        return actual
    return actual


def _key(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


# The short forms the genre writes for one and the same body, long form first. A name is
# compared in its long form, so 省市场监管局 and 省市场监督管理局 are one unit.
_SHORT_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("市场监督管理总局", ("市场监管总局",)),
    ("质量监督检验检疫总局", ("质检总局",)),
    ("市场监督管理局", ("市场监管局", "市监局")),
    ("质量技术监督局", ("质量技监局", "质监局", "技监局")),
    ("质量强省工作领导小组办公室", ("质强办",)),
    ("纤维检验", ("纤检",)),
)
# What a place's name ends with, longest first; and the one-character marker a text writes
# for "this place's" (省市场监管局 in a provincial text is that province's bureau).
_PLACE_ENDINGS = ("自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "县", "区", "旗")
_MARKERS = "省市州盟县区旗"
_PLACE_THEN_BODY = re.compile(
    r"^[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗)"
)


def _long_form(name: str) -> str:
    name = "".join(name.split())
    for long, shorts in _SHORT_FORMS:
        if long not in name:
            for short in shorts:
                if short in name:
                    name = name.replace(short, long, 1)
                    break
    return name


def same_unit(a: str, b: str) -> bool:
    """Whether two names a text may give one unit by are that unit: equal in their long
    forms, or one is the other with its place said differently — the generic marker for the
    place (省市场监管局 ↔ 青海省市场监督管理局), the higher places left out (临漳县质监局 ↔
    河北省临漳县质监局), the province by its short name (天津市场监管委 ↔ 天津市市场监管委) or
    国家 left out (市场监管总局 ↔ 国家市场监督管理总局). A bare body
    (市场监督管理局) is not taken for any place's bureau: it names no place."""
    a, b = _long_form(a), _long_form(b)
    # A province said by its short name is that province: 天津市场监管委 = 天津市市场监管委.
    if a == b or places.province_short(a) == places.province_short(b):
        return True
    short, long = sorted((a, b), key=len)
    if not long.endswith(short):
        return False
    prefix = long[: -len(short)]
    if prefix == "国家":
        return True
    marked = short[0] in _MARKERS and not short.startswith("市场")  # 市场监督管理局 is bare
    if marked and not prefix.endswith(_PLACE_ENDINGS):
        return True  # 青海 + 省市场监督管理局
    # The higher places left out, the province by its short name too (内蒙古 + 鄂托克前旗…).
    higher = prefix.endswith(_PLACE_ENDINGS) or prefix in PROVINCES
    return higher and bool(_PLACE_THEN_BODY.match(short))


# Fields whose values are unit names, and the keys of activity items that hold unit names.
UNIT_FIELDS = {"issuers", "co_organizers", "recipients"}
UNIT_KEYS = {"lead", "support"}


def _same_units(actual: Any, expected: Any) -> bool:
    if not (isinstance(actual, list) and isinstance(expected, list)):
        return actual == expected
    if len(actual) != len(expected):
        return False
    remaining = list(actual)
    for want in expected:
        found = next((a for a in remaining if same_unit(a, want)), None)
        if found is None:
            return False
        remaining.remove(found)
    return True


def _same(field_name: str | None, actual: Any, expected: Any) -> bool:
    if field_name in UNIT_FIELDS and isinstance(actual, str) and isinstance(expected, str):
        return same_unit(actual, expected)
    if field_name is not None and isinstance(actual, dict) and isinstance(expected, dict):
        return all(
            _same_units(actual.get(k), v) if k in UNIT_KEYS else actual.get(k) == v
            for k, v in expected.items()
        )
    return _key(actual) == _key(expected)


def score(actual: Any, expected: Any, field_name: str | None = None) -> float:
    """1.0 for a match; for lists, the F1 of matching items (order-insensitive).

    With `field_name`, unit names (issuers, co-organisers, recipients, an activity's lead and
    support units) match when they name the same unit (`same_unit`): the gold conventions ask
    to compare name forms leniently, and the import resolves every form to the same unit of
    the tree. Without it, strings must be equal (the strict figure)."""
    actual = project(actual, expected)
    if actual == expected:
        return 1.0
    if isinstance(expected, list) and isinstance(actual, list):
        if not expected and not actual:
            return 1.0
        remaining = list(actual)
        hits = 0
        for want in expected:
            found = next((a for a in remaining if _same(field_name, a, want)), None)
            if found is not None:
                remaining.remove(found)
                hits += 1
        precision = hits / len(actual) if actual else 0.0
        recall = hits / len(expected) if expected else 0.0
        return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)
    return 0.0


def load_cases(directory: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, document, expected fields); ``expected`` is ``{"refuse": True}`` for a refusal."""
    cases = []
    for fixture in sorted(directory.glob("*.json")):
        data = json.loads(fixture.read_text(encoding="utf-8"))
        seed = directory / data["seed"]
        if not seed.exists():
            seed = SEED_FALLBACK / data["seed"]
        expected = dict(data.get("expected") or {})
        if data.get(REFUSE):
            expected[REFUSE] = True
        cases.append((fixture.stem, seed, expected))
    return cases


@dataclass
class Report:
    """Scores per field (one value per case that states the field) and the misses."""

    per_field: dict[str, list[float]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    # The same scores with unit names compared as strings (no `same_unit`).
    strict: dict[str, list[float]] = field(default_factory=dict)
    # Per case whose issuers are wrong and whose gold names someone: whether every gold unit is
    # among the issuers and the units the import page offers beside them (`named_units`).
    offered: list[bool] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return len(self.per_field.get(REFUSE, []))

    def add(self, name: str, field_name: str, value: float, strict: float | None = None) -> None:
        self.per_field.setdefault(field_name, []).append(value)
        self.strict.setdefault(field_name, []).append(value if strict is None else strict)
        if value < 1.0:
            self.misses.append(f"{name}: {field_name} ({value:.2f})")

    def note_offered(self, result: dict[str, Any], gold: list[str]) -> None:
        issuers = result.get("issuers") or []
        if score(issuers, gold, "issuers") < 1.0:
            pool = issuers + (result.get("named_units") or [])
            self.offered.append(all(any(same_unit(a, g) for a in pool) for g in gold))

    def field_score(self, field_name: str) -> float:
        values = self.per_field.get(field_name) or []
        return sum(values) / len(values) if values else 0.0

    def overall(self, *, strict: bool = False) -> float:
        """The mean over every scored (case, field) pair."""
        scores = self.strict if strict else self.per_field
        values = [v for vs in scores.values() for v in vs]
        return sum(values) / len(values) if values else 0.0


def evaluate_cases(
    cases: list[tuple[str, Path, dict[str, Any]]],
    parse: Callable[[Path], Any] = parse_file,
) -> Report:
    report = Report()
    for name, document, expected in cases:
        want_refusal = bool(expected.get(REFUSE))
        try:
            parsed = parse(document)
            result = parsed.to_json() if hasattr(parsed, "to_json") else dict(parsed)
            refused = False
        except NoticeParseError:
            result, refused = {}, True
        report.add(name, REFUSE, 1.0 if refused == want_refusal else 0.0)
        for field_name, want in expected.items():
            if field_name == REFUSE:
                continue
            if refused:
                report.add(name, field_name, 0.0)
            else:
                got = result.get(field_name)
                report.add(name, field_name, score(got, want, field_name), score(got, want))
        if not refused and expected.get("issuers"):
            report.note_offered(result, expected["issuers"])
    return report


def evaluate(
    directories: list[Path], parse: Callable[[Path], Any] = parse_file
) -> tuple[dict[str, list[float]], list[str]]:
    cases = [case for directory in directories for case in load_cases(directory)]
    report = evaluate_cases(cases, parse)
    return report.per_field, report.misses


def format_report(title: str, report: Report, *, show_misses: bool) -> str:
    if not report.per_field:
        return f"== {title}: 没有找到任何样例（*.json）。"
    width = max(len(f) for f in report.per_field)
    lines = [f"== {title} ({report.cases} documents)"]
    lines.append(f"{'field'.ljust(width)}  exact      score   strict")
    total_exact = count = 0
    for field_name, values in report.per_field.items():
        exact = sum(1 for v in values if v == 1.0)
        total_exact += exact
        count += len(values)
        strict = report.strict[field_name]
        lines.append(
            f"{field_name.ljust(width)}  {exact:>3}/{len(values):<4}  "
            f"{report.field_score(field_name):6.1%}   {sum(strict) / len(strict):6.1%}"
        )
    lines.append(
        f"{'ALL'.ljust(width)}  {total_exact / count:6.1%}    {report.overall():6.1%}   "
        f"{report.overall(strict=True):6.1%}"
    )
    if report.offered:
        lines.append(
            f"issuers wrong, the right units offered beside them: "
            f"{sum(report.offered)}/{len(report.offered)}"
        )
    if show_misses:
        lines += [f"  miss: {miss}" for miss in report.misses]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv:
        held_out = {d.resolve() for _name, d, shown in PARTS if not shown}
        parts = [(a, Path(a), Path(a).resolve() not in held_out) for a in argv]
    else:
        parts = [part for part in PARTS if part[1].is_dir()]
    found = False
    for title, directory, show_misses in parts:
        report = evaluate_cases(load_cases(directory))
        found = found or bool(report.per_field)
        print(format_report(title, report, show_misses=show_misses))
    if not found:
        print("没有找到任何测试样例（*.json）。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
