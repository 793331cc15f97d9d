"""Plain text: the section/headline/standfirst/body layout when it is there, else plain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from strife.ingest.dates import date_line

# A wire dateline opening a paragraph: "OUAGADOUGOU, Burkina Faso (AP) —", "MOGADISHU, Sept 12 (Reuters) -".
# It tells where and when the report was filed, not where or when anything happened in it.
DATELINE = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}(?:,\s*[A-Z][\w'’. -]{1,40})?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[^\W\d_]{3,9}\.?))?\s*"  # "Sept 12", "12 mars"
    r"\((?:AP|AFP|Reuters|Xinhua|Anadolu|dpa|IANS|PTI|UPI|APA|Bloomberg)\)\s*(?:[—–]|-{1,2})",
    re.M,
)

_END_PUNCT = re.compile(r"[.!?:;,\"'”’)]$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?$")


@dataclass
class TextParts:
    section: str | None
    title: str | None
    standfirst: str | None
    body: str
    published: date | None


def _words(line: str) -> list[str]:
    return line.split()


def is_section(line: str) -> bool:
    """A desk/section label: 'Africa', 'World News', 'Middle East & North Africa'."""
    words = _words(line)
    return (
        0 < len(words) <= 4
        and len(line) <= 40
        and not _END_PUNCT.search(line)
        and line[0].isupper()
        and not any(ch.isdigit() for ch in line)
    )


def is_headline(line: str) -> bool:
    """One title-like line: not too long, starts upper-case, no closing full stop."""
    words = _words(line)
    return (
        2 <= len(words) <= 30
        and len(line) <= 200
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and not line.endswith((".", ",", ";", ":"))
    )


def is_standfirst(line: str) -> bool:
    """A lead under the headline: a sentence or two, shorter than a body paragraph tends to be."""
    words = _words(line)
    return 4 <= len(words) <= 70 and len(line) <= 500


def split_text(text: str) -> TextParts:
    """Split a plain-text article into its parts.

    Layout (one per line, blank lines ignored): an optional date line near the top,
    section, headline, standfirst, then body paragraphs. Without that layout the first
    line is the title if it looks like one, and everything else is body.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    published: date | None = None
    # A date-only line near the top (before or after the headline) is the publication date.
    for index, line in enumerate(lines[:6]):
        found = date_line(line)
        if found is not None:
            published = found
            del lines[index]
            break
    if (
        len(lines) >= 4
        and is_section(lines[0])
        and is_headline(lines[1])
        and is_standfirst(lines[2])
        and len(lines[1]) > len(lines[0])
    ):
        if DATELINE.match(lines[2]):
            # "COTONOU, April 24 (AFP) - Fifty-four soldiers were killed ...": a wire report's lead,
            # the first paragraph of its body, not a standfirst summing it up
            return TextParts(lines[0], lines[1], None, "\n".join(lines[2:]), published)
        return TextParts(lines[0], lines[1], lines[2], "\n".join(lines[3:]), published)
    if (
        len(lines) == 3
        and is_section(lines[0])
        and is_headline(lines[1])
        and not _SENTENCE_END.search(lines[1])
        and len(lines[1]) > len(lines[0])
    ):
        # section, headline and a one-paragraph body (a brief): no standfirst to tell apart
        return TextParts(lines[0], lines[1], None, lines[2], published)
    if len(lines) >= 2 and is_headline(lines[0]) and not _SENTENCE_END.search(lines[0]):
        return TextParts(None, lines[0], None, "\n".join(lines[1:]), published)
    return TextParts(None, None, None, "\n".join(lines), published)
