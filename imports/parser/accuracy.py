"""Field-level accuracy of the parser against hand-checked gold files.

    python -m imports.parser.accuracy              # seeds, corpus/dev and corpus/test, apart
    python -m imports.parser.accuracy DIR [DIR …]  # only these directories, with their misses

Each ``*.json`` in a directory holds ``{"seed": "<file next to it>", "expected": {...}}``, or
``{"refuse": true}`` (in place of or inside ``expected``) for a page that is not a campaign
document. Only the keys present in ``expected`` are scored, and for lists of objects only the
keys the expectation spells out, so a gold file pins down exactly what a human checked. Every
case is also scored on ``refuse``: whether the parser refused it exactly when the gold says so.

The test part of the corpus is held out: its misses are never printed, only its figures, so
that rules are not written against it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import parse_file
from .errors import NoticeParseError

IMPORTS_DIR = Path(__file__).resolve().parents[1]
DEFAULT_FIXTURES = IMPORTS_DIR / "tests" / "fixtures"
CORPUS_DIR = IMPORTS_DIR / "corpus"
# (name, directory, whether its misses may be shown)
PARTS: tuple[tuple[str, Path, bool], ...] = (
    ("seeds", DEFAULT_FIXTURES, True),
    ("dev", CORPUS_DIR / "dev", True),
    ("test", CORPUS_DIR / "test", False),
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


def score(actual: Any, expected: Any) -> float:
    """1.0 for an exact match; for lists, the F1 of matching items (order-insensitive)."""
    actual = project(actual, expected)
    if actual == expected:
        return 1.0
    if isinstance(expected, list) and isinstance(actual, list):
        exp, act = [_key(e) for e in expected], [_key(a) for a in actual]
        if not exp and not act:
            return 1.0
        remaining = list(act)
        hits = 0
        for e in exp:
            if e in remaining:
                remaining.remove(e)
                hits += 1
        precision = hits / len(act) if act else 0.0
        recall = hits / len(exp) if exp else 0.0
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

    @property
    def cases(self) -> int:
        return len(self.per_field.get(REFUSE, []))

    def add(self, name: str, field_name: str, value: float) -> None:
        self.per_field.setdefault(field_name, []).append(value)
        if value < 1.0:
            self.misses.append(f"{name}: {field_name} ({value:.2f})")

    def field_score(self, field_name: str) -> float:
        values = self.per_field.get(field_name) or []
        return sum(values) / len(values) if values else 0.0

    def overall(self) -> float:
        """The mean over every scored (case, field) pair."""
        values = [v for vs in self.per_field.values() for v in vs]
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
            report.add(name, field_name, 0.0 if refused else score(result.get(field_name), want))
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
    lines.append(f"{'field'.ljust(width)}  exact      score")
    total_exact = count = 0
    for field_name, values in report.per_field.items():
        exact = sum(1 for v in values if v == 1.0)
        total_exact += exact
        count += len(values)
        lines.append(
            f"{field_name.ljust(width)}  {exact:>3}/{len(values):<4}  "
            f"{report.field_score(field_name):6.1%}"
        )
    lines.append(f"{'ALL'.ljust(width)}  {total_exact / count:6.1%}    {report.overall():6.1%}")
    if show_misses:
        lines += [f"  miss: {miss}" for miss in report.misses]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv:
        held_out = (CORPUS_DIR / "test").resolve()
        parts = [(a, Path(a), Path(a).resolve() != held_out) for a in argv]
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
