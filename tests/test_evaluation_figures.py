"""The per-corpus figures the README reports are the ones ``tools/evaluate.py`` gives today.

``tests/golden/evaluation.json`` holds, per corpus split, the headline figures of
``python tools/evaluate.py --corpus C --split S`` (missing-element F1 by element, overdone spans,
cool_cordial letters flagged, tone macro-F1). A change to the rules or the models that moves any of
them fails here until the file is regenerated (``pytest tests/test_evaluation_figures.py
--update-golden``) and reviewed; and the README's table "How well it judges, per corpus" must show
the same numbers, so it can never drift from what the code does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from evaluate import run

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "evaluation.json"
SPLITS = (("synthetic", "test"), ("real", "dev"), ("real", "test"))
ELEMENT_ROWS = {
    "thanks": "missing thanks F1",
    "pleasure": "missing pleasure F1",
    "learned_detail": "missing learned detail F1",
    "continued_interest": "missing continued interest F1",
}


def headline(corpus: str, split: str) -> dict[str, Any]:
    result = run([split], corpus=corpus)
    spans = result["spans"]["hyperbole+enthusiasm"]
    flagged = result["cool_cordial_flagged"]
    return {
        "letters": result["letters"],
        "missing_f1": {e: round(result["missing_element"][e]["f1"], 3) for e in ELEMENT_ROWS},
        "spans_precision": round(spans["precision"], 3),
        "spans_recall": round(spans["recall"], 3),
        "cool_cordial_flagged": [flagged["flagged"], flagged["of"]],
        "tone_macro_f1": round(result["tone"]["macro_f1"], 3),
    }


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return {f"{corpus} {split}": headline(corpus, split) for corpus, split in SPLITS}


@pytest.mark.slow
def test_figures_are_the_reviewed_ones(figures: dict[str, Any], check_reviewed) -> None:
    check_reviewed(GOLDEN, figures)


@pytest.mark.slow
def test_readme_table_shows_the_figures(figures: dict[str, Any]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| measure | synthetic test (") :]
    table = table[: table.index("\n\n")]
    rows = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
        for line in table.splitlines()[2:]
    }
    header = table.splitlines()[0]
    for corpus, split in SPLITS:
        assert f"{corpus} {split} ({figures[f'{corpus} {split}']['letters']})" in header
    cols = [figures[f"{corpus} {split}"] for corpus, split in SPLITS]
    for element, row in ELEMENT_ROWS.items():
        assert rows[row] == [f"{c['missing_f1'][element]:.3f}" for c in cols], row
    spans = rows["hyperbole + enthusiasm spans, precision / recall"]
    assert spans == [f"{c['spans_precision']:.3f} / {c['spans_recall']:.3f}" for c in cols]
    flagged = rows["cool_cordial letters given an overdone finding"]
    assert flagged == [
        f"{c['cool_cordial_flagged'][0]} of {c['cool_cordial_flagged'][1]}" for c in cols
    ]
    assert rows["tone macro-F1"] == [f"{c['tone_macro_f1']:.3f}" for c in cols]
    assert not re.search(r"\| nan", table)
