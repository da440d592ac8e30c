"""TC6xx tone: the classifier's judgment as a finding (a ``model`` rule)."""

from __future__ import annotations

from tonecheck.findings import Severity, ToneResult
from tonecheck.rules.model import Examples, Match, Model, make_doc


def _not_cool_cordial(tone: ToneResult) -> Match | None:
    """The classifier's judgment when its most probable tone is not cool_cordial (a letter-wide
    finding: no span), with the tone, the score and up to three drivers."""
    if tone.tone == "cool_cordial":
        return None
    reasons = ", ".join(d.description for d in tone.drivers[:3]) or "its wording overall"
    return Match(
        0, 0, detail=f"{tone.tone} (score {tone.score:.0f}/100), mainly because of {reasons}"
    )


RULES = (
    Model(
        code="TC601",
        name="tone-not-cool-cordial",
        category="tone",
        severity=Severity.WARNING,
        judge=_not_cool_cordial,
        message="The letter reads {detail}.",
        suggestion="Thank the reader, name one detail, state your interest, and keep it calm and brief.",
        doc=make_doc(
            what="Fires when the tone classifier's most probable tone is not cool_cordial "
            "(effusive, curt or pushy). The message names the tone, the 0-100 score and the "
            "features that drove it, so a low score is explained even when no other rule fires.",
            why="The advice is a cordial note written from a cool remove. The classifier catches "
            "what no single phrase shows: a letter that is cold overall, or eager throughout.",
            example="Any update on the job? Need to know soon.",
            instead="Thank you again for meeting with me last week. I remain very interested in the "
            "role and would welcome any update on the timeline.",
        ),
        examples=Examples(
            bad=("Any update on the job? Need to know by tomorrow. - J",),
            good=(
                "Dear Ms. Park,\n\nThank you for meeting with me on Tuesday. It was a pleasure to "
                "meet the team, and I enjoyed hearing about the move to barcode scanning on Ward 6. "
                "I remain very interested in the charge nurse role and look forward to hearing "
                "from you.\n\nBest regards,\nSam Ortiz",
            ),
        ),
    ),
)
