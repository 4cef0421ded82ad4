"""Clean raw news text before parsing: HTML, entities, bylines, datelines, quotes, whitespace.

Debris such as ``date 2025-05-27 By Henry Meyer and </p><p>Taylan Bilgic Bloomberg``
is removed so that it can never become an actor or an event; a leading
``date YYYY-MM-DD`` line is kept as the document date.

Examples
--------
>>> cleaned = clean_text("date 2025-05-27 By Jane Roe and </p><p>John Doe Wire<p>Russia &amp; Turkey met.</p>")
>>> cleaned.text
'Russia & Turkey met.'
>>> cleaned.date
'2025-05-27'
>>> cleaned.removed
('date 2025-05-27', 'By Jane Roe and John Doe Wire')
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from eventcoder.dates import parse_date
from eventcoder.errors import InputError

_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]{1,500}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"',
                         "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
                         "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_TEXT = rf"\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH} \d{{4}}"
_META_DATE = re.compile(rf"^(?:date|dated|published)\s*:?\s*({_DATE_TEXT})\s*", re.I)
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|,|de|van|von|al-\w+))*\s*,?$")
# "MOSCOW (Reuters) - ", "KYIV, May 27 (AP) -- ", "ANKARA, Turkey - "
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'\- ]{{2,30}}(?:, [A-Z][A-Za-z.'\- ]{{1,30}})?(?:,? {_MONTH} \d{{1,2}}(?:, \d{{4}})?)?"
    r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*(?:-{1,2}|\u2013|\u2014)\s+")


@dataclass(frozen=True)
class CleanedText:
    """The cleaned article and what cleaning found.

    Attributes
    ----------
    text : str
        Paragraphs separated by a blank line, whitespace normalised.
    date : str or None
        ISO date from a leading ``date YYYY-MM-DD`` metadata line, if any.
    removed : tuple of str
        Bylines, metadata and datelines that were cut, for the record.
    """

    text: str
    date: str | None
    removed: tuple[str, ...]


def clean_text(raw: str) -> CleanedText:
    """Clean one article; see the module docstring.

    Parameters
    ----------
    raw : str
        Text as scraped: may hold HTML tags and entities, curly quotes, a byline,
        a dateline and irregular whitespace.

    Raises
    ------
    InputError
        E302 when ``raw`` is not a string.
    """
    if not isinstance(raw, str):
        raise InputError("E302", f"text must be a string, not {type(raw).__name__}")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _SCRIPT.sub(" ", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = _ANY_TAG.sub(" ", text)
    text = html.unescape(text).translate(_QUOTES)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in _PARAGRAPH_BREAK.split(text)]
    paragraphs = [p for p in paragraphs if p]

    removed: list[str] = []
    date = None
    if paragraphs:
        match = _META_DATE.match(paragraphs[0])
        if match:
            try:
                date = parse_date(match.group(1).replace(".", ""))
            except InputError:
                date = None
            removed.append(match.group(0).strip())
            paragraphs[0] = paragraphs[0][match.end():]
            paragraphs = [p for p in paragraphs if p]
    paragraphs = _drop_byline(paragraphs, removed)
    if paragraphs:
        match = _DATELINE.match(paragraphs[0])
        if match:
            removed.append(match.group(0).strip())
            paragraphs[0] = paragraphs[0][match.end():]
    return CleanedText("\n\n".join(p for p in paragraphs if p), date, tuple(removed))


def _drop_byline(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Remove a leading byline, including its continuation when a tag split it ("By A and </p><p>B Agency")."""
    if not paragraphs or not _BYLINE.match(paragraphs[0]):
        return paragraphs
    byline = [paragraphs[0]]
    rest = paragraphs[1:]
    while rest and re.search(r"(?:\band|&|,)$", byline[-1]) and _is_fragment(rest[0]):
        byline.append(rest.pop(0))
    removed.append(" ".join(byline))
    return rest


def _is_fragment(paragraph: str) -> bool:
    """A short line with no sentence-final punctuation: a name or an agency, not a sentence."""
    return len(paragraph.split()) <= 8 and not re.search(r"[.!?\"']$", paragraph)
