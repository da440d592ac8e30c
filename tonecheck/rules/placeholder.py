"""TC7xx placeholder: a template's blanks left unfilled ("[Company Name]", "{{first_name}}")."""

from __future__ import annotations

from tonecheck.findings import Severity
from tonecheck.rules.model import Examples, Existence, make_doc

CATEGORY = "placeholder"
# HTML element names: "<br>" or "<b>" in a Markdown letter is markup, not a blank to fill.
_HTML_TAGS = (
    "a|abbr|b|big|blockquote|body|br|center|code|div|em|font|h[1-6]|head|hr|html|i|img|li|ol|p"
    "|pre|small|span|strong|sub|sup|table|td|th|tr|u|ul"
)
PLACEHOLDER_REGEX = "|".join(
    (
        # [Company Name], [specific topic]; not a footnote "[1]", "[sic]", an elision "[...]", an
        # address "[ ana@x.org ]" or a Markdown link "[site](https://...)"
        r"\[(?!\s*\d+\s*\])(?!sic\])(?!\s*(?:\.{3}|…)\s*\])[^\[\]\n@]{1,80}\](?!\()",
        r"\{\{[^{}\n]{1,80}\}\}",  # {{first_name}} (mail-merge)
        r"\{[^{}\n]{1,80}\}",  # {company}
        # <Interviewer Name>; not an HTML tag, an address <ana@x.org> or a link <https://...>
        rf"<(?!/?(?:{_HTML_TAGS})\b)[A-Za-z][^<>@\n:/=\"]{{0,60}}>",
        r"\bX{3,}\b",  # XXX, XXXX
        # Your Name, Company Name, Interviewer's Name (capitalised as a field, not in a sentence)
        r"\b(?:Your|YOUR|Company|COMPANY|Interviewer(?:'s)?|INTERVIEWER(?:'S)?|Hiring Manager(?:'s)?"
        r"|Recipient(?:'s)?|Candidate(?:'s)?) (?:Name|NAME)\b",
        r"\b(?:Job|Position) Title\b",
        # (your name), (insert company), (interviewer's name)
        r"(?i:\((?:your|insert|add|company|interviewer|hiring manager|recipient)\b[^()\n]{0,40}\))",
    )
)

RULES = (
    Existence(
        code="TC701",
        name="unfilled-placeholder",
        category=CATEGORY,
        severity=Severity.ERROR,
        regex=PLACEHOLDER_REGEX,
        message="'{match}' is a template placeholder left unfilled; write the real detail "
        "(or take it out) before sending.",
        suggestion="the real name or detail",
        doc=make_doc(
            what="Flags a template's blanks left in the letter: '[Company Name]', '[specific "
            "topic]', '{{first_name}}', '{company}', '<Interviewer Name>' (not HTML tags, "
            "addresses or links), 'XXX' and 'XXXX', 'Your Name', 'Company Name', '(your name)'. "
            "An error by default, so `tonecheck presend` holds the message. A placeholder that "
            "stands for a detail still counts for the elements, as the corpus guide says.",
            why="Sending a template with its brackets still in tells the reader the note was "
            "not written for them; it is the worst thing a pre-send check can let through.",
            example="Dear [Interviewer Name], thank you for the interview at [Company Name].",
            instead="Dear Ms. Reyes, thank you for the interview at Northwind.",
        ),
        examples=Examples(
            bad=(
                "Dear [Interviewer Name], thank you for the interview at [Company Name].",
                "Hi {{first_name}}, thank you for your time.",
                "Dear XXXX, thank you for meeting me.",
                "Best regards,\nYour Name",
                "Thank you for the interview at <Company>.",
                "Sincerely, (your name)",
            ),
            good=(
                "Dear Ms. Reyes, thank you for the interview at Northwind.",
                "My portfolio is at [my site](https://example.org) and in the report [1].",
                "Write to me at <ana@example.org> or see <https://example.org/cv>.",
                "Thank you for telling me your name and the company's history.",
            ),
        ),
    ),
)
