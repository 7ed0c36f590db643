"""The structure stage's fast paths give what the full rule cascade gives.

:func:`wpanalysis.linekinds.classify` skips the line-start patterns a line's first
character rules out, and :func:`wpanalysis.webcopy.inline_markers` skips the look-behind
scans of a paragraph without a marker hint. Each is compared with its reference (the
cascade as it was before, kept here) on hand-computed lines and on generated plans.
"""

from __future__ import annotations

import heapq
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.strategies import plan_like_text, plans
from wpanalysis.clean import clean_text
from wpanalysis.grammar import (
    DATE,
    FIELD,
    INLINE_MARKER,
    INLINE_MARKER_HINT,
    ITEM,
    ITEM_LONG,
    ITEM_NO_PUNCT,
    NOTICE,
    SECTION,
    SUBSECTION,
    heading_number,
    is_toc_line,
)
from wpanalysis.linekinds import Line, classify, is_title, logical_lines
from wpanalysis.webcopy import GLUED_ITEM, inline_markers, plausible_title

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _reference_classify(line: Line, next_line: Line | None) -> None:
    """The rule cascade as it stood before the first-character test (every pattern tried in turn)."""
    s = line.shadow
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
    m = SECTION.match(s) or SUBSECTION.match(s)
    if m:
        numeral = m.group(1) or m.group(2)
        line.number = heading_number(numeral)
        if line.number is None:
            line.kind, line.malformed = "text", numeral
            return
        line.kind = "subsection" if s[0] in "(（" else "section"
        line.content_start = m.end()
        return
    m = ITEM.match(s)
    if m:
        line.number = int(m.group(1))
        line.content_start = m.end()
        rest = s[m.end():]
        if not rest.strip() and next_line is not None and (is_toc_line(next_line.shadow) or is_title(next_line.shadow)):
            line.kind = "toc"
        else:
            line.kind = "item"
        return
    m = ITEM_NO_PUNCT.match(s) or ITEM_LONG.match(s)
    if m:
        line.kind = "item?"
        line.number = int(m.group(1))
        line.content_start = m.end()
        return
    m = FIELD.match(s)
    if m:
        line.kind = "field"
        line.content_start = m.end()
        return
    if is_title(s):
        line.kind = "compilation_title" if "汇编" in s else "title"
        return
    line.kind = "text"


def _reference_markers(shadow: str, pos: int) -> list[tuple[int, int, str]]:
    """Inline markers as the merge of the two full scans gave them."""
    glued = (m for m in GLUED_ITEM.finditer(shadow, pos) if plausible_title(shadow, m.end()))
    merged = heapq.merge(INLINE_MARKER.finditer(shadow, pos), glued, key=lambda m: m.start())
    return [(m.start(), m.end(), m.group(0)) for m in merged]


def _kinds(text: str, reference: bool) -> list[tuple[str, int | None, int, str | None]]:
    lines = logical_lines(text, text)
    for i, line in enumerate(lines):
        (_reference_classify if reference else classify)(line, lines[i + 1] if i + 1 < len(lines) else None)
    return [(ln.kind, ln.number, ln.content_start, ln.malformed) for ln in lines]


# --- hand-computed ------------------------------------------------------------------------------

HAND = [  # line, (kind, number, content_start): worked out from the rules in linekinds' docstring
    ("一、总体要求", ("section", 1, 2)),
    ("第三部分 重点任务", ("section", 3, 5)),
    ("(二)深化改革", ("subsection", 2, 3)),
    ("（十二）强化保障", ("subsection", 12, 4)),
    ("12.加强党建。抓好支部。", ("item", 12, 3)),
    ("27构建协同育人机制", ("item?", 27, 2)),
    ("3年内建成", ("text", None, 0)),  # 3年: a measure word, no item
    ("1000.推进", ("item?", 1000, 5)),
    ("责任单位:教育科", ("field", None, 5)),
    ("2024年教育工作要点", ("title", None, 0)),
    ("2024年教育工作要点汇编", ("compilation_title", None, 0)),
    ("关于印发2024年工作要点的通知", ("notice", None, 0)),
    ("2024年2月26日", ("date", None, 0)),
    ("十一一、加强", ("text", None, 0)),  # no numeral: text, reported as malformed
    ("加强教师队伍建设,提高质量。", ("text", None, 0)),
]


def test_hand_computed_kinds():
    for text, want in HAND:
        line = Line(0, len(text), text, text)
        classify(line, None)
        assert (line.kind, line.number, line.content_start) == want, text


def test_malformed_numeral_is_kept_for_the_report():
    line = Line(0, 6, "十一一、加强", "十一一、加强")
    classify(line, None)
    assert line.malformed == "十一一"


def test_bare_item_number_before_a_toc_entry_is_toc():
    lines = logical_lines("1.\n2024年教育工作要点……3\n", "1.\n2024年教育工作要点……3\n")
    classify(lines[0], lines[1])
    assert lines[0].kind == "toc"


def test_inline_markers_hand_computed():
    line = "总体要求。1.加强党的政治建设。正文。(二)推进改革。体系建设2.推进清廉学校建设。"
    assert [m.group(0) for m in inline_markers(line, 0)] == ["1.", "(二)", "2."]
    assert list(inline_markers("没有任何标记的一段很长的正文" * 10, 0)) == []


# --- generated ----------------------------------------------------------------------------------


@PROPERTY
@given(plans())
def test_classify_agrees_with_the_cascade_on_plans(case):
    text = clean_text(case.raw).text
    assert _kinds(text, reference=False) == _kinds(text, reference=True)


@PROPERTY
@given(plan_like_text())
@example("一、\n(三)\n12.\n27构建\n1000.\n问题描述:\n2024年工作要点\n十一一、\n第3部分\n")
def test_classify_agrees_with_the_cascade_on_noise(text):
    assert _kinds(text, reference=False) == _kinds(text, reference=True)


@PROPERTY
@given(plans(), st.integers(min_value=0, max_value=40))
def test_inline_markers_agree_with_the_merge(case, pos):
    flat = re.sub(r"\s*\n\s*", "", clean_text(case.raw).text)  # a flattened web copy: one line
    pos = min(pos, len(flat))
    got = [(m.start(), m.end(), m.group(0)) for m in inline_markers(flat, pos)]
    assert got == _reference_markers(flat, pos)


@PROPERTY
@given(plan_like_text(), st.integers(min_value=0, max_value=20))
@example("。1.加强党建。正文\n2.推进", 1)
def test_inline_markers_agree_with_the_merge_on_noise(text, pos):
    pos = min(pos, len(text))
    assert [(m.start(), m.end(), m.group(0)) for m in inline_markers(text, pos)] == _reference_markers(text, pos)


def test_hint_is_a_necessary_condition():
    # every INLINE_MARKER match is found by the hint one character earlier
    text = "要求。1.党建。(二)改革 三、保障"
    for m in INLINE_MARKER.finditer(text):
        assert INLINE_MARKER_HINT.match(text, m.start() - 1)
