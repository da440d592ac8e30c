"""Element detection on sentences of the kind published follow-up letters use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.linter import lint_text

CASES = [
    (
        "learned_detail",
        True,
        "It was exciting to hear about your plans to expand the tutoring program to three new sites.",
    ),
    (
        "learned_detail",
        True,
        "The new mentoring initiative you described sounds like a good way to support junior staff.",
    ),
    ("learned_detail", True, "I enjoyed learning about [specific project or initiative]."),
    ("learned_detail", False, "I enjoyed learning more about the role and the company culture."),
    (
        "learned_detail",
        False,
        "Thank you for taking the time to discuss the Marketing Coordinator position with me.",
    ),
    (
        "learned_detail",
        False,
        "I look forward to hearing from you about the next steps you described.",
    ),
    ("continued_interest", True, "I am very excited about the opportunity to join your team."),
    ("continued_interest", True, "The interview strengthened my enthusiasm for the position."),
    ("continued_interest", True, "I would not hesitate to join the team."),
    ("continued_interest", True, "I am excited at the prospect of working with you."),
    ("continued_interest", True, "I look forward to working with you."),
    ("continued_interest", False, "Let me know if you want to book a working interview."),
    ("continued_interest", False, "I look forward to hearing from you soon."),
    ("continued_interest", False, "Frankly, this is not a company I want to work for."),
    ("continued_interest", False, "I am no longer interested in the position."),
    (
        "continued_interest",
        False,
        "I have accepted a position elsewhere and would like to withdraw my application.",
    ),
    (
        "continued_interest",
        True,
        "If the person you have chosen does not work out, please do not hesitate to get back in"
        " touch, because I would genuinely still love to work for your organization.",
    ),
    (
        "continued_interest",
        False,
        "I enjoyed our talk about the archive, and I am sorry not to be part of that project.",
    ),
    ("thanks", True, "Many thanks for your time on Tuesday."),
    ("thanks", False, "Thank you in advance for a quick decision."),
    ("thanks", False, "Subject: Thank you - analyst interview\n\nAny news on the role?"),
    ("pleasure", True, "I enjoyed our conversation."),
    ("pleasure", True, "It was great to meet you and the team."),
    ("pleasure", False, "It would be good to hear back from you."),
]


@pytest.mark.parametrize(("element", "present", "text"), CASES)
def test_element(element: str, present: bool, text: str) -> None:
    """Each sentence is judged inside a letter (salutation, the sentence, sign-off), as the learned
    detectors see sentences in use: where a sentence sits in a letter is one of their features."""
    report = lint_text(f"Dear Ms. Lee,\n\n{text}\n\nBest regards,\nSam")
    assert report.elements is not None
    assert report.elements[element] is present
    evidence = report.evidence[element] if report.evidence else None
    assert (evidence is not None) is present


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "at",
                "with",
                "Acme",
                "Co.",
                "the",
                "12th",
                "May",
                "10",
                "am",
                "x@y.com",
                "@",
                "a@",
                "+1",
                "555",
                "123",
                "4567",
                "Senior",
                "Analyst",
                "position",
                "team",
                " ",
                "  ",
                "\n",
                "é",
                "Join",
                "join",
                "for",
                "(",
                ")",
                "-",
                "on",
                "tuesday",
                "Tuesday",
            ]
        ),
        max_size=14,
    ).map(" ".join)
)
def test_strip_is_the_one_regex_substitution(text: str) -> None:
    """_strip skips text nothing can match and the slow e-mail part when there is no "@"."""
    from tonecheck.nlp import elements

    assert elements._strip(text) == elements._STRIP_RE.sub(" ", text)
