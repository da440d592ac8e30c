"""TC1xx hyperbole: superlatives and absolutes about the interview, the company, the role or oneself."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from tonecheck.data import word_set
from tonecheck.findings import Severity
from tonecheck.rules.model import Custom, Examples, Existence, Match, Pattern, make_doc

if TYPE_CHECKING:
    from tonecheck.rules.context import CheckContext

CATEGORY = "hyperbole"
_BE = {
    "is",
    "was",
    "were",
    "are",
    "'s",
    "’s",
    "seemed",
    "seems",
    "felt",
    "sounds",
    "sounded",
    "sound",
    "looks",
    "looked",
    "look",
    "feels",
}


@cache
def _intensifiable() -> frozenset[str]:
    """Adjectives that an intensifier turns into hyperbole (built once)."""
    return word_set("hyperbole-extreme-adjectives.txt") | word_set(
        "hyperbole-intensified-adjectives.txt"
    )


def _intensified_extreme(ctx: CheckContext) -> Iterator[Match]:
    intensifiers = word_set("enthusiasm-intensifiers.txt")
    extreme = _intensifiable()
    tokens = ctx.tokens
    lowers = tokens.lowers
    for j in tokens.indices(extreme):
        if j > 0 and lowers[j - 1] in intensifiers:
            yield Match(tokens.starts[j - 1], tokens.end(j), suggestion="strong")


def _extreme_praise(ctx: CheckContext) -> Iterator[Match]:
    intensifiers = word_set("enthusiasm-intensifiers.txt")
    extreme = word_set("hyperbole-extreme-adjectives.txt")
    targets = word_set("hyperbole-praise-targets.txt")
    tokens = ctx.tokens
    lowers = tokens.lowers
    for i in tokens.indices(extreme):
        if i > 0 and lowers[i - 1] in intensifiers:
            continue  # TC103's
        nxt = lowers[i + 1] if i + 1 < len(lowers) else None
        if nxt == "to":
            continue  # "it was fantastic to meet you" is a conventional courtesy
        if nxt in targets:
            yield Match(tokens.starts[i], tokens.end(i + 1), suggestion="impressive")
        elif _BE.intersection(lowers[max(0, i - 3) : i]):
            yield Match(tokens.starts[i], tokens.end(i), suggestion="impressive")


RULES = (
    Pattern(
        code="TC101",
        name="superlative-praise",
        category=CATEGORY,
        severity=Severity.WARNING,
        data="hyperbole-superlatives.jsonl",
        message="'{match}' overstates; name what you valued instead.",
        suggestion="I valued our conversation about ...",
        doc=make_doc(
            what="Flags superlatives about the interview, the company or the role: 'the best "
            "interview I have ever had', 'the greatest company in the world', 'the most inspiring "
            "conversation of my career'.",
            why="The advice is to write 'from a cool remove' and avoid hyperbole. A superlative reads "
            "as flattery, and everything you write can be used against you.",
            example="It was the best interview I have ever had.",
            instead="I valued our conversation about the clinic's move to electronic charting.",
        ),
        examples=Examples(
            bad=(
                "It was the best interview I have ever had.",
                "Yours is the greatest company in the world.",
                "That was the most inspiring conversation of my career.",
            ),
            good=(
                "Best regards,\nDana",
                "The best way to reach me is by phone.",
                "Your team shared the best practices it follows for code review.",
            ),
        ),
    ),
    Existence(
        code="TC102",
        skip_names=True,
        name="stock-hyperbole",
        category=CATEGORY,
        severity=Severity.WARNING,
        data="hyperbole-stock-phrases.txt",
        message="'{match}' is stock hyperbole; say it plainly.",
        suggestion="a role I am keen on",
        doc=make_doc(
            what="Flags set phrases that overstate the job, the fit or the moment: 'dream job', "
            "'perfect fit', 'once-in-a-lifetime', 'life-changing'.",
            why="Stock superlatives sound eager rather than composed; a hiring manager reads them in "
            "every second note and they carry no information.",
            example="This is my dream job and I am the perfect fit.",
            instead="The role matches what I want to do next, and my experience fits it well.",
        ),
        examples=Examples(
            bad=(
                "This is truly my dream job.",
                "I am sure I would be a perfect fit for the team.",
                "It is a once-in-a-lifetime opportunity.",
            ),
            good=(
                "I think my experience would be a good fit for the team.",
                "I enjoyed hearing about the Perfect Day Foods account.",
            ),
        ),
    ),
    Custom(
        code="TC103",
        name="intensified-extreme-adjective",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="'{match}' stacks an intensifier on an extreme adjective; one plain word is stronger.",
        suggestion="strong",
        check=_intensified_extreme,
        doc=make_doc(
            what="Flags an intensifier followed by an extreme adjective: 'absolutely incredible', "
            "'truly amazing', 'so phenomenal'.",
            why="Doubling up on intensity reads as gushing; the cool, measured tone the advice asks "
            "for comes from specifics, not amplifiers.",
            example="You have an absolutely incredible team.",
            instead="Your team's review process impressed me.",
        ),
        examples=Examples(
            bad=("You have an absolutely incredible team.", "The tour was truly amazing."),
            good=("The tour was useful.", "I was truly glad to meet the team."),
        ),
    ),
    Custom(
        code="TC104",
        name="extreme-praise",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="'{match}' is extreme praise; describe what impressed you instead.",
        suggestion="impressive",
        check=_extreme_praise,
        doc=make_doc(
            what="Flags an extreme adjective ('amazing', 'incredible', 'phenomenal', 'perfect') "
            "describing the interview, the team, the company or the role.",
            why="Extreme praise is hyperbole: it overstates and says nothing specific. A plain word "
            "and a concrete detail read as sincere.",
            example="It was an amazing interview with a phenomenal team.",
            instead="I enjoyed the interview, especially the discussion of your on-call rota.",
        ),
        examples=Examples(
            bad=("It was an amazing interview.", "Your team is incredible."),
            good=("It was great to meet you.", "The results were excellent for a first quarter."),
        ),
    ),
    Existence(
        code="TC105",
        skip_names=True,
        name="absolute-self-claim",
        category=CATEGORY,
        severity=Severity.WARNING,
        data="hyperbole-self-claims.txt",
        message="'{match}' is an absolute claim about yourself; let your record speak.",
        suggestion="I am confident my experience fits the role",
        doc=make_doc(
            what="Flags absolute claims about the writer: 'the best candidate', 'no one will work "
            "harder', 'you won't regret it'.",
            why="Boasting presumes the decision and can be used against you; a measured statement of "
            "fit with one piece of evidence is more persuasive.",
            example="I am the best candidate you will meet and you won't regret hiring me.",
            instead="My five years running night shifts would help with the staffing plan you described.",
        ),
        examples=Examples(
            bad=("I am the best candidate for this job.", "You won't regret hiring me."),
            good=("I believe my experience would help the team.",),
        ),
    ),
)
