"""TC3xx length: the letter, its sentences and paragraphs, and its reading grade."""

from __future__ import annotations

from tonecheck.config import Settings
from tonecheck.findings import Severity
from tonecheck.rules.model import Examples, Metric, make_doc

CATEGORY = "length"
_LONG = " ".join(["We discussed the rota and the audit."] * 30)
_FINE = (
    "Dear Ms. Park,\n\nThank you for meeting with me on Tuesday. I enjoyed hearing about the move "
    "to barcode scanning on Ward 6, and how the night team plans to pilot it in May. I remain very "
    "interested in the charge nurse role.\n\n"
    "Best regards,\nSam Ortiz"
)


RULES = (
    Metric(
        code="TC301",
        measure="words",
        scope="letter",
        limit="max_words",
        detail="{value} words; keep it under {limit}",
        name="letter-too-long",
        category=CATEGORY,
        severity=Severity.WARNING,
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
    Metric(
        code="TC302",
        measure="words",
        scope="letter",
        limit="min_words",
        over=False,
        detail="{value} words; aim for at least {limit}",
        name="letter-too-short",
        category=CATEGORY,
        severity=Severity.WARNING,
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
    Metric(
        code="TC303",
        measure="words",
        scope="sentence",
        limit="max_sentence_words",
        detail="{value} words",
        name="long-sentence",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
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
    Metric(
        code="TC304",
        measure="words",
        scope="paragraph",
        limit="max_paragraph_words",
        detail="{value} words",
        name="long-paragraph",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
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
    Metric(
        code="TC305",
        measure="reading_grade",
        scope="letter",
        limit="max_reading_grade",
        detail="{value:.1f}",
        min_words=20,
        name="hard-reading",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
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
)

TOO_LONG, TOO_SHORT = RULES[0], RULES[1]


def length_verdict(words: int, settings: Settings) -> str:
    """The letter's length as the JSON ``length`` reports it: ``too_short``, ``too_long`` or
    ``ok``. The one length decision: TC301 and TC302 fire on exactly these terms."""
    if TOO_SHORT.fires(words, settings):
        return "too_short"
    if TOO_LONG.fires(words, settings):
        return "too_long"
    return "ok"
