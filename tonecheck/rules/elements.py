"""TC4xx missing-element: thanks, a learned detail, continued interest (required); pleasure (recommended).

Elements are found sentence by sentence by ``tonecheck.nlp.elements``; these rules fire when one is
absent. Which elements are required is configurable (``required_elements``); pleasure is recommended,
so its rule is a suggestion.
"""

from __future__ import annotations

from tonecheck.findings import Severity
from tonecheck.rules.model import Element, Examples, make_doc

CATEGORY = "missing-element"
GOOD = (
    "Dear Mr. Idowu,\n\nThank you for meeting with me on Thursday. It was a pleasure to meet the "
    "team, and I enjoyed hearing about the plan to open a second depot in Leeds next spring. I remain "
    "very interested in the dispatcher role.\n\nBest regards,\nAmy"
)


RULES = (
    Element(
        code="TC401",
        element="thanks",
        name="missing-thanks",
        category=CATEGORY,
        severity=Severity.ERROR,
        message="The letter never thanks the reader; thank them for the interview or their time.",
        suggestion="Thank you for taking the time to meet with me on ...",
        doc=make_doc(
            what="Fires when no sentence thanks the reader or says the writer appreciates their "
            "time, the interview or the opportunity. 'Thanks in advance' does not count.",
            why="Thanking the interviewer is the first thing the advice asks of a follow-up letter; "
            "without it the note reads as curt.",
            example="I wanted to follow up on the analyst role. Let me know.",
            instead="Thank you for meeting with me on Monday about the analyst role.",
        ),
        examples=Examples(
            bad=("I wanted to follow up on the analyst role. Let me know the next steps.",),
            good=(GOOD, "Many thanks for your time yesterday."),
        ),
    ),
    Element(
        code="TC402",
        element="learned_detail",
        name="missing-learned-detail",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="The letter mentions nothing specific from the interview; name one thing you learned.",
        suggestion="I enjoyed learning about [a project, plan or challenge you discussed].",
        doc=make_doc(
            what="Fires when no sentence names something specific learned or discussed in the "
            "interview: a project, practice, plan, tool, figure or challenge. Generic references "
            "('learning more about the role', 'your company culture') do not count.",
            why="A specific detail shows you listened and places you in the reader's memory; a "
            "generic line could be sent to anyone.",
            example="I enjoyed learning more about the role and the company.",
            instead="I enjoyed learning about your plan to move dispatch onto the new routing tool.",
        ),
        examples=Examples(
            bad=("Thank you for the interview. I enjoyed learning more about the role.",),
            good=(GOOD, "I enjoyed learning about [specific project you discussed]."),
        ),
    ),
    Element(
        code="TC403",
        element="continued_interest",
        name="missing-continued-interest",
        category=CATEGORY,
        severity=Severity.WARNING,
        message="The letter never says you are still interested; say so in one sentence.",
        suggestion="I remain very interested in the position.",
        doc=make_doc(
            what="Fires when no sentence states or reaffirms interest in the position, the team or "
            "the company, or a wish to join or contribute. 'I look forward to hearing from you' "
            "alone is not interest.",
            why="The advice ends with assuring the reader of your continued interest; it is the "
            "sentence a decision-maker looks for.",
            example="Thank you for your time. I look forward to hearing from you.",
            instead="Our conversation confirmed my interest in joining the team.",
        ),
        examples=Examples(
            bad=("Thank you for your time. I look forward to hearing from you.",),
            good=(GOOD, "I would welcome the chance to contribute to the team."),
        ),
    ),
    Element(
        code="TC404",
        element="pleasure",
        required=False,
        name="missing-pleasure",
        category=CATEGORY,
        severity=Severity.SUGGESTION,
        message="Consider saying it was a pleasure to meet; it is recommended, not required.",
        suggestion="It was a pleasure to meet you and the team.",
        doc=make_doc(
            what="Fires when no sentence says it was a pleasure (or good, or enjoyable) to meet or "
            "speak with the reader, or that the writer enjoyed the interview.",
            why="The advice recommends telling the interviewer it was a pleasure to meet; it adds "
            "warmth without gushing.",
            example="Thank you for the interview on Monday.",
            instead="Thank you for the interview on Monday; it was a pleasure to meet you.",
        ),
        examples=Examples(
            bad=("Thank you for the interview on Monday.",),
            good=(GOOD, "It was good to speak with you on Friday."),
        ),
    ),
)
