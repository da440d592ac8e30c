"""TC2xx enthusiasm: exclamation marks, capitals, emoji, stretched words, stacked intensifiers, gushing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from tonecheck.data import phrase_file, word_set
from tonecheck.findings import Severity
from tonecheck.rules.model import (
    Custom,
    Examples,
    Existence,
    Match,
    Occurrence,
    make_doc,
)

if TYPE_CHECKING:
    from tonecheck.rules.context import CheckContext

CATEGORY = "enthusiasm"
_EMOJI_CHARS = "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\u2b50\u2764\u263a]"
_EMOTICON = r"(?:[:;=8][-']?[)(DPp3*]|<3|\^_\^|\(:)"
EMOJI = f"(?:{_EMOJI_CHARS}\ufe0f?)+|(?<![\\w:]){_EMOTICON}(?![\\w])"
ONE_EMOJI = f"{_EMOJI_CHARS}\ufe0f?|{_EMOTICON}"  # one mild marker (TC204's alone_ok)
STRETCHED_RE = re.compile(r"([a-z])\1{2,}", re.I)
_NOT_STRETCHED = {"www", "iii", "xxx", "zzz", "aaa", "mmm"}
# A redaction: "xxxx", "Exxx", "Pxxxxxx" (names blanked out in a published letter).
REDACTED_RE = re.compile(r"^[a-z]?x{3,}$", re.I)
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


@cache
def _emphasis_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # lazy: `tonecheck rules` must not load spaCy

    return frozenset(
        STOP_WORDS
        | word_set("enthusiasm-intensifiers.txt")
        | word_set("hyperbole-extreme-adjectives.txt")
        | {e.phrase for e in phrase_file("enthusiasm-gushing.txt") if " " not in e.phrase}
        | word_set("enthusiasm-caps-words.txt")
    )


def _emphatic_capitals(ctx: CheckContext) -> Iterator[Match]:
    text = ctx.text
    if text.isascii() and not _TWO_CAPITALS.search(text):  # most letters: no word to look at
        return
    allowed = word_set("enthusiasm-caps-allowed.txt")
    emphasis = _emphasis_words()
    tokens = ctx.tokens
    # each line's verdict is counted once, however many capitalised words it holds (a re-count
    # per word made a 200 KB line of capitals quadratic)
    line_capitals: dict[int, bool] = {}
    line_start = scanned = 0  # the tokens come in order: each "\n" is looked for once
    for i, word in enumerate(tokens.texts):
        if len(word) < 2 or not word.isupper() or not word.isalpha():
            continue
        if len(word) == 2 and word != "SO":
            continue  # two capitals are nearly always an abbreviation (ON, CA, HR, IT)
        if REDACTED_RE.match(word):
            continue
        lower = word.lower()
        if lower in allowed:
            continue
        base = STRETCHED_RE.sub(r"\1", lower)
        if lower not in emphasis and base not in emphasis and not STRETCHED_RE.search(lower):
            continue
        # A whole line in capitals is a heading or an address block, not emphasis.
        idx = tokens.starts[i]
        newline = text.rfind("\n", scanned, idx)
        if newline != -1:
            line_start = newline + 1
        scanned = idx
        capitals = line_capitals.get(line_start)
        if capitals is None:
            line_end = text.find("\n", idx)
            line = text[line_start : line_end if line_end != -1 else len(text)]
            capitals = line_capitals[line_start] = _mostly_capitals(line)
        if capitals:
            continue
        yield Match(idx, idx + len(word), suggestion=lower)


def _mostly_capitals(line: str) -> bool:
    """Whether more than 80 % of the letters of ``line`` are capitals."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _stretched(ctx: CheckContext) -> Iterator[Match]:
    if not STRETCHED_RE.search(ctx.lower):  # most letters: no token to look at
        return
    tokens = ctx.tokens
    for i, lower in enumerate(tokens.lowers):
        if (
            STRETCHED_RE.search(lower)
            and tokens.texts[i].isalpha()
            and lower not in _NOT_STRETCHED
            and not REDACTED_RE.match(lower)
        ):
            yield Match(tokens.starts[i], tokens.end(i), suggestion=STRETCHED_RE.sub(r"\1", lower))


def _previous_word(lowers: list[str], i: int) -> int:
    """The index of the token before ``i`` that is not a comma, or -1."""
    i -= 1
    while i >= 0 and lowers[i] == ",":
        i -= 1
    return i


def _stacked(ctx: CheckContext) -> Iterator[Match]:
    intensifiers = word_set("enthusiasm-intensifiers.txt")
    # "really really", "so, so": intensifiers in a row, a comma between them allowed
    tokens = ctx.tokens
    lowers = tokens.lowers
    found = tokens.indices(intensifiers)
    k = 0
    while k < len(found) - 1:
        j = k
        # the next intensifier is the next word (commas aside), at most two tokens on
        while (
            j + 1 < len(found)
            and found[j + 1] - found[j] <= 2
            and _previous_word(lowers, found[j + 1]) == found[j]
        ):
            j += 1
        if j > k:
            last = found[j]
            yield Match(tokens.starts[found[k]], tokens.end(last), suggestion=lowers[last])
            k = j + 1
        else:
            k += 1


_FEELING_INTENSIFIERS = {
    "absolutely",
    "incredibly",
    "truly",
    "deeply",
    "beyond",
    "utterly",
    "extremely",
    "so",
    "really",
    "super",
    "totally",
    "completely",
    "genuinely",
    "very",
}


def _intensified_feeling(ctx: CheckContext) -> Iterator[Match]:
    feelings = word_set("enthusiasm-feelings.txt")
    tokens = ctx.tokens
    lowers = tokens.lowers
    for i in tokens.indices(feelings):
        lower = lowers[i]
        # walk back over the intensifiers right before the feeling ("so, so truly happy")
        first = i
        j = _previous_word(lowers, i)
        while j >= 0 and lowers[j] in _FEELING_INTENSIFIERS and i - j <= 4:
            first = j
            j = _previous_word(lowers, j)
        if first < i:
            yield Match(tokens.starts[first], tokens.end(i), suggestion=lower)


def _doc(what: str, why: str, example: str, instead: str) -> str:
    return make_doc(what=what, why=why, example=example, instead=instead)


_WHY = (
    "The advice is to avoid excessive enthusiasm and keep the tone cool and cordial; eager markers "
    "read as over-eager, and one measured sentence of interest does more."
)

RULES = (
    Existence(
        code="TC201",
        regex=r"[!?]{2,}",
        name="exclamation-run",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="'{match}' is a run of exclamation marks; end the sentence with a full stop.",
        suggestion=".",
        doc=_doc(
            "Flags two or more exclamation marks in a row ('!!', '!!!', '?!').",
            _WHY,
            "Thank you so much!!!",
            "Thank you for your time.",
        ),
        examples=Examples(
            bad=("Thank you so much!!!", "Can't wait?!"), good=("Thank you for your time!",)
        ),
    ),
    Occurrence(
        code="TC202",
        count="!",
        each=r"(?<![!?])!(?![!?])",
        limit="max_exclamations",
        name="exclamation-overuse",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="'!' is one of {detail} exclamation marks; a letter carries one at most.",
        suggestion=".",
        doc=_doc(
            "Flags every exclamation mark in a letter that has more than one (the limit is "
            "`max_exclamations`, default 1). A per-letter count, not a per-million rate, so "
            "short notes are judged fairly.",
            _WHY,
            "Thank you! I enjoyed meeting the team!",
            "Thank you. I enjoyed meeting the team.",
        ),
        examples=Examples(
            bad=("Thank you! I enjoyed meeting the team!",),
            good=("Thank you! I enjoyed meeting the team.",),
        ),
    ),
    Custom(
        code="TC203",
        name="emphatic-capitals",
        category=CATEGORY,
        severity=Severity.WARNING,
        check=_emphatic_capitals,
        message="'{match}' is in capitals for emphasis; write it in lower case.",
        suggestion=None,
        doc=_doc(
            "Flags ordinary words written in capitals for emphasis ('SO', 'REALLY', "
            "'AMAZING'). Acronyms (SQL, HR, NYU, ICU) and all-capital lines such as headings "
            "and address blocks are left alone.",
            _WHY,
            "I am SO excited about this role.",
            "I am keen on this role.",
        ),
        examples=Examples(
            bad=("I am SO grateful for the tour.", "It was REALLY useful."),
            good=("I enjoyed the SQL exercise and meeting HR.", "I studied at NYU."),
        ),
    ),
    Existence(
        code="TC204",
        regex=EMOJI,
        alone_ok=ONE_EMOJI,
        name="emoji",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="'{match}' is an emoji or emoticon; leave it out of a follow-up letter.",
        suggestion="",
        doc=_doc(
            "Flags emoji and emoticons such as ':)' and '<3' in a letter that overdoes its "
            "enthusiasm: a single emoticon that is the letter's only enthusiasm marker is a mild "
            "marker, not a finding (the output contract's reading).",
            _WHY,
            "Thanks again :)",
            "Thank you again.",
        ),
        examples=Examples(
            bad=(
                "Thanks again :) It was SO good to meet you.",
                "Loved meeting you all \U0001f60a\U0001f60a",
            ),
            good=("Thanks again :)", "Thanks again (and for the coffee)."),
        ),
    ),
    Custom(
        code="TC205",
        name="stretched-word",
        category=CATEGORY,
        severity=Severity.WARNING,
        check=_stretched,
        message="'{match}' is stretched for emphasis; spell it normally.",
        suggestion=None,
        doc=_doc(
            "Flags words with a letter repeated three or more times ('sooo', 'loooved').",
            _WHY,
            "I am sooo grateful.",
            "I am grateful.",
        ),
        examples=Examples(bad=("I am sooo grateful.",), good=("See www.example.org.",)),
    ),
    Custom(
        code="TC206",
        name="stacked-intensifiers",
        category=CATEGORY,
        severity=Severity.WARNING,
        check=_stacked,
        message="'{match}' stacks intensifiers; one plain word is enough.",
        suggestion=None,
        doc=_doc(
            "Flags two or more intensifiers in a row ('so so', 'really really', 'very very').",
            _WHY,
            "I really really enjoyed it.",
            "I enjoyed it.",
        ),
        examples=Examples(
            bad=("I really really enjoyed it.", "It was so so useful."),
            good=("I really enjoyed it.",),
        ),
    ),
    Existence(
        code="TC207",
        skip_names=True,
        name="gushing-words",
        category=CATEGORY,
        severity=Severity.WARNING,
        data="enthusiasm-gushing.txt",
        message="'{match}' gushes; a calm word reads as more sincere.",
        suggestion="glad",
        doc=_doc(
            "Flags gushing words and phrases: 'thrilled', 'ecstatic', 'over the moon', "
            "'can't wait', 'so excited'. One measured 'I am excited about the opportunity' is "
            "not flagged.",
            _WHY,
            "I am thrilled and can't wait to hear back.",
            "I am glad we spoke and look forward to hearing from you.",
        ),
        examples=Examples(
            bad=("I am thrilled to have met you.", "I can't wait to start."),
            good=("I am excited about the opportunity.",),
        ),
    ),
    Custom(
        code="TC208",
        name="intensified-feeling",
        category=CATEGORY,
        severity=Severity.WARNING,
        check=_intensified_feeling,
        message="'{match}' turns up the feeling; say it once, plainly.",
        suggestion=None,
        doc=_doc(
            "Flags a feeling word after an intensifier: 'absolutely delighted', 'incredibly "
            "lucky', 'truly, deeply excited'. Measured thanks ('truly grateful') is not flagged.",
            _WHY,
            "I am absolutely delighted and incredibly honoured.",
            "I am glad to have been considered.",
        ),
        examples=Examples(
            bad=("I am absolutely delighted to move forward.", "I feel incredibly lucky."),
            good=("I am truly grateful for your time.", "I was delighted to hear it."),
        ),
    ),
)
