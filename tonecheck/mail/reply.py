"""The writer's own words of a plain-text mail body: quoted replies, forwarded messages, mobile
sign-offs and the signature cut away.

The body is cut at the first line that starts what the writer did not write:

- a signature delimiter, ``-- `` (or ``--``);
- a reply or forward separator: ``-----Original Message-----``, ``---------- Forwarded message
  ---------``, ``Begin forwarded message:``, Outlook's underscore rule, in the common languages;
- Outlook's quoted header block, with or without a separator above it: a ``From:`` line followed
  within four lines by ``Sent:``/``Date:`` and ``To:``/``Subject:`` lines (in English, German,
  French, Spanish, Dutch, Italian or Portuguese; Gmail's ``*From:*`` too);
- a mobile sign-off ("Sent from my iPhone", "Get Outlook for Android", "Von meinem iPhone
  gesendet"...): what follows it is the quoted message;
- an attribution line ("On ... wrote:", "Am ... schrieb ...:", "Le ... a écrit :", "El ...
  escribió:", "Op ... schreef ...:", "Il ... ha scritto:", "Em ... escreveu:", up to three lines
  long) that is not followed by ``>``-quoted lines (then everything after it is the quote).

Lines quoted with ``>`` are dropped wherever they are (an inline reply keeps the writer's lines
between them), and so are attribution lines followed by such a quote.
"""

from __future__ import annotations

import re

_SIGNATURE = ("-- ", "--")
_SEPARATORS = re.compile(
    r"^\s*(?:"
    r"-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
    r"|Oorspronkelijk bericht|Messaggio originale|Mensagem original|Original message"
    r"|Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
    r"|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada)\s*-{2,}"
    r"|_{20,}"
    r"|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:"
    r"|Début du message réexpédié\s?:|Inicio del mensaje reenviado:"
    r"|Begin doorgestuurd bericht:|Inizio messaggio inoltrato:|Início da mensagem reencaminhada:"
    r")\s*$",
    re.IGNORECASE,
)
# Outlook's quoted header block: the field names of its first line and of the lines after it.
_FROM_FIELD = r"(?:From|Von|De|Van|Da)"
_OTHER_FIELDS = (
    r"(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|Date|À|Objet|Enviado"
    r"|Fecha|Para|Asunto|Verzonden|Aan|Onderwerp|Inviato|Data|A|Oggetto|Assunto)"
)
_FIELD_LINE = r"^\s*\*?{name}\s?:\*?\s"
_FROM_RE = re.compile(_FIELD_LINE.format(name=_FROM_FIELD), re.IGNORECASE)
_OTHER_RE = re.compile(_FIELD_LINE.format(name=_OTHER_FIELDS), re.IGNORECASE)
_MOBILE = re.compile(
    r"^\s*(?:"
    r"Sent from (?:my |the )?\S.{0,40}"  # Sent from my iPhone / Galaxy / Mail for Windows
    r"|Sent via \S.{0,40}"
    r"|Get Outlook for (?:iOS|Android)\S*"
    r"|Von meinem \S.{0,30} gesendet"
    r"|Envoyé de mon \S.{0,30}"
    r"|Enviado desde mi \S.{0,30}"
    r"|Verzonden (?:vanaf|met) mijn \S.{0,30}"
    r"|Inviato da(?:l mio)? \S.{0,30}"
    r"|Enviado do meu \S.{0,30}"
    r")\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_START = re.compile(r"^\s*(?:On|Am|Le|El|Op|Il|Em)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(
    r"(?:\bwrote|\bschrieb\b.*|\ba écrit\s?|\bescribió|\bschreef\b.*|\bha scritto|\bescreveu)"
    r"\s?:\s*$",
    re.IGNORECASE,
)


def _is_header_block(lines: list[str], i: int) -> bool:
    """Whether line ``i`` starts Outlook's quoted "From: / Sent: / To: / Subject:" block."""
    if not _FROM_RE.match(lines[i]):
        return False
    fields = sum(1 for line in lines[i + 1 : i + 6] if _OTHER_RE.match(line))
    return fields >= 2


def _attribution_end(lines: list[str], i: int) -> int | None:
    """The last line of an attribution starting at line ``i`` (it may wrap over three lines)."""
    if not _ATTRIBUTION_START.match(lines[i]):
        return None
    return next(
        (j for j in range(i, min(i + 3, len(lines))) if _ATTRIBUTION_END.search(lines[j])), None
    )


def reply_cut(text: str) -> int:
    """Where the writer's words end: the offset of the first line that starts a quoted or
    forwarded message, a mobile sign-off or the signature (``len(text)`` when there is none).
    Lines quoted with ``>`` do not end the words (see :func:`strip_quotes_and_signature`)."""
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        if line.rstrip("\r") in _SIGNATURE or _ends_words(lines, i):
            return offset
        offset += len(line) + 1
    return len(text)


def _ends_words(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _SEPARATORS.match(line) or _MOBILE.match(line) or _is_header_block(lines, i):
        return True
    end = _attribution_end(lines, i)
    if end is None:
        return False
    following = next((x for x in lines[end + 1 :] if x.strip()), "")
    return not following.startswith(">")


def strip_quotes_and_signature(text: str) -> str:
    """The writer's own words of a plain-text mail body (see the module docstring), without the
    blank lines the cuts leave at the ends."""
    lines = text[: reply_cut(text)].split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(">"):
            i += 1
            continue
        end = _attribution_end(lines, i)
        if end is not None:
            i = end + 1
            continue
        out.append(line)
        i += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
