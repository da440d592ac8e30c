"""The corpus is valid, distinct, balanced as the datasheet says, and its splits are fixed."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

import corpus


@pytest.fixture(scope="module")
def letters() -> list[corpus.Letter]:
    return corpus.load()


def test_every_record_is_valid() -> None:
    problems = [
        p for raw in corpus.read_raw(corpus.LETTERS_PATH) for p in corpus.validate_record(raw)
    ]
    assert problems == []


def test_ids_are_unique(letters: list[corpus.Letter]) -> None:
    ids = [x.id for x in letters]
    assert len(ids) == len(set(ids))


def test_no_near_duplicates(letters: list[corpus.Letter]) -> None:
    assert corpus.near_duplicates((x.id, x.text) for x in letters) == []


def test_near_duplicate_check_catches_a_copy() -> None:
    text = "Thank you for meeting with me about the plan to move the warehouse onto new software."
    edited = text.replace("Thank you", "Many thanks")
    assert corpus.near_duplicates([("a", text), ("b", edited)]) != []


def test_checksums_cover_every_data_file_and_match() -> None:
    sums = (corpus.CORPUS_DIR / corpus.CHECKSUMS).read_text(encoding="utf-8")
    listed = [line.split()[1] for line in sums.splitlines() if line.strip()]
    assert sorted(listed) == sorted(p.name for p in corpus.CORPUS_DIR.glob("*.jsonl"))
    corpus.verify_checksums()


def test_checksums_catch_a_changed_file(tmp_path: Path) -> None:
    shutil.copy(corpus.CORPUS_DIR / corpus.CHECKSUMS, tmp_path)
    for name in ("letters.jsonl", "second-labels.jsonl"):
        shutil.copy(corpus.CORPUS_DIR / name, tmp_path)
    corpus.verify_checksums(tmp_path)
    with (tmp_path / "letters.jsonl").open("a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.raises(ValueError, match=r"letters\.jsonl does not match"):
        corpus.verify_checksums(tmp_path)


def test_validation_catches_bad_records() -> None:
    good = {
        "id": "x",
        "text": "Thank you for the interview. " * 10,
        "kind": "thank_you",
        "tone": "cool_cordial",
        "thanks": True,
        "pleasure": False,
        "learned_detail": False,
        "continued_interest": False,
        "length": "ok",
        "hyperbole": [],
        "enthusiasm": [],
        "risk": [],
        "evidence": {"thanks": "Thank you"},
        "split": "train",
    }
    assert corpus.validate_record(good) == []
    assert corpus.validate_record(good | {"hyperbole": ["not in the text"]})
    assert corpus.validate_record(good | {"length": "too_long"})
    assert corpus.validate_record(good | {"tone": "pushy"})  # pushy needs a risk span
    assert corpus.validate_record(good | {"evidence": {}})  # thanks present without evidence


def test_composition_meets_the_datasheet(letters: list[corpus.Letter]) -> None:
    assert len(letters) >= 600
    tones = Counter(x.tone for x in letters)
    assert tones["cool_cordial"] >= 200
    assert all(tones[t] >= 100 for t in ("effusive", "curt", "pushy"))
    lengths = Counter(x.length for x in letters)
    assert lengths["too_long"] >= 60 and lengths["too_short"] >= 60
    for name in corpus.ELEMENTS:
        assert sum(1 for x in letters if not getattr(x, name)) >= 80, name
    hard_good = [x for x in letters if "hard_good" in x.meta.get("features", [])]
    assert len(hard_good) >= 80
    assert len({x.meta.get("occupation") for x in letters}) >= 25


def test_splits_are_fixed_and_stratified(letters: list[corpus.Letter]) -> None:
    splits = Counter(x.split for x in letters)
    total = len(letters)
    assert abs(splits["train"] / total - 0.6) < 0.03
    assert abs(splits["dev"] / total - 0.2) < 0.03
    for tone in corpus.TONES:
        group = [x for x in letters if x.tone == tone]
        share = sum(1 for x in group if x.split == "test") / len(group)
        assert 0.15 < share < 0.25, tone
    # Re-assigning never moves a letter that already has a split.
    raw = list(corpus.read_raw(corpus.LETTERS_PATH))
    before = {r["id"]: r["split"] for r in raw}
    corpus.assign_splits(raw)
    assert {r["id"]: r["split"] for r in raw} == before


def test_load_by_split(letters: list[corpus.Letter]) -> None:
    dev = corpus.load(split="dev")
    assert dev and all(x.split == "dev" for x in dev)
    assert len(corpus.load(split=["train", "dev", "test"])) == len(letters)


def test_check_command_defaults_to_the_corpus_and_refuses_unknown_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert corpus.main(["check"]) == 0
    assert "0 problem(s) in 1 file(s)" in capsys.readouterr().out
    assert corpus.main(["check", "--help"]) == 2
    assert "unknown option '--help'" in capsys.readouterr().err
