"""Per-rule fixtures (tests/fixtures/rules/TCnnn.txt) and their reviewed snapshots.

A fixture has one item a line, in a strict format: ``BAD: text`` (the rule must fire on the text),
``OK: text`` (it must not), ``# comment`` and blank lines; anything else is an error that names the
file and the line. The snapshot (tests/snapshots/TCnnn.json) pins, for every item, the rule's own
findings from the public ``tonecheck.lint_text``; rewrite it with ``pytest --update-golden`` and
review the diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tonecheck.rules import ALL_RULES, RULES_BY_CODE

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "fixtures" / "rules").glob("*.txt"))
SNAPSHOTS = HERE / "snapshots"
ITEM = re.compile(r"(BAD|OK): (\S.*)")


class FixtureError(ValueError):
    """A fixture line that is not an item, a comment or blank."""


@dataclass(frozen=True)
class Item:
    line: int
    kind: str  # "BAD" or "OK"
    text: str


def parse_fixture(path: Path) -> list[Item]:
    """The items of one fixture file; raises FixtureError at the first malformed line."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        found = ITEM.fullmatch(line)
        if found is None:
            raise FixtureError(
                f"{path.name}:{number}: expected 'BAD: text', 'OK: text', '# comment' or a blank "
                f"line, got {line!r}"
            )
        items.append(Item(number, found[1], found[2]))
    return items


@pytest.mark.parametrize(
    "line",
    [
        "BAD:no space after the colon",
        "bad: lower-case kind",
        "GOOD: an unknown kind",
        "OK: ",
        " OK: indented",
        "a line of prose",
    ],
)
def test_parser_rejects_a_malformed_line_naming_file_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "TC999.txt"
    path.write_text(f"# a comment\n\nOK: fine\n{line}\nBAD: fine too\n", encoding="utf-8")
    with pytest.raises(FixtureError, match=r"^TC999\.txt:4: "):
        parse_fixture(path)


def test_parser_reads_items_comments_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "TC999.txt"
    path.write_text("# header\n\nBAD: Wow: great!\nOK: Thank you.\n", encoding="utf-8")
    assert parse_fixture(path) == [Item(3, "BAD", "Wow: great!"), Item(4, "OK", "Thank you.")]


def test_fixture_files_are_named_by_rule_and_have_both_kinds() -> None:
    assert FIXTURES
    for path in FIXTURES:
        assert path.stem in RULES_BY_CODE, f"{path.name} names no rule"
        kinds = {item.kind for item in parse_fixture(path)}
        assert kinds == {"BAD", "OK"}, f"{path.name} needs BAD and OK items"


def test_every_span_rule_has_a_fixture() -> None:
    have = {p.stem for p in FIXTURES}
    span_rules = {r.code for r in ALL_RULES if r.category in ("hyperbole", "enthusiasm", "risk")}
    assert span_rules <= have, span_rules - have


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_rule_fixture(path: Path, lint, check_reviewed) -> None:
    code = path.stem
    snapshot = []
    for item in parse_fixture(path):
        findings = [f for f in lint(item.text).findings if f.code == code]
        if item.kind == "BAD":
            assert findings, f"{path.name}:{item.line}: {code} did not fire on {item.text!r}"
        else:
            assert not findings, f"{path.name}:{item.line}: {code} fired on {item.text!r}"
        snapshot.append(
            {
                "line": item.line,
                "kind": item.kind,
                "text": item.text,
                "findings": [
                    {
                        "code": f.code,
                        "match": f.match,
                        "start": f.start,
                        "end": f.end,
                        "message": f.message,
                        "suggestion": f.suggestion,
                    }
                    for f in findings
                ],
            }
        )
    check_reviewed(SNAPSHOTS / f"{code}.json", snapshot)


def test_every_snapshot_has_its_fixture() -> None:
    assert {p.stem for p in SNAPSHOTS.glob("*.json")} == {
        p.stem for p in FIXTURES
    }  # after the test that writes them, for --update-golden
