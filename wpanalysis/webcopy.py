"""Copies of plans found on the web: the marks portals and document-sharing sites add.

Each shape is recognised from the text alone, never from a site or file name:

* **portal meta lines** (``【发布时间】…【来源】…【点击量】``, ``來源：… 瀏覽次數：``) and site
  summaries (``导语:`` / ``導語：``) are web chrome (:func:`portal_meta_kind`);
* **sharing banners** (``《某某2024年工作要点.docx》由用户分享…请在本站搜索``) and the **page-chunk
  markers** those sites insert (``1、`` ``2、`` … restarting the count, at chunk boundaries, often
  splitting a word) are found by :func:`find_web_artefacts`, which also says which line breaks
  the markers split a word at (they are joined back);
* a **title repeated** two or three times at the start of a line is kept once;
* for the structure stage: a title glued to the text after it (:func:`glued_title_end`), item
  numbers glued to the sentence before (:data:`GLUED_ITEM`, :func:`plausible_title`), a
  responsibility note cut at the end of the text (:func:`cut_unit_note`), a closing signature
  (issuer lines and a date) after the last item (:func:`closing_tail`), and a page headline
  that repeats the plan title (:func:`repeats_headline`).

>>> found = find_web_artefacts("《甲县2024年工作要点.docx》由用户分享，共2页，请在本站搜索。\\n"
...                            "1、甲县2024年工作要点\\n")
>>> [(a[2], a[0], a[1]) for a in found.spans]
[('sharing_banner', 0, 35), ('chunk_marker', 36, 38)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .grammar import DATE, INLINE_MARKER, INLINE_MARKER_HINT, STRUCTURE_MARKER, UNIT_LABELS, YEAR_IN_TITLE
from .script import is_cjk

__all__ = ["WebArtefacts", "find_web_artefacts", "portal_meta_kind", "glued_title_end", "GLUED_ITEM",
           "plausible_title", "inline_markers",
           "NOTE_THEN_MARKER", "cut_unit_note", "closing_tail", "glued_closing_start", "repeats_headline"]

# --- portal chrome ---------------------------------------------------------------------------

#: A meta line of a portal page: bracketed labels (``【发布时间】``) or Traditional labels with a colon.
_META = re.compile(
    r"[【\[]\s*(?:发布时间|發布時間|发布日期|發布日期|信息来源|來源|来源|点击量|點擊量|点击数|點擊數"
    r"|浏览次数|瀏覽次數|阅读次数|閱讀次數|作者)\s*[】\]]"
    r"|(?:來源|發布時間|發布日期|瀏覽次數|閱讀次數|點擊量|点击量|點擊數|瀏覽量)\s*[:：]"
)
_META_KEY = re.compile("[【\\[來發瀏閱點点]")
#: A site summary above the plan: ``导语:`` / ``導語：`` (any length).
_SUMMARY = re.compile(r"^(?:(?:导语|導語)\s*[:：]|【(?:导语|導語)】)")
_META_MAX_LEN = 120


def portal_meta_kind(line: str) -> str | None:
    """``web_chrome`` when a stripped line is a portal meta line or a site summary, else None.

    >>> portal_meta_kind("【发布时间】2024-03-12 【来源】松岭县教育局 【点击量】1268")
    'web_chrome'
    >>> portal_meta_kind("導語：為全面貫徹落實全縣教育工作會議精神，全文如下。"), portal_meta_kind("1.加强党建。")
    ('web_chrome', None)
    """
    if line[:1] in "导導【" and _SUMMARY.match(line):
        return "web_chrome"
    if len(line) <= _META_MAX_LEN and _META_KEY.search(line) and _META.search(line):
        return "web_chrome"
    return None


# --- sharing banners and page-chunk markers ---------------------------------------------------

#: ``《name.docx》由用户分享…请在本站搜索。``: a file name in book-title marks, who shared it, where to search.
_BANNER = re.compile(
    r"《[^《》\n]{2,80}?\.(?:docx?|pdf|wps|txt|pptx?)(?:[(（][^()（）\n]{0,16}[)）])?》"
    r"[^\n]{0,160}?(?:分享|上传|上傳|提供)"
    r"[^\n]{0,200}?(?:(?:搜索|搜尋|查找)[。.！!]?|。)"
    # without a file extension only when 》 is followed at once by who shared it, and 搜索 ends it
    r"|《[^《》\n]{2,80}?》由(?:用户|會員|会员|网友|網友|用戶)?(?:分享|上传|上傳)[^\n]{0,200}?(?:搜索|搜尋)[。.！!]?",
    re.IGNORECASE,
)
_CHUNK_MIN_GAP = 100  # characters between two chunk markers at least (a page of a sharing site)
_CHUNK_MIN_GAP_NO_BANNER = 150
_SENTENCE_END = set("。！？!?；;:：)）」』”】")
_NOT_INSIDE = _SENTENCE_END | set("、，,")


@dataclass
class WebArtefacts:
    """Spans ``(raw_start, raw_end, kind)`` to take out of the text, and the raw offsets of the
    chunk markers that split a word at a line break (that line is joined to the one before)."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    join_at: set[int] = field(default_factory=set)


def _prev_char(raw: str, pos: int) -> tuple[str, bool]:
    """The last visible character before ``pos`` and whether a line break lies in between."""
    j = pos - 1
    crossed = False
    while j >= 0 and raw[j].isspace():
        crossed = crossed or raw[j] in "\r\n"
        j -= 1
    return (raw[j] if j >= 0 else ""), crossed


def _inside(raw: str, start: int, end: int) -> bool:
    """Does the marker at ``raw[start:end]`` sit inside a sentence (no sentence end before it,
    text rather than a heading or item number after it)?"""
    prev, _ = _prev_char(raw, start)
    nxt = raw[end:end + 1]
    if not prev or prev in _NOT_INSIDE or not (is_cjk(prev) or prev.isalnum()):
        return False
    return bool(nxt) and not nxt.isspace() and not STRUCTURE_MARKER.match(raw, end)


_DIGIT_DUN = re.compile(r"[0-9]、")  # the cheapest scan: a digit and 、, then look back in Python


def _chunk_candidates(raw: str, start: int) -> Iterator[tuple[int, int, int]]:
    """``N、`` (1–3 ASCII digits, not after a digit or a decimal point) as ``(start, end, N)``."""
    for m in _DIGIT_DUN.finditer(raw, start):
        pos = m.end() - 1
        j = m.start()
        while j > start and pos - j < 4 and "0" <= raw[j - 1] <= "9":
            j -= 1
        if pos - j <= 3 and not (j > 0 and raw[j - 1] in "0123456789０１２３４５６７８９.．"):
            yield j, pos + 1, int(raw[j:pos])


def _chunk_chain(raw: str, start: int, min_gap: int, fits: Callable[[str, int, int], bool]) -> list[tuple[int, int]]:
    """The markers 1, 2, 3 … in order, each at least ``min_gap`` characters after the last and,
    after the first, where ``fits`` says a chunk boundary can be; other ``N、`` are skipped."""
    chain: list[tuple[int, int]] = []
    for s, e, n in _chunk_candidates(raw, start):
        if n == len(chain) + 1 and (not chain or s - chain[-1][0] >= min_gap and fits(raw, s, e)):
            chain.append((s, e))
    return chain


def _at_boundary(raw: str, start: int, end: int) -> bool:
    """A chunk boundary after a sharing banner: inside a sentence, or right before a heading or
    item number (``3、三、深化…``, ``3、8．推進…``); never before the plan's own text after a full stop."""
    return _inside(raw, start, end) or bool(STRUCTURE_MARKER.match(raw, end))


def _chunk_markers(raw: str, banner_end: int | None) -> list[tuple[int, int]]:
    """The page-chunk markers, judged on the evidence together. After a sharing banner: a chain
    that starts right after it, each later marker at a chunk boundary. Without one (or with the
    banner at the end): three or more markers, each after the first inside a sentence, with items
    numbered in another style between them (the ``N、`` count restarts against the plan's)."""
    if banner_end is not None:
        chain = _chunk_chain(raw, banner_end, _CHUNK_MIN_GAP, _at_boundary)
        if chain and not raw[banner_end:chain[0][0]].strip():
            return chain
    chain = _chunk_chain(raw, 0, _CHUNK_MIN_GAP_NO_BANNER, _inside)
    return chain if len(chain) >= 3 and _numbered_otherwise(raw, chain) else []


#: An item number in another style than ``N、`` (``1.`` ``2 .`` ``3．``) after a line start or sentence end.
_OTHER_ITEM = re.compile(r"(?:^|(?<=[\s。;；)）]))\d{1,3}[ \t]*[.．﹒](?!\d)", re.MULTILINE)


def _numbered_otherwise(raw: str, chain: list[tuple[int, int]]) -> bool:
    """Does the plan number its items in another style, so that the ``N、`` count restarts against
    it? (Between every two markers an item number like ``5 .``.)"""
    bounds = [s for s, _ in chain]
    return all(_OTHER_ITEM.search(raw, a, b) for a, b in zip(bounds, bounds[1:]))


_TITLE_CORE = (r"[^\s。，,；;:：、]{2,40}?(?:20\d{2}|２０[０-９]{2})年[^\s。，,；;:：]{0,20}?"
               r"(?:工作要点|工作要點|工作计划|工作計劃|工作安排)")
#: A title repeated at the start of a line (after a chunk marker, if any), copies glued or spaced.
_REPEATED_TITLE = re.compile(rf"^[ \t\u3000\ufeff]*(?:\d{{1,3}}、)?({_TITLE_CORE})((?:[ \t\u3000]*\1)+)",
                             re.MULTILINE)


def find_web_artefacts(raw: str) -> WebArtefacts:
    """Sharing banners, page-chunk markers and repeated titles in ``raw`` (see the module docstring).

    >>> raw = "甲县2024年工作要点甲县2024年工作要点一、总体要求"
    >>> find_web_artefacts(raw).spans
    [(11, 22, 'repeated_title')]
    """
    found = WebArtefacts()
    banner = _BANNER.search(raw) if "》" in raw else None
    if banner:
        found.spans.append((banner.start(), banner.end(), "sharing_banner"))
    if "、" in raw:
        for s, e in _chunk_markers(raw, banner.end() if banner else None):
            found.spans.append((s, e, "chunk_marker"))
            if _prev_char(raw, s)[1] and _inside(raw, s, e):
                found.join_at.add(s)
    if "年" in raw:
        found.spans += [(m.start(2), m.end(2), "repeated_title") for m in _REPEATED_TITLE.finditer(raw)]
    found.spans.sort()
    return found


# --- for the structure stage ---------------------------------------------------------------------

_GLUED_TITLE = re.compile(rf"^{_TITLE_CORE.replace('工作要點', '工作要点').replace('工作計劃', '工作计划')}"
                          r"(?=\d{4}年|[\u4e00-\u9fff])")


def glued_title_end(shadow: str) -> int | None:
    """Where a plan title glued to the text after it ends (Simplified shadow of a long line).

    >>> glued_title_end("青石县教育局2024年工作要点2024年，全县教育系统要坚持…")
    15
    """
    m = _GLUED_TITLE.match(shadow)
    return m.end() if m else None


#: An item number glued to the text before it (``…办学水平1.加强党的建设``).
GLUED_ITEM = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,3}[.．、﹒](?=[\u4e00-\u9fff“《])")
_MAYBE_GLUED = re.compile(r"[\u4e00-\u9fff]\d")  # what GLUED_ITEM needs, its look-behind made a character
_MEASURE = set("年月日个万亿元所名项人次届期号倍周天小")


def plausible_title(shadow: str, pos: int) -> bool:
    """Does a plausible item title start at ``pos``: a CJK phrase of 4–50 characters up to ``。``?

    >>> plausible_title("1.加强党的政治建设。深入学习", 2), plausible_title("1.5万个", 2)
    (True, False)
    """
    head = shadow[pos:pos + 52]
    if not head or head[0] in _MEASURE or not is_cjk(head[0]):
        return False
    stop = head.find("。")
    return 4 <= stop <= 50


def inline_markers(shadow: str, pos: int) -> Iterator[re.Match]:
    """The markers inside a flattened line from ``pos``, in text order: those after a sentence
    end or a space (:data:`~wpanalysis.grammar.INLINE_MARKER`), and item numbers glued to the
    text before them when a plausible title follows (the parser still checks the numbering).

    >>> [m.group(0) for m in inline_markers("总体要求1.加强党的政治建设。正文。2.推进清廉学校建设。", 0)]
    ['1.', '2.']
    """
    # a cheap necessary condition first (a pattern without a look-behind is scanned in a tight
    # loop): most long paragraphs hold no marker at all; the look-behinds see before ``pos``
    before = max(pos - 1, 0)
    markers = list(INLINE_MARKER.finditer(shadow, pos)) if INLINE_MARKER_HINT.search(shadow, before) else []
    glued = [m for m in GLUED_ITEM.finditer(shadow, pos) if plausible_title(shadow, m.end())
             ] if _MAYBE_GLUED.search(shadow, before) else []
    # a stable sort: at the same start the INLINE_MARKER match comes first, as a merge would give
    return iter(sorted(markers + glued, key=re.Match.start) if glued else markers)


#: A responsibility note closed and a heading or item number glued right after it (a flattened
#: copy that lost the space between them): ``(责任单位:体卫艺股)二、促进教育公平``.
NOTE_THEN_MARKER = re.compile(
    rf"[(（]\s*(?:{UNIT_LABELS})\s*[:：][^()（）]*[)）][。.]?"
    r"(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,3}[.．、﹒](?!\d))"
)


_CUT_NOTE = re.compile(rf"[(（]\s*((?:{UNIT_LABELS})\s*[:：][^()（）]*)$")


def cut_unit_note(shadow: str) -> tuple[int, int] | None:
    """The span of a responsibility note cut at the end of a line (no closing parenthesis):
    ``(start of the parenthesis, start of the note)``.

    >>> cut_unit_note("建设平台。(责任处室:办公室、人事处、基教处")
    (5, 6)
    """
    m = _CUT_NOTE.search(shadow.rstrip())
    return (m.start(), m.start(1)) if m else None


_ISSUER = re.compile(r"^[\u4e00-\u9fff()（）]{2,30}(?:局|委员会|委|厅|办公室|政府|中心|教育体育局|党组)$")


def closing_tail(lines: list[tuple[str, str]]) -> int:
    """How many of the last ``(kind, shadow)`` lines of a plan are its closing signature: issuer
    lines (a bureau's name) ending in a date line. 0 when the lines end in no date.

    >>> closing_tail([("item", "5.加强队伍建设。"), ("text", "鹿鸣县教育局"), ("date", "2025年2月26日")])
    2
    """
    if not lines or lines[-1][0] != "date" or not DATE.match(lines[-1][1].strip()):
        return 0
    n = 1
    while n < len(lines) and lines[-1 - n][0] == "text" and _ISSUER.match(lines[-1 - n][1].strip()):
        n += 1
    return n


_GLUED_CLOSING = re.compile(
    r"(?:(?<=[。)）])|^)(?:[\u4e00-\u9fff()（）]{2,30}?(?:局|委员会|办公室|政府)){0,2}"
    r"((?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)$"
)


def glued_closing_start(shadow: str) -> tuple[int, int] | None:
    """Where a closing signature glued to the end of the last item starts, and where its date
    starts (a flattened copy: ``…(责任单位:计划财务股)青石县教育局2024年2月20日``): issuers and
    a date after a sentence end (or making up the whole line), at the very end.

    >>> glued_closing_start("确保只增不减。(责任单位:计财股)青石县教育局2024年2月20日")
    (17, 23)
    >>> glued_closing_start("甲县教育局2024年2月20日"), glued_closing_start("于2024年2月20日")
    ((0, 5), None)
    """
    m = _GLUED_CLOSING.search(shadow.rstrip())
    return (m.start(), m.start(1)) if m else None


def _norm(s: str) -> str:
    return re.sub(r"[\s《》“”\"'。,，、:：;；()（）_\-|]", "", s)


def repeats_headline(headline: str, title: str, notice_between: bool) -> bool:
    """Is ``headline`` (a page headline, Simplified) the same plan as the ``title`` after it?
    The same words, or one inside the other; else the same year and either a notice in between
    or the same opening words (the bureau: 河口市教育局印发2024年工作要点 → 河口市教育局2024年工作要点).

    >>> repeats_headline("梧桐市教育局2024年教育工作要点", "梧桐市教育局2024年教育工作要点", False)
    True
    >>> repeats_headline("河口市教育局印发2024年工作要点", "河口市教育局2024年工作要点", False)
    True
    >>> repeats_headline("甲县2024年工作要点", "乙县2024年工作要点", False)
    False
    """
    a, b = _norm(headline), _norm(title)
    if a == b or (a and b and (a in b or b in a)):
        return True
    ya, yb = YEAR_IN_TITLE.search(a), YEAR_IN_TITLE.search(b)
    if ya is None or yb is None or ya.group(1) != yb.group(1):
        return False
    return notice_between or (len(a) > 2 and a[:3] == b[:3])

