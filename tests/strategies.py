"""Hypothesis strategies shared by the property tests.

:func:`plans` draws a synthetic work plan (工作要点) as a text extraction might
deliver it, together with its ground truth: the structure a correct parse of
that text must return. The ground truth is written in the parser's cleaned
form (half-width punctuation, no extraction spaces), the form the README of
``tests/fixtures/plans`` defines.

What varies between drawn plans:

- item numbers ``1.`` ``1．`` ``1、`` ``1﹒`` ``1 .`` (one style per plan, or a mix);
- sections ``一、`` or ``第一部分`` (followed by nothing, a space, ``、`` or ``:``),
  or no sections at all; a prose-only first section (``总体要求``) or not;
- sub-sections ``(一)`` / ``（一）`` / a mix of both, or none; they restart in each section;
- punctuation ``( ) , : ;`` half-width, full-width or mixed; full-width digits or not;
- extraction spaces inserted at random wherever cleaning removes them: next to a
  CJK character or CJK punctuation, before ``. , : ; ) %``, after ``(``;
- ``(责任单位:A、B)`` notes (after the final ``。`` or before it), or none;
- item titles as the first sentence (``1.加强党建。正文。``) or on their own line;
- item numbering running on through the plan or restarting in each section;
- a title line with the year, a preamble, ``　　`` indentation, CRLF line ends,
  blank lines.

What is held fixed, because the text would otherwise be ambiguous rather than
hard: every line that does not end a sentence (titles, headings, own-line item
titles) is at most ~20 cells wide and every body line at least 40, so the line
widths never look like a hard-wrapped PDF copy (where an own-line title and its
body cannot be told from one wrapped paragraph); no line reaches the width at
which flattened web copies are split; item titles hold no ``。`` and no digits.

``plans(wrapped=True)`` draws PDF text-layer copies instead: the long lines are
hard-wrapped at one width and page markers sit between lines (same ground truth;
line breaks inside an item's text are not part of it).

:func:`plan_like_text` draws unstructured noise from fragments that matter to
the cleaner and the parser (markers, notes, page markers, chrome, odd spaces).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from hypothesis import strategies as st

from wpanalysis.script import display_width, is_cjk

__all__ = ["ItemTruth", "PlanCase", "plans", "plan_like_text", "insert_spaces", "hard_wrap", "CN_NUMERALS"]

CN_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

PLACES = ["青山县", "桐江市", "枫林县", "临河市", "柳塘县", "安澜县", "南屏市", "鹤鸣县"]
MODIFIERS = ["", "", "全面", "持续", "深入", "着力", "扎实"]
VERBS = ["加强", "推进", "深化", "落实", "完善", "健全", "提升", "实施", "推动", "规范", "扩大", "强化"]
OBJECTS = [
    "党建工作", "课后服务", "学前教育", "教师队伍建设", "义务教育优质均衡发展", "职业教育产教融合",
    "思政课建设", "校园安全管理", "家校社协同育人", "教育督导评估", "体育美育工作", "劳动教育",
    "心理健康教育", "教育数字化转型", "招生考试管理", "特殊教育保障", "师德师风建设", "智慧校园建设",
    "普通高中多样化发展", "乡村教师支持计划",
]
SECTION_TITLES = [
    "坚持党建引领,筑牢教育发展根基", "推进各类教育协调发展", "建设高素质专业化教师队伍",
    "深化教育综合改革", "守牢安全底线,营造平安和谐校园", "提升教育治理能力", "促进学生全面发展",
]
PROSE_SECTION_TITLES = ["总体要求", "指导思想"]
SUBSECTION_TITLES = [
    "加强党的政治建设", "办好普惠学前教育", "推进义务教育优质均衡", "强化师德师风建设",
    "加强校园安全管理", "深化课堂教学改革", "完善教育保障机制",
]
UNITS = [
    "基教科", "教研中心", "各学校", "组织人事股", "办公室", "计划财务股", "职教科", "督导室",
    "安保科", "学前教育科", "组织处(机关党委)", "体卫艺股",
]
UNIT_SEPARATORS = ["、", "、", ",", ";"]
SENTENCES = [
    "年内新增公办学位{n}个",
    "全年组织集中学习不少于{k}次",
    "{obj}覆盖率达到{p}%以上",
    "完善{obj}工作机制,{verb}{obj2}",
    "建立健全{obj}考核评价体系",
    "推动{obj}与{obj2}深度融合",
    "每学期开展一次专项督导检查",
    "遴选建设一批{obj}示范校",
    "确保各项任务落地见效",
    "优化课后服务内容和方式,切实减轻学生过重课业负担",
    "实施薄弱学校改造工程{k}项",
    "坚持问题导向,聚焦群众反映强烈的突出问题",
]
PREAMBLE = ("{year}年,全县教育工作坚持以习近平新时代中国特色社会主义思想为指导,"
            "全面贯彻党的二十大精神,落实立德树人根本任务,推动教育高质量发展。")
PROSE = "坚持稳中求进工作总基调,聚焦扩优提质,着力补短板、强弱项,办好人民满意的教育。"

ITEM_PUNCTS = [".", "．", "、", "﹒", " ."]
HALF_TO_FULL = {ord(c): ord(c) + 0xFEE0 for c in "(),:;%"}
DIGIT_TO_FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
# Punctuation the cleaner never wants a space before / after (see wpanalysis.clean).
_NO_SPACE_BEFORE = set(".,:;!?)]}%")
_NO_SPACE_AFTER = set("([{")

SHORT_LINE_MAX = 20  # cells, clean text of titles and headings
BODY_LINE_MIN = 40  # cells, clean text of every line that ends a sentence


@dataclass(frozen=True)
class ItemTruth:
    """One item as a correct parse returns it (cleaned form)."""

    number: int
    title: str
    text: str
    section: int | None
    subsection: int | None
    units: tuple[str, ...]


@dataclass
class PlanCase:
    """A synthetic plan: ``raw`` as extracted, the rest its ground truth."""

    raw: str
    title: str | None
    year: int | None
    sections: list[tuple[int, str]]
    subsections: list[tuple[int | None, int, str]]
    items: list[ItemTruth]
    style: dict[str, object] = field(default_factory=dict)
    wrap_width: int | None = None


def insert_spaces(rnd: random.Random, line: str, p: float) -> str:
    """Insert extraction spaces at random where the cleaner removes them.

    A space goes between ``a`` and ``b`` only when one of them is CJK, ``b`` is
    punctuation that takes no space before it, or ``a`` an opening bracket.
    """
    if p == 0 or len(line) < 2:
        return line
    out = [line[0]]
    for a, b in zip(line, line[1:]):
        if is_cjk(a) or is_cjk(b) or b in _NO_SPACE_BEFORE or a in _NO_SPACE_AFTER:
            if rnd.random() < p:
                out.append(rnd.choice([" ", " ", "  ", "\u00a0"]))
        out.append(b)
    return "".join(out)


@st.composite
def _sentence(draw) -> str:
    template = draw(st.sampled_from(SENTENCES))
    return template.format(
        n=draw(st.integers(100, 2000)),
        k=draw(st.integers(2, 30)),
        p=draw(st.integers(80, 99)),
        obj=draw(st.sampled_from(OBJECTS)),
        obj2=draw(st.sampled_from(OBJECTS)),
        verb=draw(st.sampled_from(VERBS)),
    ) + "。"


@st.composite
def _body(draw, min_width: float) -> str:
    """Sentences (each ending in 。) until the text is at least ``min_width`` cells wide."""
    text = draw(_sentence())
    while display_width(text) < min_width:
        text += draw(_sentence())
    return text


@st.composite
def _title(draw) -> str:
    title = draw(st.sampled_from(MODIFIERS)) + draw(st.sampled_from(VERBS)) + draw(st.sampled_from(OBJECTS))
    assert "。" not in title and display_width(title) <= SHORT_LINE_MAX - 3
    return title


def hard_wrap(line: str, width: int) -> list[str]:
    """Cut ``line`` into pieces at most ``width`` display cells wide, as a PDF text layer does.

    >>> hard_wrap("加强党建。抓好支部建设。", 5)
    ['加强党建。', '抓好支部建', '设。']
    """
    pieces, cur = [], ""
    for ch in line:
        if cur and display_width(cur + ch) > width:
            pieces.append(cur)
            cur = ""
        cur += ch
    return [*pieces, cur] if cur else pieces


@st.composite
def plans(draw, wrapped: bool = False, space_p: float | None = None) -> PlanCase:
    """A synthetic plan and its ground truth (see the module docstring).

    ``wrapped=True`` draws a PDF text-layer copy instead: every paragraph is
    hard-wrapped at one width (26-34 cells) and page markers (``- 2 -``) sit
    between lines. Titles and headings stay on their own lines (they are
    shorter than the wrap width). The ground truth is the same; only the line
    breaks inside an item's text are not part of it (``PlanCase.wrap_width``
    is set, and tests compare item text without line breaks).

    ``space_p`` fixes the chance of an extraction space at each place one can go
    (drawn from 0, 0.1 and 0.4 by default).
    """
    style: dict[str, object] = {
        "item_punct": draw(st.sampled_from([*ITEM_PUNCTS, "mixed"])),
        "section_style": draw(st.sampled_from(["一、", "第一部分", "none"])),
        "part_sep": draw(st.sampled_from(["", " ", "、", ":"])),
        "sub_style": draw(st.sampled_from(["none", "(一)", "（一）", "mixed"])),
        "width": draw(st.sampled_from(["half", "full", "mixed"])),
        "full_digits": draw(st.booleans()),
        "space_p": draw(st.sampled_from([0.0, 0.1, 0.4])) if space_p is None else space_p,
        "titles": draw(st.sampled_from(["sentence", "own_line", "mixed"])),
        "numbering": draw(st.sampled_from(["run_on", "restart"])),
        "notes": draw(st.sampled_from(["none", "some", "all"])),
        "title_line": draw(st.booleans()),
        "preamble": draw(st.booleans()),
        "prose_section": draw(st.booleans()),
        "indent": draw(st.booleans()),
        "eol": draw(st.sampled_from(["\n", "\r\n"])),
    }
    if style["section_style"] == "none":
        style["numbering"] = "run_on"
        style["prose_section"] = False
    wrap_width = draw(st.integers(26, 34)) if wrapped else None
    if wrapped:
        style["wrap_width"] = wrap_width
        style["indent"] = False  # an indented first line would be wider than the wrap width
    # each body paragraph fills at least two wrapped lines, so the wrap width is the commonest
    body_min = 3 * 34 if wrapped else BODY_LINE_MIN
    year = draw(st.integers(2019, 2026))
    # character-level damage (widths, spaces, blank lines) comes from one seeded generator,
    # so a long plan does not need thousands of draws
    rnd = draw(st.randoms(use_true_random=False))

    def widen(text: str) -> str:
        """Half-width → full-width punctuation (and digits), as the plan's style says."""
        out = []
        for ch in text:
            if ch in "(),:;%" and (style["width"] == "full" or (style["width"] == "mixed" and rnd.random() < 0.5)):
                ch = ch.translate(HALF_TO_FULL)
            elif ch.isdigit() and style["full_digits"] and rnd.random() < 0.5:
                ch = ch.translate(DIGIT_TO_FULL)
            out.append(ch)
        return "".join(out)

    lines: list[str] = []  # raw lines, before spaces and indentation

    def emit(marker: str, content: str) -> None:
        lines.append(marker + widen(content))

    title = None
    if style["title_line"]:
        title = f"{draw(st.sampled_from(PLACES))}教育局{year}年工作要点"
        emit("", title)
    if style["preamble"]:
        emit("", PREAMBLE.format(year=year))

    sections: list[tuple[int, str]] = []
    subsections: list[tuple[int | None, int, str]] = []
    items: list[ItemTruth] = []
    # a prose-only first section is followed by at least one section with items
    n_sections = 0 if style["section_style"] == "none" else draw(st.integers(1 + bool(style["prose_section"]), 4))
    item_no = 0

    def section_marker(n: int) -> str:
        if style["section_style"] == "一、":
            return f"{CN_NUMERALS[n - 1]}、"
        return f"第{CN_NUMERALS[n - 1]}部分{style['part_sep']}"

    def sub_marker(n: int) -> str:
        s = style["sub_style"] if style["sub_style"] != "mixed" else draw(st.sampled_from(["(一)", "（一）"]))
        return f"({CN_NUMERALS[n - 1]})" if s == "(一)" else f"（{CN_NUMERALS[n - 1]}）"

    def add_items(section: int | None, subsection: int | None, n: int) -> None:
        nonlocal item_no
        for _ in range(n):
            item_no += 1
            punct = style["item_punct"] if style["item_punct"] != "mixed" else draw(st.sampled_from(ITEM_PUNCTS))
            t = draw(_title())
            own_line = style["titles"] == "own_line" or (style["titles"] == "mixed" and draw(st.booleans()))
            has_note = style["notes"] == "all" or (style["notes"] == "some" and draw(st.booleans()))
            units: tuple[str, ...] = ()
            note = ""
            if has_note:
                units = tuple(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True)))
                note = "(责任单位:" + units[0]
                for u in units[1:]:
                    note += draw(st.sampled_from(UNIT_SEPARATORS)) + u
                note += ")"
            note_after_stop = draw(st.booleans())
            n_extra = draw(st.integers(0, 1))  # further body lines
            marker = f"{item_no}{punct}"
            if own_line:
                emit(marker, t)
                body_lines = [draw(_body(body_min)) for _ in range(1 + n_extra)]
            else:
                first = t + "。" + draw(_body(body_min - display_width(t)))
                body_lines = [first] + [draw(_body(body_min)) for _ in range(n_extra)]
            clean_lines = list(body_lines)
            if note:
                last = body_lines[-1]
                if note_after_stop:
                    body_lines[-1] = last + note
                else:  # 正文(责任单位:A)。: the note sits before the final 。
                    body_lines[-1] = last[:-1] + note + "。"
            for k, body in enumerate(body_lines):
                emit(marker if k == 0 and not own_line else "", body)
            text = "\n".join([t, *clean_lines]) if own_line else "\n".join(clean_lines)
            items.append(ItemTruth(item_no, t, text, section, subsection, units))

    for s in range(1, n_sections + 1):
        if style["numbering"] == "restart":
            item_no = 0
        if s == 1 and style["prose_section"]:
            stitle = draw(st.sampled_from(PROSE_SECTION_TITLES))
            emit(section_marker(s), stitle)
            emit("", PROSE)
            sections.append((s, stitle))
            continue
        stitle = draw(st.sampled_from(SECTION_TITLES))
        emit(section_marker(s), stitle)
        sections.append((s, stitle))
        n_sub = 0 if style["sub_style"] == "none" else draw(st.integers(0, 3))
        if n_sub == 0:
            add_items(s, None, draw(st.integers(1, 4)))
        for k in range(1, n_sub + 1):
            sub_title = draw(st.sampled_from(SUBSECTION_TITLES))
            emit(sub_marker(k), sub_title)
            subsections.append((s, k, sub_title))
            add_items(s, k, draw(st.integers(1, 3)))
    if n_sections == 0:
        n_sub = 0 if style["sub_style"] == "none" else draw(st.integers(0, 3))
        if n_sub == 0:
            add_items(None, None, draw(st.integers(1, 8)))
        for k in range(1, n_sub + 1):
            sub_title = draw(st.sampled_from(SUBSECTION_TITLES))
            emit(sub_marker(k), sub_title)
            subsections.append((None, k, sub_title))
            add_items(None, k, draw(st.integers(1, 3)))

    if wrap_width is not None:  # PDF copy: wrap the paragraphs, page markers between lines
        wrapped_lines, page = [], 1
        for line in lines:
            for piece in hard_wrap(line, wrap_width) if line.endswith(("。", ")", "）")) else [line]:
                wrapped_lines.append(piece)
                if rnd.random() < 0.05:
                    page += 1
                    wrapped_lines.append(rnd.choice([f"- {page} -", f"第{page}页 共9页", f"— {page} —"]))
        lines = wrapped_lines

    # extraction damage: spaces, indentation, blank lines, line ends
    raw_lines = []
    for line in lines:
        spaced = insert_spaces(rnd, line, style["space_p"])  # type: ignore[arg-type]
        # keep a heading short after damage too (see the module docstring)
        if line.endswith(("。", ")", "）")) or display_width(spaced) <= SHORT_LINE_MAX + 8:
            line = spaced
        if style["indent"]:
            line = "\u3000\u3000" + line
        raw_lines.append(line)
        if wrap_width is None and rnd.random() < 0.1:
            raw_lines.append("")
    eol = str(style["eol"])
    raw = eol.join(raw_lines) + (eol if draw(st.booleans()) else "")
    return PlanCase(raw, title, year if title else None, sections, subsections, items, style, wrap_width)


# --- noise ------------------------------------------------------------------------

FRAGMENTS = [
    "一、", "二、", "十一、", "(一)", "（二）", "第一部分", "第二部分、", "1.", "2．", "3、", "12﹒", "4 .", "27",
    "。", "、", ",", "，", ":", "：", ";", "(", ")", "（", "）", "“", "”", "《", "》",
    "加强党建", "推进课后服务", "学前教育", "教师队伍", "工作要点", "2024年", "3月5日", "2024年3月5日",
    "(责任单位:", "基教科", "各学校", "责任处室:", "目标任务:", "问题描述：", "牵头单位:",
    "关于印发", "的通知", "目录", "汇编",
    "- 3 -", "第2页 共3页", "=== 第 2 页 ===", "[隐藏文字]", "发布时间:", "【字体:大 中 小】", "打印本页",
    "X", "XX", "××", "某市", "1+X", "94.5%", "Type A", "985 211",
    " ", "  ", "\u3000", "\u00a0", "\t", "\u200b", "\ufeff", "\n", "\n", "\n\n", "\r\n", "\r",
]


def plan_like_text(max_fragments: int = 60) -> st.SearchStrategy[str]:
    """Noise built from fragments the cleaner and parser react to, with some arbitrary characters."""
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3))
    return st.lists(piece, max_size=max_fragments).map("".join)
