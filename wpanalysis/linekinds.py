"""The structure stage's first step: the cleaned text as logical lines, each given a kind.

A line's kind is one of ``toc`` ``notice`` ``date`` ``section`` ``subsection`` ``item``
``item?`` (a period-less or very long number, accepted only when it continues the
numbering) ``field`` ``title`` ``compilation_title`` and ``text``; :mod:`wpanalysis.structure`
feeds the lines into documents.

Why this is fast: every marker pattern is anchored at the start of the line, so the first
character alone rules most of them out (a running-text line starts with an ideograph that
opens no marker) and the common line costs a few string tests instead of seven regular
expressions. The order of the tests is the order of the rules; ``tests/test_linekinds.py``
checks on generated lines that the result is the kind the full cascade gives.

>>> line = Line(0, 9, "1.加强党建。抓好支部", "1.加强党建。抓好支部")
>>> classify(line, None); (line.kind, line.number, line.content_start)
('item', 1, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

from .grammar import (
    CANONICAL_FIELDS,
    DATE,
    FIELD,
    ITEM,
    ITEM_LONG,
    ITEM_NO_PUNCT,
    NOTICE,
    SECTION,
    SUBSECTION,
    TITLE_WORDS,
    heading_number,
    is_toc_line,
)
from .script import display_width

__all__ = ["Line", "classify", "is_title", "logical_lines", "TITLE_MAX_WIDTH"]

TITLE_MAX_WIDTH = 60

# The first characters a line-start marker can have (SECTION, SUBSECTION, FIELD; the item
# patterns start with a decimal digit, tested with str.isdecimal, which is what \d matches).
_SECTION_START = frozenset("一二三四五六七八九十百零第")
_SUBSECTION_START = frozenset("(（")
_FIELD_START = frozenset(label[0] for label in CANONICAL_FIELDS)


@dataclass(slots=True)
class Line:
    """One logical line of the cleaned text (``start``/``end`` offsets into it) and its kind."""

    start: int
    end: int
    text: str  # original (cleaned) text
    shadow: str  # Simplified shadow, same length
    kind: str = "text"
    number: int | None = None
    content_start: int = 0  # offset inside the line where the content after the marker starts
    malformed: str | None = None  # a heading numeral that is no numeral (十一一): the line is text


def classify(line: Line, next_line: Line | None) -> None:
    """Set ``line``'s kind, number and content start (``next_line`` decides a bare ``1.``).

    >>> line = Line(0, 5, "(三)加强", "(三)加强")
    >>> classify(line, None); (line.kind, line.number)
    ('subsection', 3)
    """
    s = line.shadow
    # cheap tests first: a TOC line ends in a page number, a notice in 通知, a date in 日
    last = s.rstrip()[-1:]
    if (last.isdecimal() and is_toc_line(s)) or s in ("目录", "目 录"):
        line.kind = "toc"
        return
    if last == "知" and NOTICE.search(s) and "。" not in s:
        line.kind = "notice"
        return
    if last == "日" and DATE.match(s):
        line.kind = "date"
        return
    first = s[:1]
    if first in _SECTION_START or first in _SUBSECTION_START:
        m = SECTION.match(s) or SUBSECTION.match(s)
        if m:
            numeral = m.group(1) or m.group(2)
            line.number = heading_number(numeral)
            if line.number is None:  # 十一一、: read as text, and reported
                line.kind, line.malformed = "text", numeral
                return
            line.kind = "subsection" if s[0] in "(（" else "section"
            line.content_start = m.end()
            return
    elif first.isdecimal():
        if _item(line, s, next_line):
            return
    if first in _FIELD_START:
        m = FIELD.match(s)
        if m:
            line.kind = "field"
            line.content_start = m.end()
            return
    if is_title(s):
        line.kind = "compilation_title" if "汇编" in s else "title"
        return
    line.kind = "text"


def _item(line: Line, s: str, next_line: Line | None) -> bool:
    """``1.`` (an item, or a TOC number whose entry is on the next line), or ``27构建``."""
    m = ITEM.match(s)
    if m:
        line.number = int(m.group(1))
        line.content_start = m.end()
        rest = s[m.end():]
        if not rest.strip() and next_line is not None and (
            is_toc_line(next_line.shadow) or is_title(next_line.shadow)
        ):
            line.kind = "toc"  # "1." alone, its TOC entry on the next line
        else:
            line.kind = "item"
        return True
    m = ITEM_NO_PUNCT.match(s) or ITEM_LONG.match(s)
    if m:
        line.kind = "item?"  # accepted only when it continues the numbering
        line.number = int(m.group(1))
        line.content_start = m.end()
        return True
    return False


def is_title(s: str) -> bool:
    """A plan title: short, no full stop, ends in 工作要点 and the like, no marker.

    >>> is_title("2024年教育工作要点"), is_title("一、工作要点")
    (True, False)
    """
    return (
        "。" not in s
        and display_width(s) <= TITLE_MAX_WIDTH
        and bool(TITLE_WORDS.search(s))
        and not s.startswith(("(", "（"))
        and not ITEM.match(s)
        and not SECTION.match(s)
    )


def logical_lines(text: str, shadow: str) -> list[Line]:
    """The non-blank lines of ``text`` (``shadow`` is its Simplified twin), not yet classified.

    >>> [(ln.start, ln.text) for ln in logical_lines("一、总体\\n\\n1.党建", "一、总体\\n\\n1.党建")]
    [(0, '一、总体'), (6, '1.党建')]
    """
    lines = []
    pos = 0
    same = shadow is text
    for raw_line in text.split("\n"):
        start, end = pos, pos + len(raw_line)
        pos = end + 1
        if raw_line.strip():
            lines.append(Line(start, end, raw_line, raw_line if same else shadow[start:end]))
    return lines
