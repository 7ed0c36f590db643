"""Clean stage: remove extraction artefacts while keeping a map back to the raw text.

What cleaning does, in order:

1. **Line artefacts** are taken out of the text and kept in
   ``CleanText.artefacts``: page markers (``- 3 -``, ``第3页 共12页``), viewer
   chunk markers (``=== 第 2 页 ===``), web-page chrome (breadcrumbs,
   ``发布时间:``, ``【字体:大 中 小】``, ``打印本页 关闭窗口``…) and hidden-text
   gap markers (``[隐藏文字]``). Nothing is dropped silently.
2. **Hard line-wraps** of PDF copies are joined: a file whose lines cluster at
   one display width is recognised as wrapped, and a full-width line that does
   not end a sentence is joined to the next one (also across page markers).
   A line that opens a ``(责任单位:`` note and does not close it is joined too.
3. **Flattened web copies**: in a very long line, a whitespace run followed by
   a structure marker (``二、``, ``(三)``, ``12.``) becomes a line break.
4. **Extraction spaces** next to CJK characters or CJK punctuation are removed
   (``14 .推动`` → ``14.推动``, `` 基教科 、`` → ``基教科、``, ``20 项`` → ``20项``);
   a space between two Latin words or numbers stays (runs become one space).
   Lines are stripped.
5. **Width**: full-width ASCII-range punctuation, digits and letters become
   half-width (``target="half"``, the default), or ``( ) , : ; ! ?`` become
   full-width (``target="full"``), or nothing changes (``target=None``).

Every cleaned character keeps the offset of the raw character it came from
(:meth:`CleanText.raw_offset`), so any span can be traced back to the file.

>>> c = clean_text("14 .推动高中发展。(责任单位: 基教科 、教研中心)")
>>> c.text
'14.推动高中发展。(责任单位:基教科、教研中心)'
>>> c.raw_offset(c.text.index("基"))
18
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .grammar import NOTE_CUT, NOTE_OPEN, PAGE_MARKER, STRUCTURE_MARKER, starts_label
from .script import cjk_mask, display_width, is_cjk
from .webcopy import WebArtefacts, find_web_artefacts, portal_meta_kind

__all__ = ["Artefact", "CleanText", "clean_text", "find_redactions"]

WidthTarget = Literal["half", "full"] | None

# --- character classes -------------------------------------------------------

# Full-width → half-width for the ASCII range (！..～) plus the ideographic small full stop.
_TO_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TO_HALF[0xFE52] = ord(".")  # ﹒ small full stop, used in item numbers (1﹒)
_TO_HALF[0xFF0E] = ord(".")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\ufe52]")
_FULL_PUNCT = "(),:;!?"
_TO_FULL = {ord(c): ord(c) + 0xFEE0 for c in _FULL_PUNCT}

_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_ZERO_WIDTH = set("\u200b\ufeff")
# Punctuation that never wants a space before / after it.
_NO_SPACE_BEFORE = set(".,:;!?)]}%")
_NO_SPACE_AFTER = set("([{")

# --- line artefacts ------------------------------------------------------------

_CHROME = re.compile(
    r"^(?:首页|当前位置|您当前的位置|您的位置|当前的位置)\s*[>:：»]"
    r"|(?:发布时间|发布日期|发文日期|更新时间|信息来源|来源|作者|责任编辑|编辑)\s*[:：]"
    r"|(?:浏览次数|阅读次数|点击数|访问量|浏览量)"
    r"|[【\[]?\s*字[体号]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小"
    r"|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|^打印\s*关闭$|^\[?\s*打印\s*\]?$"
    r"|分享到|扫一扫|在手机打开|附件下载|相关附件|相关链接|^附件\s*[:：]|^下载\s*[:：]?$"
    r"|上一篇|下一篇|版权所有|主办单位|ICP备|网站标识码|政府网站找错"
)
# Every alternative of _CHROME contains one of these characters (tests/test_clean.py checks it):
# a one-class search rules out most short lines before the long alternation runs.
_CHROME_KEY = re.compile("[首位:：浏阅点访字打关分扫手附相下篇版主I网]")
_HIDDEN = re.compile(
    r"[\[【(（<]\s*(?:隐藏(?:文字|内容|文本)|此处(?:有)?(?:隐藏|省略)[^\]】)）>]{0,12})\s*[\]】)）>]"
)
_CHROME_MAX_WIDTH = 60
# Site copyright / reprint disclaimers: chrome whatever their length.
_DISCLAIMER = re.compile(
    r"(?:本站|本网)(?:注明|转载|所有)|版权(?:均)?(?:归|属)|未经.{0,12}授权.{0,6}不得(?:转载|复制)"
)


def _line_artefact_kind(line: str, page: bool = True, chrome: bool = True, disclaimer: bool = True,
                        hidden: bool = True) -> str | None:
    """The artefact a line is, if any. The flags skip checks that a scan of the whole text
    has ruled out for this line (see :class:`_RawIndex`)."""
    s = line.strip()
    if not s:
        return None
    if page and PAGE_MARKER.match(s):
        return "page_marker"
    # every character is 0.5 or 1 cell wide, so the length bounds the width
    narrow_enough = len(s) <= _CHROME_MAX_WIDTH or (
        len(s) <= 2 * _CHROME_MAX_WIDTH and display_width(s) <= _CHROME_MAX_WIDTH)
    if chrome and narrow_enough and _CHROME_KEY.search(s) and _CHROME.search(s):
        return "web_chrome"
    if disclaimer and _DISCLAIMER.search(s):
        return "web_chrome"
    if chrome and portal_meta_kind(s):  # 【发布时间】… meta lines, 导语: summaries
        return "web_chrome"
    m = _HIDDEN.search(s) if hidden else None
    if m and not s.replace(m.group(0), "").strip():
        return "hidden_text_marker"
    return None


# Whole-text scans that find the only lines where a per-line check can succeed (they match
# wherever the per-line pattern can), so the exact per-line check runs on those lines alone.
# Web chrome is only looked for in short lines, which is cheaper line by line.
_PAGE_MARKER_LINE = re.compile(PAGE_MARKER.pattern, re.MULTILINE)


def _mask(chars: str = "", ranges: tuple[tuple[int, int], ...] = ()) -> np.ndarray:
    mask = np.zeros(0x110000, dtype=bool)
    for lo, hi in ranges:
        mask[lo:hi + 1] = True
    mask[[ord(c) for c in chars]] = True
    return mask


_WIDE_MASK = cjk_mask()
_SPACE_MASK = _mask(" \t\u00a0\u3000\ufeff", ((0x2000, 0x200B),))  # the _SPACE_RUN class


class _RawIndex:
    """Prefix counts over the raw text: the visible width of any span (display width without
    extraction spaces) and whether it holds a space are two array lookups, not a regex pass."""

    def __init__(self, raw: str) -> None:
        codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        space = _SPACE_MASK[codes]
        self.space = np.concatenate(([0], np.cumsum(space)))
        self.narrow = np.concatenate(([0], np.cumsum(~_WIDE_MASK[codes] & ~space)))

    def visible_widths(self, starts: list[int], ends: list[int]) -> list[float]:
        """``_visible_width(raw[s:e])`` for each span."""
        s, e = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
        n = (e - s) - (self.space[e] - self.space[s])
        return (n - (self.narrow[e] - self.narrow[s]) / 2).tolist()

    def has_space(self, start: int, end: int) -> bool:
        return bool(self.space[end] - self.space[start])


def _lines_spanned(pattern: re.Pattern, raw: str, line_starts: list[int]) -> set[int]:
    """Indices of the lines that a match of ``pattern`` in the whole text touches. A match
    inside one line that a longer match across lines overlaps is skipped by ``finditer``; the
    longer match starts no later and covers it, so marking every line it spans keeps that line."""
    hit: set[int] = set()
    for m in pattern.finditer(raw):
        first = bisect.bisect_right(line_starts, m.start()) - 1
        last = bisect.bisect_right(line_starts, max(m.start(), m.end() - 1)) - 1
        hit.update(range(first, last + 1))
    return hit


# --- result ------------------------------------------------------------------


@dataclass(frozen=True)
class Artefact:
    """Something cleaning took out of the text, with where it was in the raw file."""

    kind: str  # page_marker | web_chrome | hidden_text_marker | control_character |
    # sharing_banner | chunk_marker | repeated_title (see wpanalysis.webcopy)
    text: str
    raw_start: int
    raw_end: int


@dataclass
class CleanText:
    """Cleaned text plus the offset map back to the raw text.

    ``anchors`` is a sorted list of ``(clean_pos, raw_pos)``: cleaned
    character ``i`` comes from raw position ``raw_pos + (i - clean_pos)`` of
    the last anchor with ``clean_pos <= i``.
    """

    text: str
    raw: str
    anchors: list[tuple[int, int]]
    artefacts: list[Artefact] = field(default_factory=list)
    n_spaces_removed: int = 0
    n_wraps_joined: int = 0
    n_width_changed: int = 0
    wrap_width: float | None = None

    def raw_offset(self, i: int) -> int:
        """Raw-text offset of cleaned character ``i``."""
        k = bisect.bisect_right(self._clean_keys, i) - 1
        c, r = self.anchors[k]
        return r + (i - c)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span ``[start, end)``."""
        if end <= start:
            r = self.raw_offset(start) if start < len(self.text) else len(self.raw)
            return r, r
        return self.raw_offset(start), self.raw_offset(end - 1) + 1

    @property
    def _clean_keys(self) -> list[int]:
        keys = self.__dict__.get("_keys")
        if keys is None or len(keys) != len(self.anchors):
            keys = [c for c, _ in self.anchors]
            self.__dict__["_keys"] = keys
        return keys


class _Builder:
    """Accumulates output pieces and the anchors of the offset map."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.pos = 0
        self._expect_raw: int | None = None

    def add(self, text: str, raw_pos: int) -> None:
        if not text:
            return
        if raw_pos != self._expect_raw:
            self.anchors.append((self.pos, raw_pos))
        self.pieces.append(text)
        self.pos += len(text)
        self._expect_raw = raw_pos + len(text)

    def add_char(self, ch: str, raw_pos: int) -> None:
        """A substituted character (e.g. newline for a space) at ``raw_pos``."""
        self.add(ch, raw_pos)


# --- helpers for wraps ----------------------------------------------------------

_SENTENCE_END = tuple("。！？!?;；:：”》)）")
_NEVER_LINE_END = tuple("第《“(（、,，")


def _wrap_width(widths: list[float]) -> float | None:
    """The width at which a PDF copy was wrapped, or None when lines are not wrapped."""
    ws = [w for w in widths if w >= 8]
    if len(ws) < 5:
        return None
    counts: dict[int, int] = {}
    for w in ws:
        counts[int(w)] = counts.get(int(w), 0) + 1
    best, best_n = None, 0
    for w in sorted(counts):
        n = sum(counts.get(w - d, 0) for d in (0, 1, 2))
        if n >= best_n:
            best, best_n = w, n
    if best is None or best_n < 4 or best_n < 0.3 * len(ws):
        return None
    longer = sum(1 for w in ws if w > best + 2)
    if longer > 0.05 * len(ws):
        return None
    return float(best)


def _opens_unit_note(line: str) -> bool:
    """True when the line opens a responsibility note ``(责任单位:…`` and does not close it
    (parentheses nested inside the note are counted)."""
    opens = list(NOTE_OPEN.finditer(line))
    if not opens:
        return False
    tail = line[opens[-1].start():]
    depth = sum(1 for ch in tail if ch in "(（") - sum(1 for ch in tail if ch in ")）")
    return depth > 0


def _visible_width(line: str) -> float:
    """Display width without whitespace: extraction spaces do not count towards the wrap."""
    return display_width(_SPACE_RUN.sub("", line))


# --- main ---------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FLAT_LINE_WIDTH = 300
#: Control characters (form feed from pdftotext, ESC, other line separators): read as line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
_CONTROL_NAMES = {"\x0c": "form feed", "\x0b": "vertical tab", "\x1b": "escape", "\x1a": "substitute",
                  "\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}


def _controls_as_breaks(raw: str) -> tuple[str, list[Artefact]]:
    r"""*raw* with every control character replaced by a line break (same length, so offsets
    hold), and one artefact per character replaced.

    >>> text, found = _controls_as_breaks("1.甲。\f二、乙")
    >>> text, found[0].text
    ('1.甲。\n二、乙', 'U+000C (form feed) read as a line break')
    """
    if not _CONTROL.search(raw):
        return raw, []
    found = [Artefact("control_character", f"U+{ord(m.group(0)):04X} ({_CONTROL_NAMES.get(m.group(0), 'control')})"
                      " read as a line break", m.start(), m.end()) for m in _CONTROL.finditer(raw)]
    return _CONTROL.sub("\n", raw), found


def clean_text(raw: str, target: WidthTarget = "half") -> CleanText:
    """Clean ``raw`` and return a :class:`CleanText` (see the module docstring)."""
    if target not in ("half", "full", None):
        raise ValueError(f"target must be 'half', 'full' or None, not {target!r}")
    original = raw
    raw, controls = _controls_as_breaks(raw)
    lines = _split_lines(raw)
    index = _RawIndex(raw)
    web = find_web_artefacts(raw)
    web_lines = _spans_by_line(lines, web)
    kinds, artefacts, hidden_lines = _line_kinds(raw, lines, web_lines)
    text_lines = [(s, e) for (s, e, _), k in zip(lines, kinds) if k == "text"]
    wrap = _wrap_width(index.visible_widths([s for s, _ in text_lines], [e for _, e in text_lines]))
    b, n_spaces, n_joined = _emit_lines(raw, lines, kinds, index, (hidden_lines, web_lines, web.join_at), wrap,
                                        target, artefacts)
    text, n_width = _convert_width("".join(b.pieces), target)
    artefacts.extend(controls)
    artefacts.sort(key=lambda a: a.raw_start)
    return CleanText(
        text=text,
        raw=original,
        anchors=b.anchors or [(0, 0)],
        artefacts=artefacts,
        n_spaces_removed=n_spaces,
        n_wraps_joined=n_joined,
        n_width_changed=n_width,
        wrap_width=wrap,
    )


_Lines = list[tuple[int, int, int]]  # (start, end_of_content, end_with_break) of each raw line


def _split_lines(raw: str) -> _Lines:
    """The raw lines as spans: content without the line break, and with it."""
    lines: _Lines = []
    if "\r" not in raw:  # the common case, split in C
        pos = 0
        for part in raw.split("\n"):
            end = pos + len(part)
            lines.append((pos, end, end + 1))
            pos = end + 1
        last_start, last_end, _ = lines.pop()
        if last_end > last_start:  # a last line without a line break
            lines.append((last_start, last_end, last_end))
        return lines
    for m in _LINE.finditer(raw):
        if m.start() == m.end():
            break
        s = m.group(0)
        content_end = m.start() + len(s.rstrip("\r\n"))
        lines.append((m.start(), content_end, m.end()))
    return lines


_WebSpans = dict[int, list[tuple[int, int, str]]]  # line index → web-copy artefact spans in it


def _line_kinds(raw: str, lines: _Lines, web: _WebSpans) -> tuple[list[str], list[Artefact], set[int]]:
    """``text`` / ``blank`` / ``artefact`` for each line, the artefact lines taken out, and the
    lines that may hold an inline hidden-text marker. A line that is all web-copy artefacts
    (a sharing banner) is an artefact line."""
    line_starts = [start for start, _, _ in lines]
    # lone \r line breaks are invisible to ^ and $ of a MULTILINE pattern: check every line then
    lone_cr = raw.count("\r") != raw.count("\r\n")
    page_lines = None if lone_cr else _lines_spanned(_PAGE_MARKER_LINE, raw, line_starts)
    disclaimer_lines = _lines_spanned(_DISCLAIMER, raw, line_starts)
    hidden_lines = _lines_spanned(_HIDDEN, raw, line_starts)
    artefacts: list[Artefact] = []
    kinds: list[str] = []
    for i, (start, end, _) in enumerate(lines):
        line = raw[start:end]
        kind = _line_artefact_kind(line, page_lines is None or i in page_lines, True,
                                   i in disclaimer_lines, i in hidden_lines)
        kind = kind or _web_line_kind(raw, start, end, web.get(i, []))
        if kind:
            artefacts.append(Artefact(kind, line.strip(), start, end))
            kinds.append("artefact")
        elif line.strip():
            kinds.append("text")
        else:
            kinds.append("blank")
    return kinds, artefacts, hidden_lines


def _web_line_kind(raw: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The kind of the web-copy artefact that is all of the line ``raw[start:end]`` but spaces, if one is."""
    for s, e, kind in spans:
        if not (raw[start:s] + raw[e:end]).strip():
            return kind
    return None


def _emit_lines(raw: str, lines: _Lines, kinds: list[str], index: _RawIndex,
                inline: tuple[set[int], _WebSpans, set[int]], wrap: float | None, target: WidthTarget,
                artefacts: list[Artefact]) -> tuple[_Builder, int, int]:
    """Write the content lines, joining hard wraps; return the builder, spaces removed and wraps joined.
    ``inline``: the lines that may hold a hidden-text marker, the web-copy artefacts of each line, and
    the raw offsets of the chunk markers whose line is joined to the one before."""
    hidden_lines, web_lines, join_at = inline
    starts = [s for s, _, _ in lines]
    join_lines = {bisect.bisect_right(starts, pos) - 1 for pos in join_at}
    b = _Builder()
    n_spaces = n_joined = 0
    joined_prev = False
    para_start = 0  # raw offset where the current (joined) paragraph began
    for idx, ((start, end, _), kind) in enumerate(zip(lines, kinds)):
        if kind == "artefact":
            continue
        if kind == "blank":
            if not joined_prev:
                b.add("\n", end if end < len(raw) else start)
            continue
        segments = _hidden_segments(raw, start, end, idx in hidden_lines, artefacts, web_lines.get(idx, []))
        n_spaces += _emit_line(b, raw, segments, index, target)
        # line break: keep, or join a hard wrap
        nxt = _next_text_line(lines, kinds, idx)
        if not joined_prev:
            para_start = start
        if nxt is not None and (nxt in join_lines or _should_join(raw, lines, idx, nxt, wrap,
                                                                   max(para_start, end - 400))):
            n_joined += 1
            joined_prev = True
            _join_wrap(b, raw[lines[nxt][0]:lines[nxt][1]], end)
            continue
        joined_prev = False
        if end < len(raw):
            b.add("\n", end)
    return b, n_spaces, n_joined


def _spans_by_line(lines: _Lines, web: WebArtefacts) -> _WebSpans:
    """The web-copy artefact spans of each line (a span never crosses a line break)."""
    starts = [s for s, _, _ in lines]
    out: _WebSpans = {}
    for span in web.spans:
        out.setdefault(bisect.bisect_right(starts, span[0]) - 1, []).append(span)
    return out


def _hidden_segments(raw: str, start: int, end: int, hidden: bool, artefacts: list[Artefact],
                     web_spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of a content line around its inline hidden-text markers and web-copy artefacts
    (banners, chunk markers, repeated titles), which are kept as artefacts."""
    if not hidden and not web_spans:  # most lines: nothing to cut
        return [(start, end)]
    cuts = [(start + hm.start(), start + hm.end(), "hidden_text_marker", hm.group(0))
            for hm in (_HIDDEN.finditer(raw[start:end]) if hidden else ())]
    cuts += [(s, e, kind, raw[s:e]) for s, e, kind in web_spans if start <= s and e <= end]
    segments: list[tuple[int, int]] = []
    cursor = start
    for s, e, kind, text in sorted(cuts):
        if s < cursor:
            continue  # overlaps a cut already made
        artefacts.append(Artefact(kind, text, s, e))
        segments.append((cursor, s))
        cursor = e
    segments.append((cursor, end))
    return segments


def _emit_line(b: _Builder, raw: str, segments: list[tuple[int, int]], index: _RawIndex,
               target: WidthTarget) -> int:
    """Write one content line without its extraction spaces; return the spaces removed."""
    line_start, line_end = segments[0][0], segments[-1][1]
    flat = line_end - line_start > _FLAT_LINE_WIDTH and display_width(raw[line_start:line_end]) > _FLAT_LINE_WIDTH
    n_spaces = 0
    # strip the line as a whole: leading whitespace of the first segment, trailing whitespace of the last
    first = True
    for seg_start, seg_end in segments:
        if not index.has_space(seg_start, seg_end):  # nothing to remove: emit as it is
            b.add(raw[seg_start:seg_end], seg_start)
            first = False
            continue
        if first:
            seg = raw[seg_start:seg_end]
            lead = len(seg) - len(seg.lstrip(" \t\u00a0\u3000\ufeff\u200b"))
            seg_start += lead
            n_spaces += lead
            first = False
        n_spaces += _emit_segment(b, raw, seg_start, seg_end, flat, target)
    # trailing whitespace: remove what _emit_segment kept at the very end
    _trim_trailing_space(b)
    return n_spaces


def _join_wrap(b: _Builder, next_line: str, end: int) -> None:
    """Join a hard wrap at raw offset ``end``: a wrap between two Latin words is a space;
    between CJK characters or digits (12|00) it is nothing."""
    prev_ch = b.pieces[-1][-1] if b.pieces else ""
    nxt_ch = next_line.lstrip()[:1]
    if (prev_ch.isascii() and prev_ch.isalnum() and nxt_ch.isascii() and nxt_ch.isalnum()
            and (prev_ch.isalpha() or nxt_ch.isalpha())):
        b.add_char(" ", end)


def _convert_width(text: str, target: WidthTarget) -> tuple[str, int]:
    """``text`` in the target width, and how many characters changed."""
    if target == "half":
        n_width = len(_FULL_WIDTH.findall(text))
        if n_width:  # translate() with a dict looks up every character: skip it when nothing changes
            text = text.translate(_TO_HALF)
        return text, n_width
    if target == "full":
        converted = _undo_full_between_ascii(text, text.translate(_TO_FULL))
        return converted, sum(1 for a, c in zip(text, converted) if a != c)
    return text, 0


def _undo_full_between_ascii(text: str, converted: str) -> str:
    """Keep ``,`` ``:`` etc. half-width between two ASCII alphanumerics (12,000 / 10:30)."""
    out = list(converted)
    for i, (a, c) in enumerate(zip(text, converted)):
        if a != c and 0 < i < len(text) - 1:
            left, right = text[i - 1], text[i + 1]
            if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
                out[i] = a
    return "".join(out)


def _wide(ch: str, neighbour: str, target: WidthTarget) -> bool:
    """Is ``ch`` CJK-like for spacing? Half-width punctuation used as Chinese punctuation
    (next to a CJK character) counts, and so does punctuation the target makes full-width."""
    if is_cjk(ch):
        return True
    if ch in _FULL_PUNCT:
        return target == "full" or bool(neighbour) and is_cjk(neighbour)
    return False


def _char_before_last(b: _Builder) -> str:
    if b.pieces and len(b.pieces[-1]) >= 2:
        return b.pieces[-1][-2]
    text = "".join(b.pieces[-2:]) if len(b.pieces) >= 2 else ""
    return text[-2] if len(text) >= 2 else ""


def _emit_segment(b: _Builder, raw: str, start: int, end: int, flat: bool, target: WidthTarget) -> int:
    """Emit raw[start:end] with extraction spaces removed; return spaces removed."""
    removed = 0
    cursor = start
    seg = raw[start:end]
    for m in _SPACE_RUN.finditer(seg):
        a, z = start + m.start(), start + m.end()
        b.add(raw[cursor:a], cursor)
        cursor = z
        run = m.group(0)
        prev = _last_char(b)
        nxt = raw[z] if z < end else ""
        if not prev or not nxt:
            removed += len(run)
            continue
        if flat and STRUCTURE_MARKER.match(raw, z, end):
            b.add_char("\n", a)
            removed += len(run) - 1
            continue
        if all(c in _ZERO_WIDTH for c in run):
            removed += len(run)
            continue
        after = raw[z + 1] if z + 1 < end else ""
        if (
            _wide(prev, _char_before_last(b), target)
            or _wide(nxt, after, target)
            or nxt in _NO_SPACE_BEFORE
            or prev in _NO_SPACE_AFTER
        ):
            removed += len(run)
            continue
        b.add_char(" ", a)
        removed += len(run) - 1
    b.add(raw[cursor:end], cursor)
    return removed


def _last_char(b: _Builder) -> str:
    for piece in reversed(b.pieces):
        if piece:
            return piece[-1]
    return ""


def _trim_trailing_space(b: _Builder) -> None:
    while b.pieces and b.pieces[-1].endswith(" "):
        piece = b.pieces[-1][:-1]
        b.pos -= 1
        if piece:
            b.pieces[-1] = piece
            b._expect_raw = None
        else:
            b.pieces.pop()
            if b.anchors and b.anchors[-1][0] == b.pos:
                b.anchors.pop()
            b._expect_raw = None


def _next_text_line(lines: list, kinds: list[str], idx: int) -> int | None:
    """Index of the next content line, skipping artefact lines and the blank
    lines around them; None when a real paragraph break (blank line) comes first."""
    j = idx + 1
    crossed_artefact = False
    blanks = 0
    while j < len(lines):
        k = kinds[j]
        if k == "text":
            if blanks and not crossed_artefact:
                return None
            return j
        if k == "artefact":
            crossed_artefact = True
        else:
            blanks += 1
        j += 1
    return None


def _should_join(raw: str, lines: list, i: int, j: int, wrap: float | None, paragraph_start: int) -> bool:
    """Join line ``i`` to the next content line ``j``? ``raw[paragraph_start:]`` up to the end
    of line ``i`` is the paragraph read so far (at most its last 400 characters)."""
    cur = raw[lines[i][0]:lines[i][1]].strip()
    nxt = raw[lines[j][0]:lines[j][1]].strip()
    if not cur or not nxt:
        return False
    if STRUCTURE_MARKER.match(nxt):
        return False
    if NOTE_CUT.search(cur):
        return True  # "(\n责任单位:…)", "(责\n任单位:…)": a note never opens at the end of a line
    if starts_label(nxt):
        return False
    if _opens_unit_note(raw[paragraph_start:lines[i][1]]):  # a note opened in this paragraph, not yet closed
        return True
    if wrap is None:
        return False
    if cur.endswith(_NEVER_LINE_END):
        return True
    return _visible_width(cur) >= wrap - 2 and not cur.endswith(_SENTENCE_END)


_REDACTION = re.compile(
    r"(?<![A-Za-z0-9+＋])(?:[XＸ]{1,4}|[×✕]{1,4}|x{2,4})(?![A-Za-z0-9])"
    r"|某(?=[省市县区镇乡村校园局所])"
)


def find_redactions(text: str) -> list[tuple[int, int, str]]:
    """Spans of redaction marks (``X``, ``XX``, ``××``, ``某`` before a place word).

    ``1+X`` (a service model) is not a redaction.

    >>> find_redactions("支持XX职业技术大学,在“1+X”模式下")
    [(2, 4, 'XX')]
    """
    return [(m.start(), m.end(), m.group(0)) for m in _REDACTION.finditer(text)]
