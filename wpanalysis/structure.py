"""Structure stage: cleaned text → documents → sections → sub-sections → items.

The parser reads the cleaned text line by line (very long lines of flattened
web copies are split at structure markers whose number continues the
sequence) and classifies each line: plan title, notice, date, TOC line,
section heading (``一、`` / ``第一部分``), sub-section (``(一)``), numbered item
(``1.`` ``1．`` ``1、`` ``1﹒`` and the period-less ``27构建`` when 27 is the
next number), labelled field (``问题描述:``…) or running text.

Documents are found from the text alone: a new plan title, or numbering that
restarts (``一、`` after ``五、``, ``1.`` after ``34.`` with no heading between)
opens a new *segment*. A segment whose items carry no body text is an
*outline*; a body segment whose item titles are found in an outline is merged
with it, so each item is counted once (its outline line becomes an
``outline`` part) and outline-only plans keep their titles.

Every non-blank character of the cleaned text belongs to exactly one
:class:`Part`; what could not be placed is an ``unassigned`` part and is
reported. :func:`parse_plan` is the entry point.

>>> plan = parse_plan("2024年工作要点\\n一、总体要求\\n1.加强党建。抓好支部。(责任单位:组织科、各学校)\\n")
>>> [(i.number, i.title, i.responsible_units) for i in plan.documents[0].items]
[(1, '加强党建', ['组织科', '各学校'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .clean import CleanText, clean_text, display_width, is_toc_line
from .numerals import zh_value
from .script import detect_script, to_simplified

__all__ = [
    "Part",
    "Section",
    "Subsection",
    "Item",
    "Document",
    "ParsedPlan",
    "parse_plan",
    "parse_clean",
    "cn_to_int",
    "split_units",
    "CANONICAL_FIELDS",
]

# --- numerals -------------------------------------------------------------------


def cn_to_int(s: str) -> int:
    """Chinese numeral (一 … 九十九, 一百零五 …) or Arabic digits → int.

    >>> cn_to_int("十四"), cn_to_int("二十一"), cn_to_int("12")
    (14, 21, 12)
    """
    if s.isdigit():
        return int(s)
    value = zh_value(s)
    if value is None:
        raise ValueError(f"not a Chinese numeral: {s!r}")
    return int(value)


# --- line patterns (matched on the Simplified shadow of the text) ------------------

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^(?:([{_CN}]{{1,3}})\s*[、.．]|第([{_CN}\d]{{1,3}})(?:部分|章|篇)[\s、,:：.．]*)")
_SUBSECTION = re.compile(rf"^[(（]\s*([{_CN}]{{1,3}})\s*[)）]\s*")
_ITEM = re.compile(r"^(\d{1,3})(?!\d)\s*[.．、﹒]\s*(?!\d)")
_ITEM_NO_PUNCT = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff])(?![年月日个万亿元所名项人次届期号])")
_TITLE_WORDS = re.compile(r"(?:工作要点|工作计划|工作安排|工作思路|工作重点|要点)(?:汇编)?(?:[(（]\d+篇[)）])?$")
_NOTICE = re.compile(r"(?:关于印发|印发).{0,40}(?:的通知|通知)$")
_DATE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_YEAR_IN_TITLE = re.compile(r"(20\d{2})年")

#: Labelled fields and their canonical names.
CANONICAL_FIELDS = {
    "问题描述": "问题描述",
    "目标任务": "目标任务",
    "预期成果": "预期成果",
    "工作措施": "工作措施",
    "工作举措": "工作措施",
    "主要措施": "工作措施",
    "责任处室": "责任处室",
    "责任单位": "责任单位",
    "责任科室": "责任科室",
    "责任股室": "责任股室",
    "牵头单位": "牵头单位",
    "配合单位": "配合单位",
    "完成时限": "完成时限",
}
_FIELD = re.compile(rf"^({'|'.join(CANONICAL_FIELDS)})\s*[:：]\s*")
_UNIT_LABELS = "责任单位|责任处室|责任科室|责任股室|责任部门|牵头单位|牵头部门|配合单位|协同单位|参与单位"
# "(责任单位:…)" at the end of a line; one level of nested parentheses allowed inside.
_UNIT_NOTE = re.compile(
    rf"[(（]\s*((?:{_UNIT_LABELS})\s*[:：][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*)[)）]\s*([。.]?)\s*$"
)
_UNIT_LABEL = re.compile(rf"(?:{_UNIT_LABELS})\s*[:：]\s*")
_UNIT_FIELDS = ("责任处室", "责任单位", "责任科室", "责任股室", "牵头单位", "配合单位")
_SENTENCE_STOP = re.compile(r"[。]")
_INLINE_MARKER = re.compile(
    rf"(?<=[。;；!！?？)）”\s])(?:[{_CN}]{{1,3}}、|[(（][{_CN}]{{1,3}}[)）]|\d{{1,3}}[.．、﹒](?!\d))"
)
_INLINE_SPLIT_WIDTH = 200
_PROBE_WIDTH = 64  # characters after an inline marker that decide what it opens
_MATCH_WINDOW = 8
_TITLE_MAX_WIDTH = 60


# --- result objects -------------------------------------------------------------


@dataclass
class Part:
    """A span ``[start, end)`` of the cleaned text and what it is.

    kind: title | notice | preamble | heading | section_text | item | outline |
    toc | compilation_title | closing | duplicate | unassigned.
    ``document`` is the 1-based document index, or None for file-level parts.
    """

    kind: str
    start: int
    end: int
    document: int | None = None
    ref: str | None = None


@dataclass
class Section:
    number: int
    title: str
    start: int = -1


@dataclass
class Subsection:
    section: int | None
    number: int
    title: str
    start: int = -1


@dataclass
class Item:
    """One numbered work item.

    ``text`` is the item without its number and without its responsibility
    note; ``body`` is ``text`` without the title; ``has_body`` is False for
    title-only (outline) items. ``start``/``end`` are cleaned-text offsets.
    """

    number: int
    title: str
    text: str
    body: str
    section: int | None
    subsection: int | None
    responsible_units: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    has_body: bool = False
    source: str = "body"  # body | outline
    start: int = -1
    end: int = -1
    title_own_line: bool = False


@dataclass
class Document:
    index: int
    title: str | None
    year: int | None
    notice_date: str | None
    sections: list[Section]
    subsections: list[Subsection]
    items: list[Item]
    preamble: str
    completeness: str
    has_outline: bool
    has_body: bool
    warnings: list[str]
    start: int = -1
    end: int = -1


@dataclass
class ParsedPlan:
    """Everything parsed from one file."""

    source: str
    encoding: str | None
    script: str
    clean: CleanText
    documents: list[Document]
    parts: list[Part]
    warnings: list[str]
    format: str = "txt"  # txt | docx | pdf | html (set by build.parse_file from the read stage)
    pages: int | None = None  # PDF page count
    source_title: str | None = None  # title the file itself carries (web page <title>, .docx properties)
    source_date: str | None = None  # publication date a saved web page states
    read_artefacts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) the reader removed

    @property
    def text(self) -> str:
        return self.clean.text

    @property
    def unassigned(self) -> list[str]:
        return [self.text[p.start:p.end] for p in self.parts if p.kind == "unassigned"]

    def to_json(self) -> dict[str, Any]:
        """The ``wpanalysis parse --json`` contract (``pages`` only for PDF)."""
        result = {
            "source": self.source,
            "format": self.format,
            **({"pages": self.pages} if self.format == "pdf" else {}),
            "encoding": self.encoding,
            "script": self.script,
            "documents": [
                {
                    "title": d.title,
                    "year": d.year,
                    "notice_date": d.notice_date,
                    "completeness": d.completeness,
                    "sections": [{"number": s.number, "title": s.title} for s in d.sections],
                    "subsections": [
                        {"section": s.section, "number": s.number, "title": s.title}
                        for s in d.subsections
                    ],
                    "items": [
                        {
                            "number": i.number,
                            "title": i.title,
                            "text": i.text,
                            "section": i.section,
                            "subsection": i.subsection,
                            "responsible_units": i.responsible_units,
                            "fields": i.fields,
                        }
                        for i in d.items
                    ],
                    "warnings": d.warnings,
                }
                for d in self.documents
            ],
            "unassigned": self.unassigned,
            "artefacts": [{"kind": kind, "text": text} for kind, text in self.read_artefacts]
            + [{"kind": a.kind, "text": a.text} for a in self.clean.artefacts],
            "warnings": self.warnings,
        }
        return result


# --- line classification ----------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    text: str  # original (cleaned) text
    shadow: str  # Simplified shadow, same length
    kind: str = "text"
    number: int | None = None
    content_start: int = 0  # offset inside the line where the content after the marker starts


def _classify(line: _Line, next_line: _Line | None) -> None:
    s = line.shadow
    # cheap tests first: a TOC line ends in a page number, a notice in 通知, a date in 日
    last = s.rstrip()[-1:]
    if (last.isdecimal() and is_toc_line(s)) or s in ("目录", "目 录"):
        line.kind = "toc"
        return
    if last == "知" and _NOTICE.search(s) and "。" not in s:
        line.kind = "notice"
        return
    if last == "日" and _DATE.match(s):
        line.kind = "date"
        return
    m = _SECTION.match(s)
    if m:
        line.kind = "section"
        line.number = cn_to_int(m.group(1) or m.group(2))
        line.content_start = m.end()
        return
    m = _SUBSECTION.match(s)
    if m:
        line.kind = "subsection"
        line.number = cn_to_int(m.group(1))
        line.content_start = m.end()
        return
    m = _ITEM.match(s)
    if m:
        line.number = int(m.group(1))
        line.content_start = m.end()
        rest = s[m.end():]
        if not rest.strip() and next_line is not None and (
            is_toc_line(next_line.shadow) or _is_title(next_line.shadow)
        ):
            line.kind = "toc"  # "1." alone, its TOC entry on the next line
        else:
            line.kind = "item"
        return
    m = _ITEM_NO_PUNCT.match(s)
    if m:
        line.kind = "item?"  # accepted only when it continues the numbering
        line.number = int(m.group(1))
        line.content_start = m.end()
        return
    m = _FIELD.match(s)
    if m:
        line.kind = "field"
        line.content_start = m.end()
        return
    if _is_title(s):
        line.kind = "compilation_title" if "汇编" in s else "title"
        return
    line.kind = "text"


def _is_title(s: str) -> bool:
    return (
        "。" not in s
        and display_width(s) <= _TITLE_MAX_WIDTH
        and bool(_TITLE_WORDS.search(s))
        and not s.startswith(("(", "（"))
        and not _ITEM.match(s)
        and not _SECTION.match(s)
    )


def _logical_lines(text: str, shadow: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw_line in text.split("\n"):
        start, end = pos, pos + len(raw_line)
        pos = end + 1
        if raw_line.strip():
            lines.append(_Line(start, end, raw_line, shadow[start:end]))
    return lines


# --- segments -------------------------------------------------------------------------


@dataclass
class _Entry:
    """A heading or item inside a segment, with the lines that make it up."""

    kind: str  # section | subsection | item
    number: int
    lines: list[_Line]
    section: int | None = None
    subsection: int | None = None
    order: int = -1  # position among the segment's entries


@dataclass
class _Segment:
    title: _Line | None = None
    front: list[_Line] = field(default_factory=list)  # notice / preamble / date lines
    entries: list[_Entry] = field(default_factory=list)
    closing: list[_Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbering_restarts: bool = False

    _last: dict[str, _Entry] = field(default_factory=dict)
    _items: list[_Entry] = field(default_factory=list)

    def add(self, entry: _Entry) -> None:
        entry.order = len(self.entries)
        self.entries.append(entry)
        self._last[entry.kind] = entry
        if entry.kind == "item":
            self._items.append(entry)

    @property
    def items(self) -> list[_Entry]:
        return self._items

    def last(self, kind: str) -> _Entry | None:
        return self._last.get(kind)

    def has_content(self) -> bool:
        return bool(self.entries)

    def is_outline(self) -> bool:
        items = self.items
        return len(items) >= 2 and not any(_entry_has_body(e) for e in items)


def _entry_has_body(e: _Entry) -> bool:
    if len(e.lines) > 1:
        return True
    first = e.lines[0]
    rest = first.shadow[first.content_start:]
    return "。" in rest or _UNIT_NOTE.search(rest) is not None


class _Parser:
    def __init__(self, text: str, shadow: str) -> None:
        self.text = text
        self.shadow = shadow
        self.segments: list[_Segment] = [_Segment()]
        self.file_parts: list[Part] = []  # toc / compilation title
        self.current: _Entry | None = None
        self.heading_since_item = False

    @property
    def seg(self) -> _Segment:
        return self.segments[-1]

    def new_segment(self) -> None:
        self.segments.append(_Segment())
        self.current = None
        self.heading_since_item = False

    # expected next numbers, for accepting inline markers and period-less items
    def expects(self, kind: str, number: int) -> bool:
        last = self.seg.last(kind)
        if kind == "item":
            if last is None:
                return number == 1 or not self.seg.entries
            return number == last.number + 1 or (number == 1 and self.heading_since_item)
        if last is None:
            return number == 1
        if kind == "subsection":
            sec = self.seg.last("section")
            new_section = sec is not None and sec.order > last.order
            return number == last.number + 1 or (number == 1 and new_section)
        return number == last.number + 1

    def run(self, lines: list[_Line]) -> None:
        for i, line in enumerate(lines):
            _classify(line, lines[i + 1] if i + 1 < len(lines) else None)
            # a character is at most one cell wide: only long lines need their width measured
            if len(line.text) < _INLINE_SPLIT_WIDTH or display_width(line.text) < _INLINE_SPLIT_WIDTH:
                self.feed(line)
            else:
                self._feed_flattened(line)

    def _feed_flattened(self, line: _Line) -> None:
        """Feed a very long line piece by piece, split at the inline markers whose number
        continues the sequence. One pass over the line: only a short window after each
        marker is classified, and each piece is copied once, so the cost stays linear."""
        head = line  # classification of the piece being read (kind, number, content_start)
        piece = 0  # where that piece starts inside the line
        for m in _INLINE_MARKER.finditer(line.shadow, line.content_start + 1):
            if m.start() <= piece + head.content_start:
                continue
            window = slice(m.start(), m.start() + _PROBE_WIDTH)
            probe = _Line(line.start + m.start(), line.end, line.text[window], line.shadow[window])
            _classify(probe, None)
            if probe.kind not in ("section", "subsection", "item") or probe.number is None:
                continue
            if self._continues(head, probe):
                self.feed(self._piece(line, piece, m.start(), head))
                head, piece = probe, m.start()
        self.feed(line if piece == 0 else self._piece(line, piece, len(line.text), head))

    @staticmethod
    def _piece(line: _Line, start: int, end: int, cls: _Line) -> _Line:
        text = line.text[start:end].rstrip()
        out = _Line(line.start + start, line.start + start + len(text), text,
                    line.shadow[start:start + len(text)])
        out.kind, out.number, out.content_start = cls.kind, cls.number, cls.content_start
        return out

    def _continues(self, head: _Line, probe: _Line) -> bool:
        kind, n = probe.kind, probe.number
        assert n is not None
        if head.kind == kind and head.number is not None:
            return n == head.number + 1
        if head.kind == "section" and kind in ("item", "subsection"):
            return n == 1 or (kind == "item" and self.expects("item", n))
        if head.kind == "subsection" and kind == "item":
            return n == 1 or self.expects("item", n)
        if head.kind == "item" and kind in ("section", "subsection"):
            return self.expects(kind, n) or n == 1 and kind == "subsection"
        return self.expects(kind, n)

    # -- feeding lines ------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        kind = line.kind
        seg = self.seg
        if kind == "item?":
            if line.number is not None and seg.items and self.expects("item", line.number):
                line.kind = kind = "item"
            else:
                line.kind = kind = "text"
        if kind == "toc":
            self.file_parts.append(Part("toc", line.start, line.end))
            self.current = None
            return
        if kind == "compilation_title":
            if seg.has_content():
                self.new_segment()
            self.file_parts.append(Part("compilation_title", line.start, line.end))
            return
        if kind == "title":
            if seg.has_content() or seg.title is not None:
                self.new_segment()
            self.seg.title = line
            return
        if kind == "notice":
            if seg.has_content():
                self.new_segment()
            self.seg.front.append(line)
            return
        if kind == "section":
            self._section(line)
            return
        if kind == "subsection":
            self._subsection(line)
            return
        if kind == "item":
            self._item(line)
            return
        # field / text / date: continuation of the current entry, or front matter
        if self.current is not None and (self.current.kind == "item" or kind != "date"):
            self.current.lines.append(line)
        elif seg.entries and kind == "date":
            seg.closing.append(line)
        else:
            seg.front.append(line)

    def _section(self, line: _Line) -> None:
        n = line.number
        assert n is not None
        seg = self.seg
        last = seg.last("section")
        if (last is not None and n <= last.number) or (last is None and seg.items and n == 1):
            self.new_segment()
        entry = _Entry("section", n, [line], section=n)
        self.seg.add(entry)
        self.current = entry
        self.heading_since_item = True

    def _subsection(self, line: _Line) -> None:
        n = line.number
        assert n is not None
        seg = self.seg
        last_sub = seg.last("subsection")
        last_sec = seg.last("section")
        new_section = last_sec is not None and (last_sub is None or last_sec.order > last_sub.order)
        if last_sub is not None and n <= last_sub.number and not new_section:
            self.new_segment()
        elif n == 1 and last_sub is None and not new_section and seg.items:
            # items came before the first (一) of this section: a new plan begins
            since = last_sec.order if last_sec is not None else -1
            if seg.items[-1].order > since:
                self.new_segment()
        sec = self.seg.last("section")
        entry = _Entry("subsection", n, [line], section=sec.number if sec else None)
        self.seg.add(entry)
        self.current = entry
        self.heading_since_item = True

    def _item(self, line: _Line) -> None:
        n = line.number
        assert n is not None
        seg = self.seg
        last = seg.last("item")
        if last is not None:
            if n == last.number + 1:
                pass
            elif n == 1 and self.heading_since_item:
                seg.numbering_restarts = True
            elif n == 1 or n <= last.number:
                self.new_segment()
        seg = self.seg
        sec = seg.last("section")
        sub = seg.last("subsection")
        if sub is not None and sec is not None and sec.order > sub.order:
            sub = None  # the sub-section belongs to an earlier section
        entry = _Entry(
            "item", n, [line],
            section=sec.number if sec else None,
            subsection=sub.number if sub else None,
        )
        seg.add(entry)
        self.current = entry
        self.heading_since_item = False


# --- building documents ------------------------------------------------------------------


def _ranges(numbers: Any) -> str:
    nums = sorted(set(numbers))
    out, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def _items_are(numbers: list[int]) -> str:
    """'item 27 is' / 'items 2–20, 22 are'."""
    return f"item {numbers[0]} is" if len(numbers) == 1 else f"items {_ranges(numbers)} are"


def split_units(note: str) -> list[str]:
    """Split a responsibility note into units, lead unit first.

    Splits at 、 , ， ; ； outside parentheses and drops labels such as 配合单位:.

    >>> split_units("牵头单位:组织处(机关党委);配合单位:发规处、各学校")
    ['组织处(机关党委)', '发规处', '各学校']
    """
    units: list[str] = []
    depth, cur = 0, []
    # labels are found on the Simplified shadow, so 配合單位: is dropped too
    shadow = to_simplified(note)
    for m in reversed(list(_UNIT_LABEL.finditer(shadow))):
        note = note[:m.start()] + "、" + note[m.end():]
    for ch in note:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、,，;；/":
            units.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    units.append("".join(cur))
    return [u.strip().strip("。.") for u in units if u.strip().strip("。.")]


def _build_item(e: _Entry, source: str) -> Item:
    first = e.lines[0]
    head = first.text[first.content_start:].strip()
    head_shadow = first.shadow[first.content_start:].strip()
    units: list[str] = []
    fields: dict[str, str] = {}
    body_lines: list[str] = []
    # the responsibility note at the end of the item's last running-text line
    lines_text = [(ln.text, ln.shadow, ln.kind, ln.content_start) for ln in e.lines[1:]]
    title_own_line = bool(lines_text) and "。" not in head_shadow.rstrip("。")
    all_text = [(head, head_shadow, "head", 0)] + lines_text
    for idx, (t, sh, kind, cstart) in enumerate(all_text):
        if kind == "field":
            m = _FIELD.match(sh)
            assert m is not None
            label = CANONICAL_FIELDS[m.group(1)]
            value = t[m.end():].strip()
            fields[label] = value
            if label in _UNIT_FIELDS:
                units.extend(split_units(value))
                all_text[idx] = ("", "", kind, cstart)
            else:  # the label is kept in ``fields``; the text keeps the value only
                all_text[idx] = (value, sh[m.end():].strip(), kind, cstart)
            continue
        note = _UNIT_NOTE.search(sh)
        if note:
            units.extend(split_units(t[note.start(1):note.end(1)]))
            stop = note.group(2)  # a 。 after the note ends the sentence: keep it
            all_text[idx] = (t[:note.start()].rstrip() + stop, sh[:note.start()].rstrip() + stop, kind, cstart)
    head, head_shadow = all_text[0][0], all_text[0][1]
    rest = [t for t, _, _, _ in all_text[1:] if t]
    if title_own_line:
        title = head.rstrip("。")
        body_lines = rest
    else:
        m = _SENTENCE_STOP.search(head_shadow)
        if m:
            title = head[:m.start()]
            first_body = head[m.end():].strip()
        else:
            title, first_body = head, ""
        body_lines = ([first_body] if first_body else []) + rest
    body = "\n".join(body_lines)
    text = title + ("。" if body and not title_own_line else "\n" if body else "") + body
    return Item(
        number=e.number,
        title=title.strip(),
        text=text.strip(),
        body=body.strip(),
        section=e.section,
        subsection=e.subsection,
        responsible_units=units,
        fields=fields,
        has_body=_entry_has_body(e),
        source=source,
        start=first.start,
        end=e.lines[-1].end,
        title_own_line=title_own_line,
    )


def _heading_title(e: _Entry) -> tuple[str, str]:
    """(title, run-in text) of a section/sub-section heading line."""
    first = e.lines[0]
    rest = first.text[first.content_start:].strip()
    m = _SENTENCE_STOP.search(first.shadow[first.content_start:].strip())
    if m and m.end() < len(rest):
        return rest[:m.start()], rest[m.end():]
    return rest.rstrip("。"), ""


def _norm_title(s: str) -> str:
    return re.sub(r"[\s“”\"'。,，、:：;；()（）]", "", s)


def _entry_title(e: _Entry) -> str:
    """The item's title, normalised for matching outline and body (cheap)."""
    first = e.lines[0]
    head = first.shadow[first.content_start:]
    cut = head.find("。")
    title = head if cut < 0 or len(e.lines) > 1 and "。" not in head.rstrip("。") else head[:cut]
    return _norm_title(_UNIT_NOTE.sub("", title))


def _match_score(outline_titles: set[str], body_titles: list[str]) -> float:
    if not body_titles or not outline_titles:
        return 0.0
    return sum(1 for t in body_titles if t in outline_titles) / len(body_titles)


_NOTICE_DATE_FMT = "{:04d}-{:02d}-{:02d}"


def _parse_date(s: str) -> str | None:
    m = _DATE.match(s)
    if not m:
        return None
    y, mo, d = m.groups()
    year = cn_to_int(y)  # 2023 or 二〇二三 (read digit by digit)
    return _NOTICE_DATE_FMT.format(year, cn_to_int(mo), cn_to_int(d))


def _assemble(
    index: int,
    outline: _Segment | None,
    body: _Segment | None,
    parts: list[Part],
) -> Document:
    warnings: list[str] = []
    main = body or outline
    assert main is not None
    n_before = len(parts)  # parts appended from here on belong to this document
    title_line = (body.title if body and body.title else None) or (outline.title if outline else None)
    title = title_line.text.strip() if title_line else None
    # front matter: notice lines before the title, preamble after it
    front_parts: list[Part] = []
    notice_date = None
    front_texts: list[tuple[str, Part]] = []
    for seg in (outline, body):
        if seg is None:
            continue
        has_notice = any(ln.kind == "notice" for ln in seg.front)
        title_pos = seg.title.start if seg.title else -1
        seen_texts: list[tuple[str, Part]] = []
        for ln in seg.front:
            if ln.kind == "date" and notice_date is None:
                notice_date = _parse_date(ln.shadow)
            kind = "notice" if has_notice and ln.start < title_pos else "preamble"
            part = Part(kind, ln.start, ln.end, index)
            # a paragraph the site shows twice (summary, then the full text)
            for prev_text, prev_part in seen_texts:
                if len(prev_text) >= 15 and (
                    ln.text == prev_text or ln.text.startswith(prev_text.rstrip("…. "))
                ):
                    prev_part.kind = "duplicate"
                    warnings.append(f"paragraph repeated (first copy kept apart): {prev_text[:30]}…")
            seen_texts.append((ln.text, part))
            front_parts.append(part)
            front_texts.append((ln.text, part))
        if seg.title:
            parts.append(Part("title", seg.title.start, seg.title.end, index))
        for ln in seg.closing:
            parts.append(Part("closing", ln.start, ln.end, index))
            if notice_date is None:
                notice_date = _parse_date(ln.shadow)
        warnings.extend(seg.warnings)
    parts.extend(front_parts)
    preamble = "\n".join(t for t, p in front_texts if p.kind == "preamble")

    # headings and items, body preferred over outline
    sections: dict[int, Section] = {}
    subsections: dict[tuple[int | None, int], Subsection] = {}
    items: dict[tuple[int | None, int], Item] = {}
    body_numbers: set[tuple[int | None, int]] = set()
    restarts = any(s.numbering_restarts for s in (outline, body) if s is not None)

    def item_key(e: _Entry) -> tuple[int | None, int]:
        return (e.section if restarts else None, e.number)

    for seg, source in ((body, "body"), (outline, "outline")):
        if seg is None:
            continue
        for e in seg.entries:
            if e.kind == "item":
                if item_key(e) in items:
                    if source == "outline":
                        _mark(parts, e, index, "outline")
                        continue
                    warnings.append(f"item {e.number} appears twice; the first is kept")
                    _mark(parts, e, index, "unassigned")
                    continue
                items[item_key(e)] = _build_item(e, source)
                if source == "body":
                    body_numbers.add(item_key(e))
                _mark(parts, e, index, "item")
            else:
                title_text, runin = _heading_title(e)
                if e.kind == "section":
                    key_s = e.number
                    if key_s in sections:
                        _mark(parts, e, index, "outline" if source == "outline" else "unassigned")
                        if source == "body":
                            warnings.append(f"section {e.number} appears twice")
                        continue
                    sections[key_s] = Section(e.number, title_text, e.lines[0].start)
                else:
                    key = (e.section, e.number)
                    if key in subsections:
                        _mark(parts, e, index, "outline" if source == "outline" else "unassigned")
                        if source == "body":
                            warnings.append(f"sub-section ({e.number}) appears twice")
                        continue
                    subsections[key] = Subsection(e.section, e.number, title_text, e.lines[0].start)
                parts.append(Part("heading", e.lines[0].start, e.lines[0].end, index,
                                  f"{e.kind} {e.number}"))
                for ln in e.lines[1:]:
                    parts.append(Part("section_text", ln.start, ln.end, index))
                _ = runin
    if outline is not None and body is not None:
        only_body = sorted(n for _, n in body_numbers - {item_key(e) for e in outline.items})
        only_outline = sorted(n for _, n in {item_key(e) for e in outline.items} - body_numbers)
        if only_body:
            warnings.append(f"{_items_are(only_body)} in the body but not in the outline")
        if only_outline:
            warnings.append(
                f"{_items_are(only_outline)} in the outline but not in the body "
                "(title only)"
            )
    item_list = sorted(items.values(), key=lambda i: (i.section or 0, i.number) if restarts
                       else (i.number, 0))
    # run-in (一) headings carry the text when a plan has no numbered items
    sub_list = sorted(subsections.values(), key=lambda s: (s.start))
    if not item_list and sub_list:
        runin_items = _runin_items(main, index, parts[n_before:])
        if runin_items:
            item_list = runin_items
            sub_list = []
            warnings.append("no numbered items: run-in (一) sub-sections are used as items")
    nums = [i.number for i in item_list]
    for a, b in zip(nums, nums[1:]):
        if b > a + 1 and not restarts:
            msg = f"items {_ranges(range(a + 1, b))} missing"
            if not any(msg in w for w in warnings):
                warnings.append(f"item numbering jumps from {a} to {b} ({msg})")
    if nums and nums[0] != 1 and not restarts:
        warnings.append(f"numbering starts at item {nums[0]}: the document may be partial")
    if not item_list and not sections:
        warnings.append("no sections or numbered items found: no recognisable structure")
    year = None
    if title:
        m = _YEAR_IN_TITLE.search(title)
        year = int(m.group(1)) if m else None
    if year is None and notice_date:
        year = int(notice_date[:4])
    with_body = sum(1 for i in item_list if i.has_body)
    sec_nums = sorted(sections)
    if item_list and with_body == 0:
        completeness = "outline-only"
    elif item_list and with_body < 0.5 * len(item_list):
        completeness = "outline-only"
    elif (nums and nums[0] != 1 and not restarts) or (
        sec_nums and sec_nums[0] != 1
    ):
        completeness = "partial"
    elif not item_list:
        completeness = "partial" if sections else ""
    else:
        completeness = "full"
    spans = parts[n_before:]
    return Document(
        index=index,
        title=title,
        year=year,
        notice_date=notice_date,
        sections=sorted(sections.values(), key=lambda s: s.start),
        subsections=sorted(subsections.values(), key=lambda s: s.start) if sub_list else [],
        items=item_list,
        preamble=preamble,
        completeness=completeness,
        has_outline=outline is not None,
        has_body=body is not None,
        warnings=warnings,
        start=min((p.start for p in spans), default=-1),
        end=max((p.end for p in spans), default=-1),
    )


def _runin_items(seg: _Segment, index: int, parts: list[Part]) -> list[Item]:
    items = []
    for e in seg.entries:
        if e.kind != "subsection":
            continue
        it = _build_item(e, "body")
        it.section, it.subsection = e.section, None
        items.append(it)
        for p in parts:  # this document's parts only
            if e.lines[0].start <= p.start < e.lines[-1].end + 1:
                p.kind = "item"
                p.ref = f"item {e.number}"
    return items


def _mark(parts: list[Part], e: _Entry, index: int, kind: str) -> None:
    for ln in e.lines:
        parts.append(Part(kind, ln.start, ln.end, index, f"{e.kind} {e.number}"))


def parse_clean(
    clean: CleanText, source: str = "<text>", encoding: str | None = None
) -> ParsedPlan:
    """Parse an already cleaned text (see :func:`parse_plan`)."""
    text = clean.text
    script = detect_script(text)
    shadow = to_simplified(text) if script == "traditional" else text
    parser = _Parser(text, shadow)
    parser.run(_logical_lines(text, shadow))
    segments = [s for s in parser.segments if s.has_content() or s.title or s.front]
    parts: list[Part] = list(parser.file_parts)

    # pair body segments with the outline segment that lists their items
    outlines = [s for s in segments if s.is_outline()]
    bodies = [s for s in segments if not s.is_outline()]
    pairs: dict[int, _Segment] = {}  # id(outline) -> body
    titles = {id(s): [_entry_title(e) for e in s.items] for s in outlines + bodies}
    title_sets = {id(o): set(titles[id(o)]) for o in outlines}
    position = {id(s): k for k, s in enumerate(segments)}
    for b in bodies:
        best, best_score = None, 0.0
        # the outline of a compilation lists its plans in order: look at the
        # nearest unmatched outlines only, so matching stays linear
        candidates = sorted((o for o in outlines if id(o) not in pairs),
                            key=lambda o: (abs(position[id(o)] - position[id(b)]), position[id(o)]))
        for o in candidates[:_MATCH_WINDOW]:
            score = _match_score(title_sets[id(o)], titles[id(b)])
            if score > best_score:
                best, best_score = o, score
        if best is not None and best_score >= 0.5:
            pairs[id(best)] = b
    paired_bodies = {id(b) for b in pairs.values()}
    docs: list[Document] = []
    warnings: list[str] = []
    order = [s for s in segments if id(s) not in paired_bodies]
    outline_ids = {id(o) for o in outlines}
    for k, seg in enumerate(order, start=1):
        if id(seg) in outline_ids:
            outline, body = seg, pairs.get(id(seg))
        else:
            outline, body = None, seg
        n_before = len(parts)
        doc = _assemble(k, outline, body, parts)
        if not doc.items and not doc.sections and not doc.subsections:
            # nothing recognisable: what it holds stays unassigned, and is reported
            for p in parts[n_before:]:
                if p.kind in ("preamble", "notice", "section_text"):
                    p.kind = "unassigned"
        docs.append(doc)
    _titles_from_toc(text, parser.file_parts, docs)
    parts.sort(key=lambda p: (p.start, p.end))
    _check_accounting(text, parts)
    n_unassigned = sum(p.end - p.start for p in parts if p.kind == "unassigned")
    if n_unassigned:
        warnings.append(f"{n_unassigned} characters could not be placed (unassigned)")
    if not docs:
        warnings.append("no text to parse")
    return ParsedPlan(source, encoding, script, clean, docs, parts, warnings)


_TOC_ENTRY = re.compile(r"^(?:(\d{1,2})\s*[.．、]\s*)?(.*?)[\s.…·]*(\d{1,3})$")


def _titles_from_toc(text: str, toc_parts: list[Part], docs: list[Document]) -> None:
    """Give untitled documents of a compilation the title its table of contents lists.

    Used only when the TOC numbers its entries 1..N and the file holds N documents.
    """
    entries: dict[int, str] = {}
    pending: int | None = None
    for p in toc_parts:
        if p.kind != "toc":
            continue
        line = text[p.start:p.end].strip()
        bare = re.fullmatch(r"(\d{1,2})\s*[.．、]", line)
        if bare:
            pending = int(bare.group(1))
            continue
        m = _TOC_ENTRY.match(line)
        if not m or not m.group(2):
            pending = None
            continue
        number = int(m.group(1)) if m.group(1) else pending
        pending = None
        if number is not None:
            entries.setdefault(number, m.group(2).strip())
    if not entries or sorted(entries) != list(range(1, len(docs) + 1)):
        return
    for doc in docs:
        if doc.title is None:
            doc.title = entries[doc.index]
            doc.warnings.append("title taken from the table of contents")
            m = _YEAR_IN_TITLE.search(doc.title)
            if doc.year is None and m:
                doc.year = int(m.group(1))


def _check_accounting(text: str, parts: list[Part]) -> None:
    """Every non-blank character belongs to exactly one part (the parser's invariant)."""
    pos = 0
    for p in parts:
        if p.start < pos:
            raise AssertionError(f"parts overlap at {p.start}: {text[p.start:p.end][:30]!r}")
        if text[pos:p.start].strip():
            raise AssertionError(f"characters not in any part at {pos}: {text[pos:p.start][:30]!r}")
        pos = p.end
    if text[pos:].strip():
        raise AssertionError(f"characters not in any part at {pos}: {text[pos:][:30]!r}")


def parse_plan(text: str, source: str = "<text>", encoding: str | None = None,
               target: str | None = "half") -> ParsedPlan:
    """Clean and parse the text of one file (one or several plans).

    ``target`` is the punctuation width passed to :func:`wpanalysis.clean.clean_text`.
    """
    return parse_clean(clean_text(text, target=target), source, encoding)  # type: ignore[arg-type]
