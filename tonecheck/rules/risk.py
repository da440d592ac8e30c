"""TC5xx risk: what can be used against the writer (pressure, leverage, desperation, presumption...)."""

from __future__ import annotations

from tonecheck.findings import Severity
from tonecheck.rules.model import Examples, Existence, make_doc

CATEGORY = "risk"
_WHY = (
    "Until a decision is made, everything you write can be used against you. {0} reads as pushy, "
    "desperate or presumptuous, and can undo a good interview."
)


def _risk(
    code: str,
    name: str,
    data: str,
    what: str,
    thing: str,
    bad: tuple[str, ...],
    good: tuple[str, ...],
    message: str,
    suggestion: str,
    patterns: str | None = None,
) -> Existence:
    return Existence(
        code=code,
        name=name,
        category=CATEGORY,
        severity=Severity.ERROR,
        patterns=patterns,
        data=data,
        negatable=True,
        message=message,
        suggestion=suggestion,
        doc=make_doc(what=what, why=_WHY.format(thing), example=bad[0], instead=good[0]),
        examples=Examples(bad=bad, good=good),
    )


RULES = (
    _risk(
        "TC501",
        "deadline-pressure",
        "risk-deadline.txt",
        "Flags deadlines, ultimatums and demands for a quick answer: 'I need an answer by Friday', "
        "'within 24 hours', 'let me know today'.",
        "A deadline",
        ("I need an answer by Friday.", "Please respond by Friday."),
        ("Could you share when you expect to decide?", "I look forward to hearing from you."),
        "'{match}' pressures the reader for a quick answer; ask about the timeline instead.",
        "Could you share when you expect to decide?",
        patterns="risk-deadline.jsonl",
    ),
    _risk(
        "TC502",
        "offer-leverage",
        "risk-leverage.txt",
        "Flags other offers or interest used as leverage: 'I have another offer', 'a competing "
        "offer'. Saying politely that you have accepted another position is not flagged.",
        "Leverage",
        ("I have another offer and need to decide soon.",),
        (
            "I have accepted another offer and withdraw my application with thanks.",
            "I remain very interested in the role.",
        ),
        "'{match}' uses another offer as leverage; leave it out of a thank-you note.",
        "(leave other offers out)",
    ),
    _risk(
        "TC503",
        "desperation",
        "risk-desperation.txt",
        "Flags pleading and need: 'I really need this job', 'please give me a chance', 'I'll do "
        "anything'.",
        "Pleading",
        ("I really need this job.", "Please give me a chance, I'll do anything."),
        ("I remain very interested in the role.",),
        "'{match}' sounds desperate; state your interest calmly instead.",
        "I remain very interested in the role.",
    ),
    _risk(
        "TC504",
        "presumption",
        "risk-presumption.txt",
        "Flags writing as if the job were already yours: 'when I start', 'my first day', 'I've "
        "already given my notice'.",
        "Presuming the outcome",
        ("I can't wait to meet everyone when I start on Monday.",),
        ("If I join the team, I would start by learning the scheduling system.",),
        "'{match}' presumes you have the job; write conditionally ('if I join').",
        "if I join",
    ),
    _risk(
        "TC505",
        "salary-talk",
        "risk-salary.txt",
        "Flags pay and benefits raised in a follow-up: salary, bonus, PTO, a benefits package.",
        "Raising pay in a thank-you",
        ("Could you also tell me what the salary will be?",),
        ("Thank you for explaining the team's on-call rota.",),
        "'{match}' raises pay or benefits in a thank-you; save it for the offer stage.",
        "(save pay and benefits for the offer stage)",
    ),
    _risk(
        "TC506",
        "repeated-chasing",
        "risk-chasing.txt",
        "Flags counting attempts and complaining about silence: 'this is my third email', 'I have "
        "emailed twice'. One polite check-in is not flagged.",
        "Chasing",
        ("This is my third email about the role.",),
        ("I wanted to check in on the timeline for the role.",),
        "'{match}' sounds like chasing; one polite check-in is enough.",
        "I wanted to check in on the timeline.",
    ),
    _risk(
        "TC507",
        "criticism",
        "risk-criticism.txt",
        "Flags criticism of the interviewer, the process or a past employer: 'disorganized', "
        "'unprofessional', 'my last boss'.",
        "Criticism",
        ("The process was disorganized and kept me waiting.",),
        ("Thank you for walking me through the process.",),
        "'{match}' criticises; leave complaints out of a follow-up letter.",
        "(leave criticism out)",
    ),
    _risk(
        "TC508",
        "self-abasement",
        "risk-self-abasement.txt",
        "Flags heavy apology and running oneself down: 'I'm so sorry', 'I know I was terrible', 'I "
        "rambled'. One 'sorry for the delay' is not flagged.",
        "Self-abasement",
        ("I'm so sorry, I know I was terrible in the second half.",),
        ("Sorry for the delay in writing; thank you for your time.",),
        "'{match}' runs yourself down; one brief, confident sentence is better.",
        "(leave this out)",
    ),
    _risk(
        "TC509",
        "guilt-trip",
        "risk-guilt.txt",
        "Flags making the reader feel they owe you: 'I turned down other interviews', 'common "
        "courtesy', 'the least you could do'.",
        "Guilt-tripping",
        ("I turned down two other interviews for this.",),
        ("I look forward to hearing about the next steps.",),
        "'{match}' makes the reader feel they owe you; leave it out.",
        "(leave this out)",
    ),
)
