"""Structure stage: cleaned text → documents → sections → sub-sections → items.

The parser reads the cleaned text line by line (very long lines of flattened
web copies are split at structure markers whose number continues the
sequence) and classifies each line: plan title, notice, date, TOC line,
section heading (``一、`` / ``第一部分``), sub-section (``(一)``), numbered item
(``1.`` ``1．`` ``1、`` ``1﹒`` and the period-less ``27构建`` when 27 is the
next number), labelled field (``问题描述:``…) or running text (the classification
is in :mod:`wpanalysis.linekinds`).

Documents are found from the text alone: a new plan title, or numbering that
restarts (``一、`` after ``五、``, ``1.`` after ``34.`` with no heading between)
opens a new *segment*. A segment whose items carry no body text is an
*outline*; a body segment whose item titles are found in an outline is merged
with it, so each item is counted once (its outline line becomes an
``outline`` part) and outline-only plans keep their titles.

Every non-blank character of the cleaned text belongs to exactly one
:class:`Part`; what could not be placed is an ``unassigned`` part and is
reported. :func:`parse_plan` is the entry point; the patterns are
:mod:`wpanalysis.grammar`'s and the result objects :mod:`wpanalysis.plan`'s.

>>> plan = parse_plan("2024年工作要点\\n一、总体要求\\n1.加强党建。抓好支部。(责任单位:组织科、各学校)\\n")
>>> [(i.number, i.title, i.responsible_units) for i in plan.documents[0].items]
[(1, '加强党建', ['组织科', '各学校'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import webcopy as web
from .clean import CleanText, clean_text
from .grammar import (
    CANONICAL_FIELDS,
    FIELD,
    UNIT_FIELDS,
    UNIT_LABEL,
    UNIT_NOTE,
    YEAR_IN_TITLE,
    parse_date,
)
from .linekinds import Line as _Line
from .linekinds import classify as _classify
from .linekinds import logical_lines as _logical_lines
from .plan import Document, Item, ParsedPlan, Part, Section, SourceInfo, Subsection
from .script import detect_script, display_width, to_simplified
from .toc import titles_from_toc

__all__ = ["parse_plan", "parse_clean", "split_units"]

_SENTENCE_STOP = re.compile(r"[。]")
_INLINE_SPLIT_WIDTH = 120  # a web paragraph holding two or three items is this wide
_PROBE_WIDTH = 64  # characters after an inline marker that decide what it opens
_MATCH_WINDOW = 8


# --- segments -------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """A heading or item inside a segment, with the lines that make it up."""

    kind: str  # section | subsection | item
    number: int
    lines: list[_Line]
    section: int | None = None
    subsection: int | None = None
    order: int = -1  # position among the segment's entries


@dataclass(slots=True)
class _Segment:
    title: _Line | None = None
    headline: _Line | None = None  # a web page's headline that repeats the title
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
    return "。" in rest or UNIT_NOTE.search(rest) is not None


class _Parser:
    """Feeds classified lines into segments: a new segment opens where a plan title appears
    or the numbering restarts (see the module docstring)."""

    def __init__(self) -> None:
        self.segments: list[_Segment] = [_Segment()]
        self.file_parts: list[Part] = []  # toc / compilation title
        self.malformed: list[_Line] = []  # headings whose numeral is no numeral (reported)
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

    # -- feeding lines ------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        if line.kind == "item?":
            accept = line.number is not None and self.seg.items and self.expects("item", line.number)
            line.kind = "item" if accept else "text"
        opener = self._OPENERS.get(line.kind)
        if opener is not None:
            opener(self, line)
            return
        # field / text / date: continuation of the current entry, or front matter
        seg = self.seg
        if self.current is not None and (self.current.kind == "item" or line.kind != "date"):
            self.current.lines.append(line)
        elif seg.entries and line.kind == "date":
            seg.closing.append(line)
        else:
            seg.front.append(line)

    def _toc(self, line: _Line) -> None:
        self.file_parts.append(Part("toc", line.start, line.end))
        self.current = None

    def _compilation_title(self, line: _Line) -> None:
        if self.seg.has_content():
            self.new_segment()
        self.file_parts.append(Part("compilation_title", line.start, line.end))

    def _title(self, line: _Line) -> None:
        seg = self.seg
        if seg.title is not None and seg.headline is None and not seg.has_content() and web.repeats_headline(
                seg.title.shadow, line.shadow, any(ln.kind == "notice" for ln in seg.front)):
            seg.headline, seg.title = seg.title, line  # headline, meta line, notice, then the plan
            return
        if self.seg.has_content() or self.seg.title is not None:
            self.new_segment()
        self.seg.title = line

    def _notice(self, line: _Line) -> None:
        if self.seg.has_content():
            self.new_segment()
        self.seg.front.append(line)

    def _section(self, line: _Line) -> None:
        n = line.number
        assert n is not None
        seg = self.seg
        last = seg.last("section")
        if (last is not None and n <= last.number) or (last is None and seg.items and n == 1):
            self.new_segment()
        self._open(_Entry("section", n, [line], section=n))

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
        self._open(_Entry("subsection", n, [line], section=sec.number if sec else None))

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
        self._open(_Entry("item", n, [line], section=sec.number if sec else None,
                          subsection=sub.number if sub else None))

    def _open(self, entry: _Entry) -> None:
        self.seg.add(entry)
        self.current = entry
        self.heading_since_item = entry.kind != "item"

    # the kinds of line that open something (a file-level part, a segment, an entry)
    _OPENERS = {"toc": _toc, "compilation_title": _compilation_title, "title": _title, "notice": _notice,
                "section": _section, "subsection": _subsection, "item": _item}


# --- reading lines --------------------------------------------------------------------------


def _read_lines(lines: list[_Line]) -> _Parser:
    """Classify and feed every line; very long lines are fed piece by piece."""
    parser = _Parser()
    for i, line in enumerate(lines):
        _classify(line, lines[i + 1] if i + 1 < len(lines) else None)
        if line.malformed is not None:
            parser.malformed.append(line)
        # only where a flattened copy starts, or in a line too long to be a sentence of the plan
        cut = web.glued_title_end(line.shadow) if i == 0 or len(line.text) >= _INLINE_SPLIT_WIDTH else None
        if cut:  # a flattened copy: the title glued to the text after it
            parser.feed(_Line(line.start, line.start + cut, line.text[:cut], line.shadow[:cut], "title"))
            line = _Line(line.start + cut, line.end, line.text[cut:], line.shadow[cut:])
            _classify(line, None)
        # a character is at most one cell wide: only long lines need their width measured
        if (len(line.text) < _INLINE_SPLIT_WIDTH or display_width(line.text) < _INLINE_SPLIT_WIDTH) and not (
                "责任" in line.shadow and web.NOTE_THEN_MARKER.search(line.shadow)):
            parser.feed(line)
        else:
            _feed_flattened(parser, line)
    return parser


def _feed_flattened(parser: _Parser, line: _Line) -> None:
    """Feed a very long line piece by piece, split at the inline markers whose number
    continues the sequence. One pass over the line: only a short window after each
    marker is classified, and each piece is copied once, so the cost stays linear."""
    head = line  # classification of the piece being read (kind, number, content_start)
    piece = 0  # where that piece starts inside the line
    for m in web.inline_markers(line.shadow, line.content_start + 1):
        if m.start() <= piece + head.content_start:
            continue
        window = slice(m.start(), m.start() + _PROBE_WIDTH)
        probe = _Line(line.start + m.start(), line.end, line.text[window], line.shadow[window])
        _classify(probe, None)
        if probe.kind not in ("section", "subsection", "item") or probe.number is None:
            continue
        if _continues(parser, head, probe):
            parser.feed(_piece(line, piece, m.start(), head))
            head, piece = probe, m.start()
    parser.feed(line if piece == 0 else _piece(line, piece, len(line.text), head))


def _piece(line: _Line, start: int, end: int, cls: _Line) -> _Line:
    """``line[start:end]`` as a line of its own, classified as ``cls``."""
    text = line.text[start:end].rstrip()
    out = _Line(line.start + start, line.start + start + len(text), text, line.shadow[start:start + len(text)])
    out.kind, out.number, out.content_start = cls.kind, cls.number, cls.content_start
    return out


def _continues(parser: _Parser, head: _Line, probe: _Line) -> bool:
    """Does the marker ``probe`` continue the numbering after the piece ``head``?"""
    kind, n = probe.kind, probe.number
    assert n is not None
    if head.kind == kind and head.number is not None:
        return n == head.number + 1
    if head.kind == "section" and kind in ("item", "subsection"):
        return n == 1 or (kind == "item" and parser.expects("item", n))
    if head.kind == "subsection" and kind == "item":
        return n == 1 or parser.expects("item", n)
    if head.kind == "item" and kind in ("section", "subsection"):
        return parser.expects(kind, n) or n == 1 and kind == "subsection"
    return parser.expects(kind, n)


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
    for m in reversed(list(UNIT_LABEL.finditer(shadow))):
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
            m = FIELD.match(sh)
            assert m is not None
            label = CANONICAL_FIELDS[m.group(1)]
            value = t[m.end():].strip()
            fields[label] = value
            if label in UNIT_FIELDS:
                units.extend(split_units(value))
                all_text[idx] = ("", "", kind, cstart)
            else:  # the label is kept in ``fields``; the text keeps the value only
                all_text[idx] = (value, sh[m.end():].strip(), kind, cstart)
            continue
        note = UNIT_NOTE.search(sh)
        if note:
            units.extend(split_units(t[note.start(1):note.end(1)]))
            stop = note.group(2)  # a 。 after the note ends the sentence: keep it
            all_text[idx] = (t[:note.start()].rstrip() + stop, sh[:note.start()].rstrip() + stop, kind, cstart)
        elif idx == len(all_text) - 1 and (cut := web.cut_unit_note(sh)):  # the copy stops inside the note
            units.extend(split_units(t[cut[1]:].rstrip().rstrip("….")))
            all_text[idx] = (t[:cut[0]].rstrip(), sh[:cut[0]].rstrip(), kind, cstart)
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


def _heading_title(e: _Entry) -> str:
    """The title of a section/sub-section heading line (without the run-in text after 。)."""
    first = e.lines[0]
    rest = first.text[first.content_start:].strip()
    m = _SENTENCE_STOP.search(first.shadow[first.content_start:].strip())
    if m and m.end() < len(rest):
        return rest[:m.start()]
    return rest.rstrip("。")


def _norm_title(s: str) -> str:
    return re.sub(r"[\s“”\"'。,，、:：;；()（）]", "", s)


def _entry_title(e: _Entry) -> str:
    """The item's title, normalised for matching outline and body (cheap)."""
    first = e.lines[0]
    head = first.shadow[first.content_start:]
    cut = head.find("。")
    title = head if cut < 0 or len(e.lines) > 1 and "。" not in head.rstrip("。") else head[:cut]
    return _norm_title(UNIT_NOTE.sub("", title))


def _match_score(outline_titles: set[str], body_titles: list[str]) -> float:
    if not body_titles or not outline_titles:
        return 0.0
    return sum(1 for t in body_titles if t in outline_titles) / len(body_titles)


# --- assembling a document -------------------------------------------------------------------

_Key = tuple[int | None, int]  # an item's key: (section, number) when numbering restarts per section


@dataclass
class _Entries:
    """The headings and items of one document, body preferred over outline."""

    sections: dict[int, Section] = field(default_factory=dict)
    subsections: dict[_Key, Subsection] = field(default_factory=dict)
    items: dict[_Key, Item] = field(default_factory=dict)
    body_keys: set[_Key] = field(default_factory=set)


def _assemble(index: int, outline: _Segment | None, body: _Segment | None, parts: list[Part]) -> Document:
    """One document from its outline and/or body segment; its parts are appended to ``parts``."""
    warnings: list[str] = []
    main = body or outline
    assert main is not None
    n_before = len(parts)  # parts appended from here on belong to this document
    title_line = (body.title if body and body.title else None) or (outline.title if outline else None)
    title = title_line.text.strip() if title_line else None
    headline = (body.headline if body and body.headline else None) or (outline.headline if outline else None)
    preamble, notice_date = _front_matter(index, outline, body, parts, warnings)
    restarts = any(s.numbering_restarts for s in (outline, body) if s is not None)
    found = _collect_entries(index, outline, body, parts, warnings, restarts)
    if outline is not None and body is not None:
        warnings.extend(_outline_mismatch(outline, found.body_keys, restarts))
    item_list = sorted(found.items.values(), key=lambda i: (i.section or 0, i.number) if restarts
                       else (i.number, 0))
    # run-in (一) headings carry the text when a plan has no numbered items
    sub_list = sorted(found.subsections.values(), key=lambda s: (s.start))
    if not item_list and sub_list:
        runin_items = _runin_items(main, index, parts[n_before:])
        if runin_items:
            item_list = runin_items
            sub_list = []
            warnings.append("no numbered items: run-in (一) sub-sections are used as items")
    _numbering_warnings(item_list, found.sections, restarts, warnings)
    spans = parts[n_before:]
    return Document(
        index=index,
        title=title,
        year=_year(title, notice_date),
        notice_date=notice_date,
        sections=sorted(found.sections.values(), key=lambda s: s.start),
        subsections=sorted(found.subsections.values(), key=lambda s: s.start) if sub_list else [],
        items=item_list,
        preamble=preamble,
        completeness=_completeness(item_list, found.sections, restarts),
        has_outline=outline is not None,
        has_body=body is not None,
        warnings=warnings,
        start=min((p.start for p in spans), default=-1),
        end=max((p.end for p in spans), default=-1),
        source_headline=headline.text.strip() if headline else None,
    )


def _front_matter(index: int, outline: _Segment | None, body: _Segment | None, parts: list[Part],
                  warnings: list[str]) -> tuple[str, str | None]:
    """Parts for the titles, notice lines (before the title), preamble (after it) and closing
    lines; returns the preamble and the notice date."""
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
                notice_date = parse_date(ln.shadow)
            kind = "notice" if has_notice and ln.start < title_pos else "preamble"
            part = Part(kind, ln.start, ln.end, index)
            _mark_repeated(ln.text, seen_texts, warnings)
            seen_texts.append((ln.text, part))
            front_parts.append(part)
            front_texts.append((ln.text, part))
        if seg.title:
            parts.append(Part("title", seg.title.start, seg.title.end, index))
        if seg.headline:
            parts.append(Part("headline", seg.headline.start, seg.headline.end, index))
        for ln in seg.closing:
            parts.append(Part("closing", ln.start, ln.end, index))
            if notice_date is None:
                notice_date = parse_date(ln.shadow)
        warnings.extend(seg.warnings)
    parts.extend(front_parts)
    return "\n".join(t for t, p in front_texts if p.kind == "preamble"), notice_date


def _mark_repeated(text: str, seen: list[tuple[str, Part]], warnings: list[str]) -> None:
    """A paragraph the site shows twice (summary, then the full text): the first copy is a duplicate."""
    for prev_text, prev_part in seen:
        if len(prev_text) >= 15 and (text == prev_text or text.startswith(prev_text.rstrip("…. "))):
            prev_part.kind = "duplicate"
            warnings.append(f"paragraph repeated (first copy kept apart): {prev_text[:30]}…")


def _item_key(e: _Entry, restarts: bool) -> _Key:
    return (e.section if restarts else None, e.number)


def _collect_entries(index: int, outline: _Segment | None, body: _Segment | None, parts: list[Part],
                     warnings: list[str], restarts: bool) -> _Entries:
    """Headings and items of the body, then those only the outline has; each line becomes a part."""
    found = _Entries()
    for seg, source in ((body, "body"), (outline, "outline")):
        if seg is None:
            continue
        for e in seg.entries:
            if e.kind == "item":
                _collect_item(e, source, found, index, parts, warnings, restarts)
            else:
                _collect_heading(e, source, found, index, parts, warnings)
    return found


def _collect_item(e: _Entry, source: str, found: _Entries, index: int, parts: list[Part],
                  warnings: list[str], restarts: bool) -> None:
    key = _item_key(e, restarts)
    if key in found.items:
        if source == "outline":
            _mark(parts, e, index, "outline")
            return
        warnings.append(f"item {e.number} appears twice; the first is kept")
        _mark(parts, e, index, "unassigned")
        return
    found.items[key] = _build_item(e, source)
    if web.cut_unit_note(e.lines[-1].shadow):
        kept = "、".join(found.items[key].responsible_units)
        warnings.append(f"item {e.number}: the responsibility note is cut at the end of the text (no closing "
                        f"parenthesis); the units before the cut are kept: {kept}")
    if source == "body":
        found.body_keys.add(key)
    _mark(parts, e, index, "item")


def _collect_heading(e: _Entry, source: str, found: _Entries, index: int, parts: list[Part],
                     warnings: list[str]) -> None:
    seen: dict
    if e.kind == "section":
        key, seen, what = e.number, found.sections, f"section {e.number}"
    else:
        key, seen, what = (e.section, e.number), found.subsections, f"sub-section ({e.number})"
    if key in seen:
        _mark(parts, e, index, "outline" if source == "outline" else "unassigned")
        if source == "body":
            warnings.append(f"{what} appears twice")
        return
    title, start = _heading_title(e), e.lines[0].start
    seen[key] = (Section(e.number, title, start) if e.kind == "section"
                 else Subsection(e.section, e.number, title, start))
    parts.append(Part("heading", e.lines[0].start, e.lines[0].end, index, f"{e.kind} {e.number}"))
    for ln in e.lines[1:]:
        parts.append(Part("section_text", ln.start, ln.end, index))


def _outline_mismatch(outline: _Segment, body_keys: set[_Key], restarts: bool) -> list[str]:
    """Warnings for items only the body or only the outline lists."""
    outline_keys = {_item_key(e, restarts) for e in outline.items}
    only_body = sorted(n for _, n in body_keys - outline_keys)
    only_outline = sorted(n for _, n in outline_keys - body_keys)
    warnings = []
    if only_body:
        warnings.append(f"{_items_are(only_body)} in the body but not in the outline")
    if only_outline:
        warnings.append(f"{_items_are(only_outline)} in the outline but not in the body (title only)")
    return warnings


def _numbering_warnings(items: list[Item], sections: dict[int, Section], restarts: bool,
                        warnings: list[str]) -> None:
    """Gaps in the item numbering, a first item other than 1, no structure at all."""
    nums = [i.number for i in items]
    for a, b in zip(nums, nums[1:]):
        if b > a + 1 and not restarts:
            msg = f"items {_ranges(range(a + 1, b))} missing"
            if not any(msg in w for w in warnings):
                warnings.append(f"item numbering jumps from {a} to {b} ({msg})")
    if nums and nums[0] != 1 and not restarts:
        warnings.append(f"numbering starts at item {nums[0]}: the document may be partial")
    if not items and not sections:
        warnings.append("no sections or numbered items found: no recognisable structure")


def _year(title: str | None, notice_date: str | None) -> int | None:
    """The plan year: from the title, else from the notice date."""
    m = YEAR_IN_TITLE.search(title) if title else None
    if m:
        return int(m.group(1))
    return int(notice_date[:4]) if notice_date else None


def _completeness(items: list[Item], sections: dict[int, Section], restarts: bool) -> str:
    """full | partial | outline-only, or "" when the document has no structure."""
    with_body = sum(1 for i in items if i.has_body)
    nums = [i.number for i in items]
    sec_nums = sorted(sections)
    if items and with_body == 0:
        return "outline-only"
    if items and with_body < 0.5 * len(items):
        return "outline-only"
    if (nums and nums[0] != 1 and not restarts) or (sec_nums and sec_nums[0] != 1):
        return "partial"
    if not items:
        return "partial" if sections else ""
    return "full"


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


# --- the whole file ----------------------------------------------------------------------------


def parse_clean(clean: CleanText, info: SourceInfo | None = None) -> ParsedPlan:
    """Parse an already cleaned text (see :func:`parse_plan`); ``info`` is what the read stage
    knows about the file (its name, encoding, format…).

    >>> plan = parse_clean(clean_text("1.加强党建。\\n"), SourceInfo("plan.pdf", format="pdf", pages=1))
    >>> plan.source, plan.format, plan.pages, len(plan.documents[0].items)
    ('plan.pdf', 'pdf', 1, 1)
    """
    text = clean.text
    script = detect_script(text)
    shadow = to_simplified(text) if script == "traditional" else text
    parser = _read_lines(_logical_lines(text, shadow))
    for seg in parser.segments:
        _split_closing(seg)
    segments = [s for s in parser.segments if s.has_content() or s.title or s.front]
    parts: list[Part] = list(parser.file_parts)
    outlines = [s for s in segments if s.is_outline()]
    pairs = _pair_outlines(segments, outlines)
    paired_bodies = {id(b) for b in pairs.values()}
    docs: list[Document] = []
    warnings = [f"line {text.count(chr(10), 0, ln.start) + 1}: heading number '{ln.malformed}' is not a "
                f"Chinese numeral, the line is read as text: {ln.text.strip()[:40]}" for ln in parser.malformed]
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
    titles_from_toc(text, parser.file_parts, docs)
    parts.sort(key=lambda p: (p.start, p.end))
    _check_accounting(text, parts)
    n_unassigned = sum(p.end - p.start for p in parts if p.kind == "unassigned")
    if n_unassigned:
        warnings.append(f"{n_unassigned} characters could not be placed (unassigned)")
    if not docs:
        warnings.append("no text to parse")
    return ParsedPlan(info or SourceInfo(), script, clean, docs, parts, warnings)


def _split_closing(seg: _Segment) -> None:
    """Issuer lines and a date after the last entry are the plan's closing signature, not its text."""
    last = seg.entries[-1] if seg.entries else None
    n = web.closing_tail([(ln.kind, ln.shadow) for ln in last.lines[1:]]) if last else 0
    if last and n:
        seg.closing[:0] = last.lines[-n:]
        del last.lines[-n:]
    ln = last.lines[-1] if last and last.kind == "item" and not n else None
    cut = web.glued_closing_start(ln.shadow[ln.content_start:]) if ln else None
    if ln and cut and (cut[0] or len(last.lines) > 1):  # issuer and date in one line, or glued to the item
        a, d = (ln.content_start + c for c in cut)
        seg.closing[:0] = [_piece(ln, s, e, _Line(0, 0, "", "", k)) for s, e, k in
                           ((a, d, "text"), (d, len(ln.text), "date")) if e > s]
        last.lines[-1:] = [_piece(ln, 0, a, ln)] if cut[0] else []


def _pair_outlines(segments: list[_Segment], outlines: list[_Segment]) -> dict[int, _Segment]:
    """``{id(outline): body}``: each body segment paired with the outline that lists its items."""
    pairs: dict[int, _Segment] = {}
    if not outlines:  # most files: no outline, and no titles to normalise
        return pairs
    bodies = [s for s in segments if not s.is_outline()]
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
    return pairs


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
    return parse_clean(clean_text(text, target=target), SourceInfo(source, encoding))  # type: ignore[arg-type]
