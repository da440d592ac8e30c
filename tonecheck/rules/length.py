"""TC3xx length: the letter, its sentences and paragraphs, and its reading grade."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tonecheck.findings import Severity
from tonecheck.rules.base import Examples, Hit, Rule, make_doc

if TYPE_CHECKING:
    from tonecheck.nlp.context import CheckContext

CATEGORY = "length"
_LONG = " ".join(["We discussed the rota and the audit."] * 30)
_FINE = (
    "Dear Ms. Park,\n\nThank you for meeting with me on Tuesday. I enjoyed hearing about the move "
    "to barcode scanning on Ward 6, and how the night team plans to pilot it in May. I remain very "
    "interested in the charge nurse role.\n\n"
    "Best regards,\nSam Ortiz"
)


def _too_long(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.words > ctx.settings.max_words:
        yield Hit(
            "TC301", 0, 0, detail=f"{ctx.words} words; keep it under {ctx.settings.max_words}"
        )


def _too_short(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.words < ctx.settings.min_words:
        yield Hit(
            "TC302", 0, 0, detail=f"{ctx.words} words; aim for at least {ctx.settings.min_words}"
        )


def _words_between(ctx: CheckContext, start: int, end: int) -> int:
    return bisect_left(ctx.word_starts, end) - bisect_left(ctx.word_starts, start)


def _too_many_words(
    ctx: CheckContext, spans: list[tuple[int, int]], limit: int
) -> Iterator[tuple[int, int, int]]:
    for start, end in spans:
        # words need a separator between them: a span this short cannot hold more than the limit
        if (end - start + 1) // 2 <= limit:
            continue
        n = _words_between(ctx, start, end)
        if n > limit:
            yield start, end, n


def _long_sentences(ctx: CheckContext) -> Iterator[Hit]:
    for start, end, n in _too_many_words(ctx, ctx.sentences, ctx.settings.max_sentence_words):
        yield Hit("TC303", start, end, detail=f"{n} words")


def _long_paragraphs(ctx: CheckContext) -> Iterator[Hit]:
    for start, end, n in _too_many_words(ctx, ctx.paragraphs, ctx.settings.max_paragraph_words):
        yield Hit("TC304", start, end, detail=f"{n} words")


def _reading_grade(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.words >= 20 and ctx.reading_grade > ctx.settings.max_reading_grade:
        yield Hit("TC305", 0, 0, detail=f"{ctx.reading_grade:.1f}")


RULES = [
    Rule(
        code="TC301",
        name="letter-too-long",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="metric",
        check=_too_long,
        message="The letter is too long ({detail}); a follow-up note should be brief.",
        suggestion="Keep the thanks, one specific detail and your interest; cut the rest.",
        doc=make_doc(
            what="Flags a letter over `max_words` words (default 200, the corpus guide's line for "
            "too_long). The JSON `length` verdict says `too_long`.",
            why="The advice is to keep the note cordial and brief. A long note reads as "
            "over-eager and buries the one detail the reader should remember.",
            example="A 350-word letter retelling every answer from the interview.",
            instead="Four short paragraphs: thanks, one detail, your interest, a sign-off.",
        ),
        examples=Examples(bad=(_LONG,), good=(_FINE,)),
    ),
    Rule(
        code="TC302",
        name="letter-too-short",
        category=CATEGORY,
        severity=Severity.WARNING,
        kind="metric",
        check=_too_short,
        message="The letter is too short ({detail}); it reads as perfunctory.",
        suggestion="Add one specific detail from the interview and a sentence of interest.",
        doc=make_doc(
            what="Flags a letter under `min_words` words (default 40). The JSON `length` verdict "
            "says `too_short`.",
            why="A note that only says 'Thanks' misses the chance to recall a detail and confirm "
            "interest, and can read as curt.",
            example="Thanks for today. - Sam",
            instead="A few sentences: thanks, a detail you learned, your continued interest.",
        ),
        examples=Examples(bad=("Thanks for today. - Sam",), good=(_FINE,)),
    ),
    Rule(
        code="TC303",
        name="long-sentence",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
        kind="metric",
        check=_long_sentences,
        message="This sentence is long ({detail}); split it in two.",
        suggestion=None,
        doc=make_doc(
            what="Flags a sentence over `max_sentence_words` words (default 35).",
            why="Long sentences are hard to read at a glance, and a hiring manager skims.",
            example="A 50-word sentence listing every topic of the interview.",
            instead="Two or three sentences, one idea each.",
        ),
        examples=Examples(
            bad=(" ".join(["word"] * 40) + ".",),
            good=("Thank you for meeting with me.",),
        ),
    ),
    Rule(
        code="TC304",
        name="long-paragraph",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
        kind="metric",
        check=_long_paragraphs,
        message="This paragraph is long ({detail}); break it up.",
        suggestion=None,
        doc=make_doc(
            what="Flags a paragraph over `max_paragraph_words` words (default 90).",
            why="Short paragraphs keep a note easy to skim on a phone.",
            example="One block of 120 words.",
            instead="Two or three short paragraphs.",
        ),
        examples=Examples(bad=(_LONG,), good=(_FINE,)),
    ),
    Rule(
        code="TC305",
        name="hard-reading",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
        kind="metric",
        check=_reading_grade,
        message="The letter reads at grade {detail}; plainer words and shorter sentences help.",
        suggestion=None,
        doc=make_doc(
            what="Flags a letter whose Automated Readability Index (as textstat computes it, "
            "offline) is above `max_reading_grade` (default 14).",
            why="Plain writing reads as confident; dense prose reads as trying too hard.",
            example="Notwithstanding considerable organisational heterogeneity, institutional "
            "harmonisation initiatives necessitate comprehensive stakeholder consultation.",
            instead="Your teams work in different ways, so the merger needs everyone's input.",
        ),
        examples=Examples(
            bad=(
                "Notwithstanding considerable organisational heterogeneity, institutional "
                "harmonisation initiatives necessitate comprehensive multidisciplinary stakeholder "
                "consultation, notwithstanding predetermined implementation methodologies. "
                "Consequently, interdepartmental reconfiguration necessitates institutionalised "
                "accountability mechanisms.",
            ),
            good=(_FINE,),
        ),
    ),
]
