"""Train the issuer ranker on the dev corpus and write its weights (issuer_weights.json).

    python -m imports.parser.train_issuers          # cross-validate, then train on all of dev
    python -m imports.parser.train_issuers --check  # cross-validate only, write nothing

Only digests and reports are the ranker's (a document with a signature or a red head names its
issuers there). The cross-validation is 5-fold by ``group`` (a group's copies never sit on both
sides), and scores issuers, co_organizers and level with the accuracy script's own measure, for
the hand rules (trained on all of dev) and for the ranker (trained without the fold it scores).
Deterministic: zero start, full-batch gradient descent, folds fixed by sorted group names.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from . import disclosure, header, ranker, tables
from .accuracy import CORPUS_DIR, evaluate_cases, load_cases, same_unit
from .digest import fullest
from .extract import extract_text
from .normalize import normalize
from .structure import segment

FOLDS = 5
EPOCHS = 300
RATE = 0.05
L2 = 0.03
FIELDS = ("issuers", "co_organizers", "level")

Example = tuple[dict[str, float], int]


def report_text(path: Path) -> str | None:
    """The normalised text when the parser reads the file as a report (no issuer in a
    signature, red head, title or disclosure table), else None — as parse_text decides."""
    meta, kept = disclosure.read(extract_text(path).splitlines())
    norm = normalize("\n".join(tables.unflatten(kept)))
    if not norm.lines:
        return None
    doc = segment(norm.lines)
    title = meta.get("title") or header.title(doc) or header.cited_title(norm.text)
    issuers, _ = header.issuers(doc, title)
    if issuers or meta.get("issuer") or doc.signature_orgs:
        return None
    return norm.text


def examples(text: str, gold: list[str]) -> list[Example]:
    out = []
    for cand in ranker.candidates(text):
        name = fullest([cand.name], text)[0]
        label = int(any(same_unit(name, g) or same_unit(cand.name, g) for g in gold))
        out.append((cand.features, label))
    return out


def train(data: list[Example]) -> dict[str, float]:
    """Logistic regression with a small L2 penalty, by full-batch gradient descent with
    Adam steps (plain steps converge too slowly for the rare, strong features)."""
    keys = sorted({k for features, _ in data for k in features})
    index = {k: i for i, k in enumerate(keys)}
    rows = [([(index[k], v) for k, v in features.items()], label) for features, label in data]
    w = [0.0] * len(keys)
    m = [0.0] * len(keys)
    s = [0.0] * len(keys)
    n = len(rows) or 1
    beta1, beta2 = 0.9, 0.999
    for step in range(1, EPOCHS + 1):
        grad = [0.0 if k == "bias" else L2 * w[i] for i, k in enumerate(keys)]
        for row, label in rows:
            z = sum(w[i] * v for i, v in row)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for i, v in row:
                grad[i] += error * v / n
        for i, g in enumerate(grad):
            m[i] = beta1 * m[i] + (1 - beta1) * g
            s[i] = beta2 * s[i] + (1 - beta2) * g * g
            mhat, shat = m[i] / (1 - beta1**step), s[i] / (1 - beta2**step)
            w[i] -= RATE * mhat / (math.sqrt(shat) + 1e-8)
    return {k: round(w[i], 4) for k, i in index.items()}


def _fold_of(groups: list[str]) -> dict[str, int]:
    return {g: i % FOLDS for i, g in enumerate(sorted(set(groups)))}


def _scores(cases: list[tuple[str, Path, dict[str, Any]]]) -> dict[str, list[float]]:
    report = evaluate_cases(cases)
    return {f: report.per_field.get(f, []) for f in FIELDS}


def cross_validate(directory: Path) -> dict[str, dict[str, float]]:
    cases = [c for c in load_cases(directory) if not c[2].get("refuse")]
    groups = {
        name: json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))["group"]
        for name, _path, _expected in cases
    }
    fold = _fold_of(list(groups.values()))
    texts = {name: report_text(path) for name, path, _expected in cases}
    data = {
        name: examples(texts[name], expected.get("issuers") or [])
        for name, _path, expected in cases
        if texts[name] is not None and "issuers" in expected
    }
    figures: dict[str, dict[str, list[float]]] = {"rules": {}, "ranker (CV)": {}}
    reports = [c for c in cases if texts[c[0]] is not None]
    figures["rules (reports)"], figures["ranker CV (reports)"] = {}, {}
    try:
        ranker.OVERRIDE = False
        figures["rules"] = _scores(cases)
        figures["rules (reports)"] = _scores(reports)
        for k in range(FOLDS):
            training = [ex for name, exs in data.items() if fold[groups[name]] != k for ex in exs]
            ranker.OVERRIDE = train(training)
            held = [c for c in cases if fold[groups[c[0]]] == k]
            for target, part in (
                ("ranker (CV)", held),
                ("ranker CV (reports)", [c for c in held if texts[c[0]] is not None]),
            ):
                for f, values in _scores(part).items():
                    figures[target].setdefault(f, []).extend(values)
    finally:
        ranker.OVERRIDE = None
    return {
        who: {f: sum(v) / len(v) if v else math.nan for f, v in per.items()}
        for who, per in figures.items()
    }


def main(argv: list[str]) -> int:
    directory = CORPUS_DIR / "dev"
    figures = cross_validate(directory)
    print(f"{'':22}" + "".join(f"{f:>15}" for f in FIELDS))
    for who, per in figures.items():
        print(f"{who:22}" + "".join(f"{per.get(f, math.nan):15.3f}" for f in FIELDS))
    if "--check" in argv:
        return 0
    cases = [c for c in load_cases(directory) if not c[2].get("refuse")]
    data = []
    for _name, path, expected in cases:
        text = report_text(path)
        if text is not None and "issuers" in expected:
            data += examples(text, expected.get("issuers") or [])
    weights = train(data)
    payload = {
        "trained_on": "imports/corpus/dev (digests and reports)",
        "examples": len(data),
        "thresholds": {"top": ranker.TOP_MIN, "other": ranker.OTHER_MIN},
        "weights": weights,
    }
    ranker.WEIGHTS_FILE.write_text(
        json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {ranker.WEIGHTS_FILE} ({len(data)} candidates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
