"""TC2xx enthusiasm: exclamation marks, capitals, emoji, stretched words, stacked intensifiers, gushing."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from tonecheck.findings import Severity
from tonecheck.rules.base import Examples, Hit, Rule, make_doc, phrase_file, word_set

if TYPE_CHECKING:
    from tonecheck.nlp.context import CheckContext

CATEGORY = "enthusiasm"
EXCLAMATION_RE = re.compile(r"[!?]*!+[!?]*|\?{2,}")
_EMOJI_CHARS = "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\u2b50\u2764\u263a]"
_EMOTICON = r"(?:[:;=8][-']?[)(DPp3*]|<3|\^_\^|\(:)"
EMOJI_RE = re.compile(f"(?:{_EMOJI_CHARS}\ufe0f?)+|(?<![\\w:]){_EMOTICON}(?![\\w])")
EMOTICON_RE = re.compile(rf"(?<![\w:]){_EMOTICON}(?![\w])")
# Quick tests that a letter may hold an emoji or an emoticon at all (most hold neither): every
# emoji character is at U+2600 or above, and each test starts with a literal, which re finds fast.
_ANY_HIGH_RE = re.compile("[\u2600-\U0010ffff]")
_ANY_EMOJI_RE = re.compile(_EMOJI_CHARS)
_ANY_EYES_RE = [re.compile(eyes + r"[-']?[)(DPp3*]") for eyes in (":", ";", "=", "8")]
_OTHER_EMOTICONS = ("<3", "^_^", "(:")
STRETCHED_RE = re.compile(r"([a-z])\1{2,}", re.I)
_LOWER_RUN_RE = re.compile(r"([a-z])\1\1")
CAPS_RE = re.compile(r"[A-Z]{2}")
_NOT_STRETCHED = {"www", "iii", "xxx", "zzz", "aaa", "mmm"}
# The only characters besides a-z and A-Z that re.IGNORECASE matches with [a-z] (İ, ı, ſ and the
# Kelvin sign): without them, a case-insensitive run is a lower-case run of the lower-cased text.
_IGNORECASE_SPECIALS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _exclamation_runs(ctx: CheckContext) -> Iterator[Hit]:
    if "!" not in ctx.text and "??" not in ctx.text:
        return
    for m in EXCLAMATION_RE.finditer(ctx.text):
        if len(m.group(0)) > 1:
            yield Hit("TC201", m.start(), m.end(), suggestion=".")


def _exclamation_overuse(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.text.count("!") <= ctx.settings.max_exclamations:
        return
    marks = [m for m in EXCLAMATION_RE.finditer(ctx.text)]
    count = sum(m.group(0).count("!") for m in marks)
    if count <= ctx.settings.max_exclamations:
        return
    for m in marks:
        if len(m.group(0)) == 1:
            yield Hit("TC202", m.start(), m.end(), suggestion=".", detail=str(count))


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


def _emphatic_capitals(ctx: CheckContext) -> Iterator[Hit]:
    text = ctx.text
    if not CAPS_RE.search(text):
        return
    allowed = word_set("enthusiasm-caps-allowed.txt")
    emphasis = _emphasis_words()
    tokens = ctx.tokens
    # most words are not in capitals: pick those out first (filter runs in C), then find their tokens
    candidates = {w for w in filter(str.isupper, tokens.texts) if len(w) >= 2 and w.isalpha()}
    if not candidates:
        return
    for i in tokens.indices_of_texts(candidates):
        word, idx = tokens.texts[i], tokens.starts[i]
        if len(word) == 2 and word != "SO":
            continue  # two capitals are nearly always an abbreviation (ON, CA, HR, IT)
        lower = word.lower()
        if lower in allowed:
            continue
        base = STRETCHED_RE.sub(r"\1", lower)
        if lower not in emphasis and base not in emphasis and not STRETCHED_RE.search(lower):
            continue
        # A whole line in capitals is a heading or an address block, not emphasis.
        line_start = text.rfind("\n", 0, idx) + 1
        line_end = text.find("\n", idx)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if _mostly_capitals(line):
            continue
        yield Hit("TC203", idx, idx + len(word), suggestion=lower)


_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()


def _mostly_capitals(line: str) -> bool:
    """Whether more than 80 % of the letters of ``line`` are capitals."""
    if line.isascii():  # counted in C: the letters and capitals deleted from the bytes
        data = line.encode("ascii")
        letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
        capitals = len(data) - len(data.translate(None, _ASCII_UPPER))
    else:
        alpha = [c for c in line if c.isalpha()]
        letters, capitals = len(alpha), sum(c.isupper() for c in alpha)
    return letters > 0 and capitals / letters > 0.8


def _emoji(ctx: CheckContext) -> Iterator[Hit]:
    text = ctx.text
    # plain ASCII text can only hold emoticons: skip the long emoji character classes
    has_emoji = (
        not text.isascii()
        and _ANY_HIGH_RE.search(text) is not None
        and _ANY_EMOJI_RE.search(text) is not None
    )
    if not has_emoji and not _may_hold_an_emoticon(text):
        return
    pattern = EMOJI_RE if has_emoji else EMOTICON_RE
    for m in pattern.finditer(text):
        yield Hit("TC204", m.start(), m.end(), suggestion="")


def _may_hold_an_emoticon(text: str) -> bool:
    """Whether ``_EMOTICON`` can match somewhere in ``text`` (without the lookarounds)."""
    return any(e in text for e in _OTHER_EMOTICONS) or any(r.search(text) for r in _ANY_EYES_RE)


def _stretched(ctx: CheckContext) -> Iterator[Hit]:
    # case-insensitive matching is slow: look for a lower-case run in the lower-cased text instead,
    # which is the same test unless the text holds one of the few letters that fold into a-z
    if ctx.text.isascii() or not any(c in ctx.text for c in _IGNORECASE_SPECIALS):
        if not _LOWER_RUN_RE.search(ctx.lower):
            return
    elif not STRETCHED_RE.search(ctx.text):
        return
    tokens = ctx.tokens
    for i, lower in enumerate(tokens.lowers):
        if STRETCHED_RE.search(lower) and tokens.texts[i].isalpha() and lower not in _NOT_STRETCHED:
            yield Hit(
                "TC205", tokens.starts[i], tokens.end(i), suggestion=STRETCHED_RE.sub(r"\1", lower)
            )


def _previous_word(lowers: list[str], i: int) -> int:
    """The index of the token before ``i`` that is not a comma, or -1."""
    i -= 1
    while i >= 0 and lowers[i] == ",":
        i -= 1
    return i


def _stacked(ctx: CheckContext) -> Iterator[Hit]:
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
            yield Hit("TC206", tokens.starts[found[k]], tokens.end(last), suggestion=lowers[last])
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
}


def _intensified_feeling(ctx: CheckContext) -> Iterator[Hit]:
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
            yield Hit("TC208", tokens.starts[first], tokens.end(i), suggestion=lower)


def _doc(what: str, why: str, example: str, instead: str) -> str:
    return make_doc(what=what, why=why, example=example, instead=instead)


_WHY = (
    "The advice is to avoid excessive enthusiasm and keep the tone cool and cordial; eager markers "
    "read as over-eager, and one measured sentence of interest does more."
)

RULES = [
    Rule(
        code="TC201",
        name="exclamation-run",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="occurrence",
        check=_exclamation_runs,
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
    Rule(
        code="TC202",
        name="exclamation-overuse",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="occurrence",
        check=_exclamation_overuse,
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
    Rule(
        code="TC203",
        name="emphatic-capitals",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="custom",
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
    Rule(
        code="TC204",
        name="emoji",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="custom",
        check=_emoji,
        message="'{match}' is an emoji or emoticon; leave it out of a follow-up letter.",
        suggestion="",
        doc=_doc(
            "Flags emoji and emoticons such as ':)' and '<3'.",
            _WHY,
            "Thanks again :)",
            "Thank you again.",
        ),
        examples=Examples(
            bad=("Thanks again :)", "Loved meeting you all \U0001f60a"),
            good=("Thanks again (and for the coffee).",),
        ),
    ),
    Rule(
        code="TC205",
        name="stretched-word",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="custom",
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
    Rule(
        code="TC206",
        name="stacked-intensifiers",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="custom",
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
    Rule(
        code="TC207",
        name="gushing-words",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="existence",
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
    Rule(
        code="TC208",
        name="intensified-feeling",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="custom",
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
]
