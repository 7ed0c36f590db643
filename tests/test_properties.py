"""Properties of cleaning and parsing, each paired with a hand-computed example.

Generated plans come from ``tests/strategies.py`` (``plans()``; ``plans(wrapped=True)``
for PDF copies); arbitrary text from ``st.text()`` and ``plan_like_text()`` (noise made of
markers, notes, page markers and odd spaces). Runs are reproducible (``derandomize``).

The minimal inputs of parser bugs found by these properties are kept as ``@example``s
(DIGIT_SPLIT, NESTED_NOTE, SPACED_WRAP, NOTE_BEFORE_STOP), so they stay fixed.
"""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import ItemTruth, PlanCase, plan_like_text, plans

from wpanalysis.clean import clean_text
from wpanalysis.structure import parse_plan

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TARGETS = ["half", "full", None]
ZERO_WIDTH = "\u200b\ufeff"

# --- minimal failing inputs of the known failures --------------------------------------

#: A hard wrap that cuts a number (PDF copy wrapped at 17 cells): "12\n00个" is joined as "12 00个".
DIGIT_SPLIT_RAW = (
    "1.加强党建工作。年内新增公办学位12\n00个,建成城关幼儿园,启动第一实验幼\n"
    "儿园分园建设,普惠性幼儿园覆盖率达\n到91%,学前三年毛入园率达到93%以上,\n全面消除大班额问题。\n"
)
DIGIT_SPLIT_CASE = PlanCase(
    raw=DIGIT_SPLIT_RAW, title=None, year=None, sections=[], subsections=[],
    items=[ItemTruth(1, "加强党建工作",
                     "加强党建工作。年内新增公办学位1200个,建成城关幼儿园,启动第一实验幼儿园分园建设,"
                     "普惠性幼儿园覆盖率达到91%,学前三年毛入园率达到93%以上,全面消除大班额问题。",
                     None, None, ())],
    style={"example": "digit split by a hard wrap"}, wrap_width=17,
)
#: A note wrapped right after a nested ")": the line ends in ")" so it counts as a sentence end.
NESTED_NOTE_RAW = (
    "1.加强党建工作。深入抓好支部建设,\n全年组织集中学习不少于12次,推动党\n建与业务深度融合,遴选建设一批党建\n"
    "示范校,发展教职工党员300名以上(责\n任单位:计划财务股,组织处(机关党委)\n,办公室)。\n"
)
NESTED_NOTE_CASE = PlanCase(
    raw=NESTED_NOTE_RAW, title=None, year=None, sections=[], subsections=[],
    items=[ItemTruth(1, "加强党建工作",
                     "加强党建工作。深入抓好支部建设,全年组织集中学习不少于12次,推动党建与业务深度融合,"
                     "遴选建设一批党建示范校,发展教职工党员300名以上。",
                     None, None, ("计划财务股", "组织处(机关党委)", "办公室"))],
    style={"example": "note wrapped after a nested )"}, wrap_width=17,
)
#: A paragraph hard-wrapped at 16 cells, with 0, 2, 4 … extraction spaces per line: the wrap is
#: measured on the raw lines (spaces included), so it is found only when the text is cleaned again.
SPACED_WRAP_RAW = (
    "全面加强党的政治建设，推进课后服\n务提  质增效，健全教师队伍建设长效\n机制    ，深化教育评价改革，扩大普惠\n"
    "性学      前教育资源，完善特殊教育保障\n机制        ，规范民办教育发展，办好人民\n满意          的教育。\n"
)
#: A note before the final 。: the 。 goes with the note.
NOTE_BEFORE_STOP_RAW = "1.加强党建工作。抓好支部建设,全年组织集中学习不少于12次(责任单位:组织科)。\n"
NOTE_BEFORE_STOP_CASE = PlanCase(
    raw=NOTE_BEFORE_STOP_RAW, title=None, year=None, sections=[], subsections=[],
    items=[ItemTruth(1, "加强党建工作", "加强党建工作。抓好支部建设,全年组织集中学习不少于12次。",
                     None, None, ("组织科",))],
    style={"example": "note before the final 。"},
)


# --- helpers -----------------------------------------------------------------------------


def allowed_source(cleaned: str, raw: str, target: str | None) -> bool:
    """May cleaned character ``cleaned`` come from raw character ``raw``?

    Exactly one of:

    - the same character;
    - width normalisation: with ``target="half"`` a full-width form U+FF01–FF5E becomes its
      ASCII twin and ``﹒`` (U+FE52) becomes ``.``; with ``target="full"`` one of
      ``( ) , : ; ! ?`` becomes its full-width form;
    - an inserted separator: a space (runs of spaces collapse to one; a hard wrap between two
      Latin words) or a line break (kept, CRLF → LF, a flattened line split) stands on a raw
      whitespace or zero-width character (U+200B, U+FEFF), or on a control character
      (form feed, ESC …: read as a line break and reported).
    """
    if cleaned == raw:
        return True
    if target == "half" and (0xFF01 <= ord(raw) <= 0xFF5E or raw == "\ufe52"):
        return cleaned == ("." if raw == "\ufe52" else chr(ord(raw) - 0xFEE0))
    if target == "full" and raw in "(),:;!?":
        return cleaned == chr(ord(raw) + 0xFEE0)
    if cleaned == "\n" and (unicodedata.category(raw) == "Cc" or raw in "\u2028\u2029"):
        return True
    return cleaned in " \n" and (raw.isspace() or raw in ZERO_WIDTH)


def assert_traces(x: str, target: str | None) -> None:
    c = clean_text(x, target=target)
    previous = -1
    for i, ch in enumerate(c.text):
        j = c.raw_offset(i)
        assert previous < j < len(x), f"cleaned {i} maps to raw {j} after {previous}"
        assert allowed_source(ch, x[j], target), f"cleaned {i} {ch!r} from raw {j} {x[j]!r}"
        previous = j
    # and the converse: nothing visible is dropped silently
    kept = {c.raw_offset(i) for i in range(len(c.text))}
    removed = {j for a in c.artefacts for j in range(a.raw_start, a.raw_end)}
    for a in c.artefacts:
        if a.kind == "control_character":  # described, as the raw character is invisible
            assert a.raw_end == a.raw_start + 1 and a.text.startswith(f"U+{ord(x[a.raw_start]):04X} ")
        else:
            assert a.text in x[a.raw_start:a.raw_end]
    for j, ch in enumerate(x):
        if not (ch.isspace() or ch in ZERO_WIDTH):
            assert j in kept or j in removed, f"raw {j} {ch!r} is neither kept nor an artefact"


def rebuild(plan) -> str:
    """Concatenate the gaps and the parts; check the parts' invariants on the way."""
    text, pos, pieces = plan.text, 0, []
    for p in plan.parts:
        assert 0 <= p.start <= p.end <= len(text), p
        assert p.start >= pos, f"parts overlap at {p.start}"
        assert not text[pos:p.start].strip(), f"outside every part: {text[pos:p.start]!r}"
        pieces += [text[pos:p.start], text[p.start:p.end]]
        pos = p.end
    assert not text[pos:].strip(), f"outside every part: {text[pos:]!r}"
    pieces.append(text[pos:])
    return "".join(pieces)


def only_doc(case: PlanCase):
    plan = parse_plan(case.raw)
    assert len(plan.documents) == 1, [d.title for d in plan.documents]
    return plan, plan.documents[0]


# --- cleaning is idempotent ----------------------------------------------------------------


def test_idempotent_example():
    raw = "14 .推动高中发展。(责任单位: 基教科 、教研中心)\n- 3 -\n15 .加强 拔尖创新人才培养。"
    once = clean_text(raw).text
    assert once == "14.推动高中发展。(责任单位:基教科、教研中心)\n15.加强拔尖创新人才培养。"
    assert clean_text(once).text == once


@PROPERTY
@given(plans())
def test_idempotent_on_plans(case):
    once = clean_text(case.raw).text
    assert clean_text(once).text == once


@PROPERTY
@given(st.text(), st.sampled_from(["half", None]))
def test_idempotent_on_any_text(x, target):
    once = clean_text(x, target=target).text
    assert clean_text(once, target=target).text == once


@PROPERTY
@given(plan_like_text(), st.sampled_from(["half", None]))
def test_idempotent_on_plan_like_text(x, target):
    once = clean_text(x, target=target).text
    assert clean_text(once, target=target).text == once


@PROPERTY
@given(plan_like_text())
@example("a (b")
def test_idempotent_full_width_target(x):
    once = clean_text(x, target="full").text
    assert clean_text(once, target="full").text == once


@PROPERTY
@given(plans(wrapped=True).map(lambda case: case.raw))
@example(SPACED_WRAP_RAW)
def test_idempotent_on_wrapped_plans(raw):
    once = clean_text(raw).text
    assert clean_text(once).text == once


# --- every cleaned character traces to its raw character -------------------------------------


def test_trace_example():
    raw = "１４ .推动（责任单位： 基教科）"
    c = clean_text(raw)
    assert c.text == "14.推动(责任单位:基教科)"
    assert [c.raw_offset(i) for i in range(len(c.text))] == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]
    # width-normalised: １→1, ４→4, （→(, ：→:, ）→); the spaces at 2 and 12 are gone
    assert [raw[c.raw_offset(i)] for i in range(len(c.text))] == list("１４.推动（责任单位：基教科）")


def test_trace_example_artefacts_and_breaks():
    raw = "一、总体要求\r\n- 3 -\r\nType\u3000\u3000A 与 1+X\r\n"
    c = clean_text(raw)
    assert c.text == "一、总体要求\nType A与1+X\n"
    assert c.raw_offset(6) == 6  # the CRLF's \r carries the line break
    assert c.raw_offset(c.text.index(" ")) == raw.index("\u3000")  # two U+3000 → one space
    assert [(a.kind, a.raw_start, a.raw_end) for a in c.artefacts] == [("page_marker", 8, 13)]
    assert_traces(raw, "half")


@PROPERTY
@given(st.one_of(plans(), plans(wrapped=True)).map(lambda case: case.raw), st.sampled_from(TARGETS))
def test_trace_on_plans(raw, target):
    assert_traces(raw, target)


@PROPERTY
@given(st.text(), st.sampled_from(TARGETS))
def test_trace_on_any_text(x, target):
    assert_traces(x, target)


@PROPERTY
@given(plan_like_text(), st.sampled_from(TARGETS))
def test_trace_on_plan_like_text(x, target):
    assert_traces(x, target)


# --- parts and gaps rebuild the cleaned text -------------------------------------------------


def test_parts_example():
    plan = parse_plan("2024年工作要点\n一、总体要求\n1.加强党建。抓好支部。(责任单位:组织科、各学校)\n")
    assert [(p.kind, p.start, p.end) for p in plan.parts] == [("title", 0, 9), ("heading", 10, 16),
                                                               ("item", 17, 43)]
    assert len(plan.text) == 44
    assert rebuild(plan) == plan.text
    assert plan.unassigned == []


@PROPERTY
@given(st.one_of(plans(), plans(wrapped=True)))
def test_parts_rebuild_plans(case):
    plan = parse_plan(case.raw)
    assert rebuild(plan) == plan.text
    assert plan.unassigned == []


@PROPERTY
@given(st.text(), st.sampled_from(TARGETS))
def test_parts_rebuild_any_text(x, target):
    plan = parse_plan(x, target=target)
    assert rebuild(plan) == plan.text
    json.dumps(plan.to_json(), ensure_ascii=False)


@PROPERTY
@given(plan_like_text(), st.sampled_from(TARGETS))
def test_parts_rebuild_plan_like_text(x, target):
    plan = parse_plan(x, target=target)
    assert rebuild(plan) == plan.text
    json.dumps(plan.to_json(), ensure_ascii=False)


# --- generated plans parse to their ground truth ----------------------------------------------

HAND_PLAN = """\
桐江市教育局2025年工作要点
第一部分 总体要求
坚持稳中求进工作总基调,办好人民满意的教育。
第二部分、重点任务
（一）加强党的建设
1 .全面加强 党建工作。全年组织集中学习不少于１２次。（责任单位：组织人事股、办公室）
2﹒推进课后服务
　　优化课后服务内容和方式。
(二)办好学前教育
3、扩大 普惠性 学前教育资源。年内新增公办学位1200个。(责任单位:学前教育科,计划财务股)
第三部分:保障措施
4.完善教育督导评估。每学期开展一次专项督导检查。
"""


def test_ground_truth_example():
    plan = parse_plan(HAND_PLAN)
    (doc,) = plan.documents
    assert (doc.title, doc.year, doc.completeness) == ("桐江市教育局2025年工作要点", 2025, "full")
    assert [(s.number, s.title) for s in doc.sections] == [(1, "总体要求"), (2, "重点任务"), (3, "保障措施")]
    assert [(s.section, s.number, s.title) for s in doc.subsections] == [
        (2, 1, "加强党的建设"), (2, 2, "办好学前教育")]
    assert [(i.number, i.title, i.section, i.subsection, i.responsible_units) for i in doc.items] == [
        (1, "全面加强党建工作", 2, 1, ["组织人事股", "办公室"]),
        (2, "推进课后服务", 2, 1, []),
        (3, "扩大普惠性学前教育资源", 2, 2, ["学前教育科", "计划财务股"]),
        (4, "完善教育督导评估", 3, None, []),
    ]
    assert [i.text for i in doc.items] == [
        "全面加强党建工作。全年组织集中学习不少于12次。",
        "推进课后服务\n优化课后服务内容和方式。",
        "扩大普惠性学前教育资源。年内新增公办学位1200个。",
        "完善教育督导评估。每学期开展一次专项督导检查。",
    ]
    assert plan.unassigned == [] and plan.warnings == [] and doc.warnings == []


@PROPERTY
@given(plans())
def test_plans_structure(case):
    plan, doc = only_doc(case)
    assert (doc.title, doc.year) == (case.title, case.year)
    assert [(s.number, s.title) for s in doc.sections] == case.sections
    assert [(s.section, s.number, s.title) for s in doc.subsections] == case.subsections
    assert [(i.number, i.section, i.subsection) for i in doc.items] == [
        (i.number, i.section, i.subsection) for i in case.items]
    assert doc.completeness == "full"
    assert plan.warnings == [] and doc.warnings == []


@PROPERTY
@given(plans())
def test_plans_item_titles(case):
    _, doc = only_doc(case)
    assert [i.title for i in doc.items] == [i.title for i in case.items]


@PROPERTY
@given(plans())
def test_plans_item_units(case):
    _, doc = only_doc(case)
    assert [tuple(i.responsible_units) for i in doc.items] == [i.units for i in case.items]


@PROPERTY
@given(plans())
@example(NOTE_BEFORE_STOP_CASE)
def test_plans_item_text(case):
    _, doc = only_doc(case)
    assert [i.text for i in doc.items] == [i.text for i in case.items]


def _flat(s: str) -> str:
    return s.replace("\n", "")


@PROPERTY
@given(plans(wrapped=True))
@example(DIGIT_SPLIT_CASE)
@example(NESTED_NOTE_CASE)
def test_wrapped_plans_ground_truth(case):
    _, doc = only_doc(case)
    assert [(s.number, s.title) for s in doc.sections] == case.sections
    assert [(s.section, s.number, s.title) for s in doc.subsections] == case.subsections
    assert [(i.number, i.section, i.subsection) for i in doc.items] == [
        (i.number, i.section, i.subsection) for i in case.items]
    assert [i.title for i in doc.items] == [i.title for i in case.items]
    assert [tuple(i.responsible_units) for i in doc.items] == [i.units for i in case.items]
    # where the PDF broke a paragraph is not part of the truth
    assert [_flat(i.text) for i in doc.items] == [_flat(i.text) for i in case.items]


@PROPERTY
@given(plans(wrapped=True, space_p=0.0))
def test_wrapped_plans_without_spaces_titles_and_numbers(case):
    """What a PDF copy without extraction spaces already gets right: structure and titles."""
    _, doc = only_doc(case)
    assert [(s.number, s.title) for s in doc.sections] == case.sections
    assert [(s.section, s.number, s.title) for s in doc.subsections] == case.subsections
    assert [(i.number, i.section, i.subsection, i.title) for i in doc.items] == [
        (i.number, i.section, i.subsection, i.title) for i in case.items]
