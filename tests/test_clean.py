"""Golden cases for wpanalysis.clean, as tables of (input, expected output).

Tables by origin, after ftfy's test cases:

- ``IN_THE_WILD``: verbatim strings from the seed files (frozen in ``tests/seed_corpus/``);
- ``SYNTHETIC``: made-up strings for what the seed files lack;
- ``NEGATIVE``: text that only looks damaged and must be left alone;
- ``WRAPS_AND_NOTES``: PDF wraps and responsibility notes that were known failures, now fixed.

Decisions the tables record:

- ``985 211`` (two numbers with only a space between them) keeps its space: joining would
  invent the number 985211. In the seed text they are written ``985 、 211``, which the
  space-before-、 rule already repairs.
- ``1+X`` (the certificate scheme) is not a redaction; ``某`` is one only before a place word.
"""

from __future__ import annotations

import re

import pytest

from wpanalysis.clean import clean_text, find_redactions

# (input, expected)
IN_THE_WILD = [
    ("14 .推动普通高中多元化发展。", "14.推动普通高中多元化发展。"),
    ("(责任单位: 基教科 、教研中心,各学校)", "(责任单位:基教科、教研中心,各学校)"),
    ("孵化 X 市级以上标志性成果 20 项以上。", "孵化X市级以上标志性成果20项以上。"),
    ("对接省 教科院、省招生考试院和 985 、 211 “双一流”高校", "对接省教科院、省招生考试院和985、211“双一流”高校"),
    ("严格落实“ 1530 ”安全教育制度", "严格落实“1530”安全教育制度"),
    ("每学年参加 1 — 2 次集体 研 学实践活动", "每学年参加1—2次集体研学实践活动"),
    ("17 .推动教学 提质培优 。 深化", "17.推动教学提质培优。深化"),
]

SYNTHETIC = [
    ("1．加强党建", "1.加强党建"),
    ("1﹒扩大普惠性学前教育资源", "1.扩大普惠性学前教育资源"),
    ("2 .推进义务教育优质均衡发展", "2.推进义务教育优质均衡发展"),
    ("（一）加强党的政治建设", "(一)加强党的政治建设"),
    ("第 一 部分 总体要求", "第一部分总体要求"),
    ("\u3000\u3000一、总体要求", "一、总体要求"),
    ("学前三年毛入园率达到 92% 以上", "学前三年毛入园率达到92%以上"),
    ("新增公办学位１２００个", "新增公办学位1200个"),
    ("加强\u200b党建\ufeff工作", "加强党建工作"),
    ("一、总体要求  \t\n", "一、总体要求\n"),
    ("一、总体要求\r\n1.加强党建。\r\n", "一、总体要求\n1.加强党建。\n"),
    ("枫林县教育局 2024 年工作要点", "枫林县教育局2024年工作要点"),
    ("目标任务：学前三年毛入园率达到９２％以上；", "目标任务:学前三年毛入园率达到92%以上;"),
    ("( 责任单位 : 组织人事股 , 各学校 )", "(责任单位:组织人事股,各学校)"),
]

NEGATIVE = [
    "Type A",
    "985 211",
    "“1+X”证书制度试点",
    "学前三年毛入园率达到94.5%",
    "新增学位1.2万个",
    "2024年3月5日",
    "发布于2024-03-05 10:21",
    "《中华人民共和国义务教育法》",
    "巩固“双减”成果",
    "一、总体要求\n\n二、重点任务\n",
]

# (input, target, expected)
WIDTHS = [
    ("（一）加强党建：１２００个，ＡＢ；！？", "half", "(一)加强党建:1200个,AB;!?"),
    ("（一）加强党建：１２００个，ＡＢ；！？", None, "（一）加强党建：１２００个，ＡＢ；！？"),
    ("(一)加强党建:完成,好;吗!对?", "full", "（一）加强党建：完成，好；吗！对？"),
    ("10:30 开会,12,000 人参加", "full", "10:30开会，12,000人参加"),
    ("1.加强党建。“双减”、《纲要》——", "half", "1.加强党建。“双减”、《纲要》——"),
    ("1.加强党建。“双减”、《纲要》——", "full", "1.加强党建。“双减”、《纲要》——"),
]

# (input, expected, target): PDF wraps and notes; once known failures, fixed since
WRAPS_AND_NOTES = [
    pytest.param(
        "年内新增公办学位12\n00个，建成城关幼儿\n园，启动第一实验幼\n儿园分园建设，普惠\n性幼儿园覆盖率达到\n91%，学前三年毛入\n"
        "园率达到93%以上。\n",
        "年内新增公办学位1200个,建成城关幼儿园,启动第一实验幼儿园分园建设,普惠性幼儿园覆盖率达到91%,"
        "学前三年毛入园率达到93%以上。\n",
        "half", id="hard-wrap-inside-a-number-gets-a-space"),
    pytest.param(
        "1.加强党建工作。抓好支部建设(责任单位:组织处(机关党委)\n、各学校)。\n",
        "1.加强党建工作。抓好支部建设(责任单位:组织处(机关党委)、各学校)。\n",
        "half", id="note-broken-after-nested-paren-is-not-joined"),
    pytest.param(
        "1.加强党建工作。抓好支部建设(责任单位:组织处(机关党\n委)、各学校)。\n",
        "1.加强党建工作。抓好支部建设(责任单位:组织处(机关党委)、各学校)。\n",
        "half", id="note-broken-inside-nested-paren-is-not-joined"),
    pytest.param(
        "1.加强党建工作。抓好支部建设。(牵头单位:组织科)\n继续推进支部标准化建设。\n",
        "1.加强党建工作。抓好支部建设。(牵头单位:组织科)\n继续推进支部标准化建设。\n",
        "half", id="closed-lead-unit-note-joins-next-line"),  # operator precedence in _opens_unit_note
    pytest.param(
        "全面加强党的政治建设，推进课后服\n务提  质增效，健全教师队伍建设长效\n机制    ，深化教育评价改革，扩大普惠\n"
        "性学      前教育资源，完善特殊教育保障\n机制        ，规范民办教育发展，办好人民\n满意          的教育。\n",
        "全面加强党的政治建设,推进课后服务提质增效,健全教师队伍建设长效机制,深化教育评价改革,"
        "扩大普惠性学前教育资源,完善特殊教育保障机制,规范民办教育发展,办好人民满意的教育。\n",
        "half", id="wrap-width-measured-with-extraction-spaces"),
    # '(' between two ASCII letters stays half-width (as ',' in 12,000), and the space goes
    pytest.param("a (b", "a(b", "full", id="full-target-space-before-paren"),
    # a short plan (too few lines to detect a wrap width) whose note is cut after "(责"
    pytest.param("2.推进课后服务。提质增效。(责\n任单位:各学校、组织处(机关党委))\n",
                 "2.推进课后服务。提质增效。(责任单位:各学校、组织处(机关党委))\n", "half",
                 id="note-cut-after-first-char"),
    # in the wild (000_48301fe1551795f4.txt): with a full-width comma the space goes
    # ("职教科， X水产学校" → "职教科,X水产学校"); the output should not depend on the comma's width
    pytest.param("(责任单位:职教科, X 水产学校)", "(责任单位:职教科,X水产学校)", "half",
                 id="space-after-half-width-comma-before-latin-kept"),
]


@pytest.mark.parametrize("raw,expected", IN_THE_WILD)
def test_in_the_wild(raw, expected):
    assert clean_text(raw).text == expected


@pytest.mark.parametrize("raw,expected", SYNTHETIC)
def test_synthetic(raw, expected):
    assert clean_text(raw).text == expected


@pytest.mark.parametrize("raw", NEGATIVE)
def test_negative_left_alone(raw):
    c = clean_text(raw)
    assert c.text == raw
    assert c.n_spaces_removed == 0 and c.n_width_changed == 0 and c.artefacts == []


@pytest.mark.parametrize("raw,target,expected", WIDTHS)
def test_width_targets(raw, target, expected):
    assert clean_text(raw, target=target).text == expected


def test_width_target_is_checked():
    with pytest.raises(ValueError, match="target"):
        clean_text("加强", target="wide")  # type: ignore[arg-type]


def test_counts_of_what_was_changed():
    c = clean_text("14 .推动（一） 基教科 、")
    assert c.text == "14.推动(一)基教科、"
    assert (c.n_spaces_removed, c.n_width_changed) == (3, 2)


@pytest.mark.parametrize("raw,expected,target", WRAPS_AND_NOTES)
def test_wraps_and_notes(raw, expected, target):
    assert clean_text(raw, target=target).text == expected


# --- artefacts --------------------------------------------------------------------------


def test_page_markers_removed_and_recorded():
    raw = ("一、总体要求\n- 3 -\n第3页 共12页\n=== 第 2 页 ===\nPage 3 of 12\n3/12\n"
           "1.加强党建。\n")
    c = clean_text(raw)
    assert c.text == "一、总体要求\n1.加强党建。\n"
    assert [(a.kind, a.text) for a in c.artefacts] == [
        ("page_marker", "- 3 -"), ("page_marker", "第3页 共12页"), ("page_marker", "=== 第 2 页 ==="),
        ("page_marker", "Page 3 of 12"), ("page_marker", "3/12")]
    assert [(a.raw_start, a.raw_end) for a in c.artefacts] == [(7, 12), (13, 21), (22, 35), (36, 48), (49, 53)]
    assert all(raw[a.raw_start:a.raw_end] == a.text for a in c.artefacts)


def test_web_chrome_removed_and_recorded():
    raw = ("首页 > 政务公开 > 通知公告\n临河市教育局2024年工作要点\n发布时间:2024-03-05 10:21 来源:临河市教育局\n"
           "【字体:大 中 小】\n打印本页 关闭窗口\n一、总体要求\n分享到：\n【打印】【关闭】\n")
    c = clean_text(raw)
    assert c.text == "临河市教育局2024年工作要点\n一、总体要求\n"
    assert [a.kind for a in c.artefacts] == ["web_chrome"] * 6
    assert [a.text for a in c.artefacts] == [
        "首页 > 政务公开 > 通知公告", "发布时间:2024-03-05 10:21 来源:临河市教育局", "【字体:大 中 小】",
        "打印本页 关闭窗口", "分享到：", "【打印】【关闭】"]
    assert all(raw[a.raw_start:a.raw_end] == a.text for a in c.artefacts)


def test_long_disclaimer_is_chrome():
    raw = ("1.加强党建。\n"
           "本站所有文章、图片版权均归本网所有，未经书面授权，任何单位和个人不得转载、复制或以其他方式使用。\n")
    c = clean_text(raw)
    assert c.text == "1.加强党建。\n"
    assert [a.kind for a in c.artefacts] == ["web_chrome"]


def test_hidden_text_markers_removed_and_recorded():
    raw = "4.扩大资源。新增学位1200个[隐藏文字]，毛入园率达到92%。\n[隐藏内容]\n5.推进均衡。\n"
    c = clean_text(raw)
    assert c.text == "4.扩大资源。新增学位1200个,毛入园率达到92%。\n5.推进均衡。\n"
    assert [(a.kind, a.text, a.raw_start, a.raw_end) for a in c.artefacts] == [
        ("hidden_text_marker", "[隐藏文字]", 16, 22), ("hidden_text_marker", "[隐藏内容]", 34, 40)]


# --- hard wraps -------------------------------------------------------------------------

WRAPPED = """\
枫林县教育局2024年工作要点
一、全面加强党的领导
1.深化党建引领工程。以创建“清廉学校”为抓手,推进党建
与业务深度融合,年内创建县级党建示范校10所,发展教职工
党员30名以上。(责任单位:组织人事股,各学校)
2.加强意识形态阵地管理。落实意识形态工作责任制,规范教
- 1 -
材教辅、校园讲座等阵地管理,每半年开展一次意识形态领域风
险研判。(责任单位:办公室)
3.扩大普惠性学前教育资源。年内建成城关幼儿园,启动县第
一实验幼儿园分园建设,新增公办学位540个。(责任单位:基础
教育股)
"""


def test_hard_wraps_joined():
    c = clean_text(WRAPPED)
    # line widths 26.5 26 26.5 27.5 26.5 27 (ASCII counts half a cell): the wrap is at 27
    assert c.wrap_width == 27.0
    assert c.text == (
        "枫林县教育局2024年工作要点\n一、全面加强党的领导\n"
        "1.深化党建引领工程。以创建“清廉学校”为抓手,推进党建与业务深度融合,年内创建县级党建示范校10所,"
        "发展教职工党员30名以上。(责任单位:组织人事股,各学校)\n"
        "2.加强意识形态阵地管理。落实意识形态工作责任制,规范教材教辅、校园讲座等阵地管理,"
        "每半年开展一次意识形态领域风险研判。(责任单位:办公室)\n"
        "3.扩大普惠性学前教育资源。年内建成城关幼儿园,启动县第一实验幼儿园分园建设,新增公办学位540个。"
        "(责任单位:基础教育股)\n")
    assert c.n_wraps_joined == 6
    assert [a.text for a in c.artefacts] == ["- 1 -"]


def test_unwrapped_lines_stay_apart():
    raw = "一、总体要求\n坚持稳中求进。\n二、重点任务\n1.加强党建工作。抓好支部建设。\n2.推进课后服务\n优化服务方式。\n"
    c = clean_text(raw)
    assert c.wrap_width is None
    assert c.text == raw


def test_unclosed_note_joined_without_wrap():
    raw = "1.加强党建。抓好支部建设。(责任单位:组织\n人事股、各学校)\n2.推进课后服务。\n"
    assert clean_text(raw).text == "1.加强党建。抓好支部建设。(责任单位:组织人事股、各学校)\n2.推进课后服务。\n"


def test_flattened_web_line_split_at_markers():
    body = "一、坚持立德树人 1．深化思政课建设。推进大中小学思政课一体化。（责任单位：德育科） "
    raw = body * 8 + "2．加强劳动教育。"  # 8 × 41.5 cells: wider than 300, a flattened copy
    c = clean_text(raw)
    lines = c.text.split("\n")
    assert lines[:3] == [
        "一、坚持立德树人", "1.深化思政课建设。推进大中小学思政课一体化。(责任单位:德育科)", "一、坚持立德树人"]
    assert lines[-1] == "2.加强劳动教育。"


# --- redactions -----------------------------------------------------------------------

REDACTIONS = [
    ("孵化X市级以上标志性成果", [(2, 3, "X")]),
    ("奋力开创XX教育高质量发展新局面", [(4, 6, "XX")]),
    ("××县教育局", [(0, 2, "××")]),
    ("ＸＸ学校", [(0, 2, "ＸＸ")]),
    ("某市教育局", [(0, 1, "某")]),
    ("“1+X”证书制度", []),
    ("Type A", []),
    ("XML", []),
    ("某些学校", []),
]


@pytest.mark.parametrize("text,expected", REDACTIONS)
def test_redactions(text, expected):
    assert find_redactions(text) == expected


def test_redaction_found_after_cleaning():
    c = clean_text("孵化 X 市级以上标志性成果 20 项以上")
    assert find_redactions(c.text) == [(2, 3, "X")]
    assert c.raw_offset(2) == 3


def _top_level_alternatives(pattern: str) -> list[str]:
    out, depth, cur, escaped, in_class = [], 0, "", False, False
    for ch in pattern:
        if escaped:
            cur, escaped = cur + ch, False
            continue
        if ch == "\\":
            cur, escaped = cur + ch, True
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    return out + [cur]


def test_every_web_chrome_alternative_has_a_key_character():
    """The cheap pre-check may only skip lines that the full web-chrome pattern cannot match:
    each alternative (each word inside a group of words) needs a literal key character."""
    from wpanalysis.clean import _CHROME, _CHROME_KEY

    alternatives = _top_level_alternatives(_CHROME.pattern)
    assert len(alternatives) == 25
    for alt in alternatives:
        words = [alt]
        group = re.match(r"\^?\(\?:(.*?)\)", alt)
        if group:  # a group of words followed by a shared tail: each word, or the tail
            tail = alt[group.end():]
            words = [w + tail for w in group.group(1).split("|")]
        for word in words:
            literal = re.sub(r"\[[^\]]*\]\??|\\s\*|\\\[|\\\]|[\^$?]", "", word)
            assert _CHROME_KEY.search(literal) or re.search(r"\[[:：]+\]", word), word


def test_character_tables_match_the_patterns_they_stand_for():
    """The numpy tables behind the fast width and space checks agree with is_cjk and the
    extraction-space pattern on every code point of the Basic Multilingual Plane and more."""
    from wpanalysis.clean import _SPACE_MASK, _SPACE_RUN, _WIDE_MASK
    from wpanalysis.script import is_cjk

    for cp in [*range(0x10000), 0x20000, 0x2A6DF, 0x3134F, 0x31350, 0x10FFFF]:
        ch = chr(cp)
        assert _WIDE_MASK[cp] == is_cjk(ch), hex(cp)
        assert _SPACE_MASK[cp] == bool(_SPACE_RUN.fullmatch(ch)), hex(cp)
