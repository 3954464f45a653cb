"""Field-level accuracy of the parser against hand-written expectations.

    python -m imports.parser.accuracy [FIXTURE_DIR ...]

Each ``*.json`` in a fixture directory holds ``{"seed": "<file next to it>", "expected": {...}}``.
Only the keys present in ``expected`` are scored, and for lists of objects only the keys the
expectation spells out, so a fixture can pin down exactly what a human checked. The same
directory layout works for the corpus of real notices kept outside the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import parse_file

DEFAULT_FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
# Seeds live outside the repo too; a fixture can name a seed found in either place.
SEED_FALLBACK = Path("/work/shared/seeds")


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
    cases = []
    for fixture in sorted(directory.glob("*.json")):
        data = json.loads(fixture.read_text(encoding="utf-8"))
        seed = directory / data["seed"]
        if not seed.exists():
            seed = SEED_FALLBACK / data["seed"]
        cases.append((fixture.stem, seed, data["expected"]))
    return cases


def evaluate(directories: list[Path]) -> tuple[dict[str, list[float]], list[str]]:
    per_field: dict[str, list[float]] = {}
    misses: list[str] = []
    for directory in directories:
        for name, seed, expected in load_cases(directory):
            result = parse_file(seed)
            for field, want in expected.items():
                value = score(result.get(field), want)
                per_field.setdefault(field, []).append(value)
                if value < 1.0:
                    misses.append(f"{name}: {field} ({value:.2f})")
    return per_field, misses


def main(argv: list[str]) -> int:
    directories = [Path(a) for a in argv] or [DEFAULT_FIXTURES]
    per_field, misses = evaluate(directories)
    if not per_field:
        print("没有找到任何测试样例（*.json）。", file=sys.stderr)
        return 1
    width = max(len(f) for f in per_field)
    print(f"{'field'.ljust(width)}  exact   score   (n={len(next(iter(per_field.values())))})")
    total_exact = total_score = count = 0.0
    for field, values in per_field.items():
        exact = sum(1 for v in values if v == 1.0)
        mean = sum(values) / len(values)
        total_exact += exact
        total_score += sum(values)
        count += len(values)
        print(f"{field.ljust(width)}  {exact:>2}/{len(values):<3}  {mean:6.1%}")
    print(f"{'ALL'.ljust(width)}  {total_exact / count:6.1%}  {total_score / count:6.1%}")
    for miss in misses:
        print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
