"""Plans as they are found on the web (issue 16): portal pages, document-sharing copies, flattened
copies, cut unit notes and closing signatures. The fixtures are in tests/fixtures/plans/web/ (their
structure is checked by test_fixtures.py); here: the evidence each shape leaves, by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpanalysis.build import parse_file
from wpanalysis.clean import clean_text
from wpanalysis.structure import parse_plan
from wpanalysis.webcopy import (
    closing_tail,
    cut_unit_note,
    find_web_artefacts,
    glued_title_end,
    inline_markers,
    plausible_title,
    portal_meta_kind,
    repeats_headline,
)

WEB = Path(__file__).parent / "fixtures" / "plans" / "web"
NAMES = sorted(p.stem for p in WEB.glob("*.txt"))


def _plan(name: str):
    return parse_file(WEB / f"{name}.txt")


def _artefacts(plan, kind: str) -> list[str]:
    return [a.text for a in plan.clean.artefacts if a.kind == kind]


def _parts(plan, kind: str) -> list[str]:
    return [plan.text[p.start:p.end] for p in plan.parts if p.kind == kind]


# --- 1. portal pages: headline + meta line + notice + plan are one plan ------------------------


def test_portal_headline_is_kept_as_evidence_of_one_plan():
    plan = _plan("portal_notice")
    (doc,) = plan.documents
    assert (doc.title, doc.source_headline) == ("松岭县教育局2024年工作要点", "松岭县教育局2024年工作要点")
    assert doc.notice_date == "2024-03-08" and doc.year == 2024
    assert _parts(plan, "headline") == ["松岭县教育局2024年工作要点"]
    assert _parts(plan, "notice")[0] == "松岭县教育局关于印发《松岭县教育局2024年工作要点》的通知"
    assert _artefacts(plan, "web_chrome") == ["首页 > 信息公开 > 通知公告",
                                              "【发布时间】2024-03-12 09:30 【来源】松岭县教育局 【点击量】1268",
                                              "【打印本页】【关闭窗口】"]
    assert plan.to_json()["documents"][0]["source_headline"] == "松岭县教育局2024年工作要点"


def test_portal_traditional_meta_and_summary_are_chrome():
    plan = _plan("portal_traditional")
    (doc,) = plan.documents
    assert (doc.title, doc.source_headline, doc.notice_date) == (
        "雲水縣教育局2025年工作要點", "雲水縣教育局2025年工作要點", "2025-02-18")
    chrome = _artefacts(plan, "web_chrome")
    assert chrome[0].startswith("來源：雲水縣教育局") and chrome[1].startswith("導語：為全面貫徹")
    assert len(chrome) == 2


def test_portal_headline_with_a_column_tag():
    (doc,) = _plan("portal_no_notice").documents
    assert doc.title == "梧桐市教育局2024年教育工作要点"
    assert doc.source_headline == "【计划总结】梧桐市教育局2024年教育工作要点"
    assert doc.notice_date is None


def test_portal_headline_worded_differently():
    plan = _plan("portal_headline_differs")
    (doc,) = plan.documents
    assert (doc.title, doc.source_headline) == ("杉林县教育局2024年工作要点", "杉林县教育局印发2024年工作要点")
    assert doc.notice_date == "2024-02-26"
    assert [a.text[:6] for a in plan.clean.artefacts] == ["您当前的位置", "【发布时间】", "分享到："]


def test_a_plan_without_a_headline_has_none_in_its_json():
    plan = _plan("cut_note")
    assert plan.documents[0].source_headline is None
    assert "source_headline" not in plan.to_json()["documents"][0]


# --- 2. document-sharing copies: banner and page-chunk markers -----------------------------------


def test_sharing_banner_and_chunk_markers_are_artefacts_at_their_raw_offsets():
    plan = _plan("wenku_lines")
    raw = plan.clean.raw
    assert _artefacts(plan, "sharing_banner") == [raw.splitlines()[0]]
    markers = [(a.text, a.raw_start) for a in plan.clean.artefacts if a.kind == "chunk_marker"]
    assert markers == [("1、", raw.index("1、石门县")), ("2、", raw.index("2、伍建设")), ("3、", raw.index("3、三、"))]
    # the word the marker split is joined back, and each half still maps to its raw character
    item5 = next(i for i in plan.documents[0].items if i.number == 5)
    assert item5.title == "加强教师队伍建设"
    k = plan.text.index("教师队伍建设")
    assert plan.clean.raw_offset(k + 2) == raw.index("队\n2、伍")
    assert plan.clean.raw_offset(k + 3) == raw.index("伍建设")


@pytest.mark.parametrize("name,expected", [
    ("wenku_flat", ["1、", "2、", "3、", "4、"]),
    ("wenku_traditional", ["1、", "2、", "3、"]),
    ("wenku_no_banner", ["1、", "2、", "3、", "4、"]),
])
def test_chunk_markers_of_each_copy(name, expected):
    plan = _plan(name)
    assert _artefacts(plan, "chunk_marker") == expected
    assert len(_artefacts(plan, "sharing_banner")) == (0 if name == "wenku_no_banner" else 1)


def test_split_words_are_joined_back():
    texts = {name: " ".join(i.text for i in _plan(name).documents[0].items)
             for name in ("wenku_flat", "wenku_traditional", "wenku_no_banner")}
    assert "新增学位360个" in texts["wenku_flat"] and "提升教师专业素质" in texts["wenku_flat"]
    assert "中小学幼儿园“一键报警”" in texts["wenku_flat"]
    assert "推進義務教育優質均衡發展" in texts["wenku_traditional"]
    assert "培训教师2000人次" in texts["wenku_no_banner"] and "示范校10所" in texts["wenku_no_banner"]


def test_chunk_markers_need_the_evidence_together():
    # a banner, then a plan whose items really are 1、2、3、 after sentence ends: only chunk 1 is a marker
    raw = ("《甲县2024年工作要点.docx》由用户分享，共2页，请在本站搜索。\n1、甲县2024年工作要点\n一、总体要求\n"
           + "".join(f"{n}、加强工作{n}。" + "正文。" * 40 + "\n" for n in (1, 2, 3)))
    found = find_web_artefacts(raw)
    assert [k for _, _, k in found.spans] == ["sharing_banner", "chunk_marker"]
    # no banner: 1、2、3、 items at line starts are never markers
    assert find_web_artefacts(raw.split("\n", 2)[2]).spans == []


def test_chunk_markers_among_real_dunhao_items():
    """After a banner, a 、 number after a full stop is the plan's item; one inside a word is a chunk marker."""
    raw = ("《甲县2024年工作要点.docx》由用户分享，共2页，请在本站搜索。\n1、甲县2024年工作要点\n一、总体要求\n"
           "1、加强党建工作。" + "正文。" * 40 + "加强教师队\n2、伍建设。\n2、推进课后服务。" + "正文。" * 40 + "\n")
    found = find_web_artefacts(raw)
    assert [(raw[s:e], s) for s, e, k in found.spans if k == "chunk_marker"] == [
        ("1、", raw.index("1、甲县")), ("2、", raw.index("2、伍"))]
    items = parse_plan(raw).documents[0].items
    assert [(i.number, i.title) for i in items] == [(1, "加强党建工作"), (2, "推进课后服务")]
    assert "加强教师队伍建设。" in items[0].text


def test_banner_at_the_end_falls_back_to_the_evidence_of_the_markers():
    body = "".join(f"{n}.加强工作{n}。" + "正文内容。" * 40 + "加强教" + (f"\n{n + 1}、" if n < 4 else "")
                   + "师队伍。\n" for n in range(1, 5))
    raw = "1、甲县2024年工作要点\n" + body + "《甲县2024年工作要点.doc》由用户上传分享，请在本站搜索。\n"
    kinds = [k for _, _, k in find_web_artefacts(raw).spans]
    assert kinds == ["chunk_marker"] * 4 + ["sharing_banner"]


@pytest.mark.parametrize("name", ["closing_signature", "dunhao_items", "two_plans", "flat_signature"])
def test_negative_cases_have_no_web_artefacts(name):
    plan = _plan(name)
    assert [a.kind for a in plan.clean.artefacts] == []
    assert plan.unassigned == [] and plan.warnings == []


def test_two_plans_stay_two():
    plan = _plan("two_plans")
    assert [(d.title, d.notice_date, d.source_headline) for d in plan.documents] == [
        ("南溪县教育局2024年工作要点", "2024-02-20", None),
        ("南溪县教育局2024年教育督导工作要点", "2024-02-22", None)]


# --- 3. flattened copies: glued item numbers and repeated titles --------------------------------------


def test_repeated_title_copies_are_an_artefact():
    plan = _plan("flat_glued")
    title = "青石县教育局2024年工作要点"
    (found,) = [a for a in plan.clean.artefacts if a.kind == "repeated_title"]
    assert (found.text, found.raw_start, found.raw_end) == (title * 2, len(title), 3 * len(title))
    assert plan.documents[0].title == title
    assert _parts(plan, "title") == [title]


def test_glued_item_numbers_follow_the_sequence():
    (doc,) = _plan("flat_glued").documents
    assert [(i.number, i.section, i.title) for i in doc.items][:3] == [
        (1, 1, "加强党的政治建设"), (2, 1, "推进清廉学校建设"), (3, 2, "推进学前教育普及普惠")]
    assert "1.2万个" in doc.items[2].text and "2.5万元" in doc.items[6].text  # decimals are not numbers


def test_glued_markers_and_titles():
    assert [m.group(0) for m in inline_markers("办学水平1.加强党的建设。正文。新增学位1.2万个。", 0)] == ["1."]
    assert plausible_title("加强党的政治建设。", 0) and not plausible_title("万个。", 0)
    assert not plausible_title("加强党的政治建设全面提升办学水平推进" * 3, 0)  # no sentence end in reach
    assert glued_title_end("甲县2024年工作要点2024年,全县") == 11
    assert glued_title_end("甲县2024年工作要点的通知") is not None  # callers use it at a copy's start only


# --- 4. cut unit notes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name,number,units", [
    ("cut_note", 6, ["办公室", "人事处", "基教处"]),
    ("flat_glued_traditional", 5, ["辦公室", "人事股", "基教股"]),
])
def test_cut_unit_note_keeps_its_units_and_warns(name, number, units):
    (doc,) = _plan(name).documents
    item = doc.items[-1]
    assert (item.number, item.responsible_units) == (number, units)
    assert "责任处室" not in item.text and "責任處室" not in item.text
    assert doc.warnings == [f"item {number}: the responsibility note is cut at the end of the text (no closing "
                            f"parenthesis); the units before the cut are kept: {'、'.join(units)}"]


def test_cut_unit_note_pattern():
    assert cut_unit_note("建设平台。(责任处室:办公室、人事处") == (5, 6)
    assert cut_unit_note("建设平台。(责任处室:办公室)") is None
    assert cut_unit_note("建设平台(含分校") is None
    plan = parse_plan("1.加强党建。正文。（责任单位：办公室、人事股…\n")
    assert plan.documents[0].items[0].responsible_units == ["办公室", "人事股"]


# --- 5. closing signatures ----------------------------------------------------------------------------------


def test_closing_signature_is_not_part_of_the_last_item():
    plan = _plan("closing_signature")
    (doc,) = plan.documents
    assert _parts(plan, "closing") == ["中共鹿鸣县委教育工作委员会", "鹿鸣县教育局", "二〇二五年二月二十六日"]
    assert doc.notice_date == "2025-02-26"
    assert doc.items[-1].text == "加强教师队伍建设。招聘新教师70名,开展乡村教师全员轮训。"


def test_closing_signature_glued_to_a_flattened_last_item():
    plan = _plan("flat_signature")
    (doc,) = plan.documents
    assert _parts(plan, "closing") == ["鹤山县教育局", "2024年2月20日"]
    assert doc.notice_date == "2024-02-20"
    assert doc.items[-1].text == "加强教师队伍建设。招聘新教师60名,开展乡村教师全员轮训。"
    assert doc.items[-1].responsible_units == ["组织人事股", "教师进修学校"]


def test_issuer_and_date_on_one_line_close_the_plan():
    plan = parse_plan("甲县2024年工作要点\n一、总体\n1.加强党建。正文。\n2.推进工作。正文。\n"
                      "甲县教育局 2024年2月20日\n")
    assert _parts(plan, "closing") == ["甲县教育局", "2024年2月20日"]
    assert plan.documents[0].items[-1].text == "推进工作。正文。" and plan.documents[0].notice_date == "2024-02-20"
    lone = parse_plan("甲县2024年工作要点\n1.甲县教育局2024年2月20日\n")  # an item is never emptied
    assert lone.documents[0].items[0].title == "甲县教育局2024年2月20日"


def test_banner_without_a_file_extension():
    raw = ("《甲县2024年工作要点》由用户分享，共2页，请在本站搜索。\n"
           "1、甲县2024年工作要点\n一、总体\n1 .加强党建。正文。\n")
    assert [k for _, _, k in find_web_artefacts(raw).spans] == ["sharing_banner", "chunk_marker"]
    assert find_web_artefacts("1.贯彻《义务教育法》，由学校分享经验，提供服务。\n").spans == []


def test_closing_tail_rule():
    assert closing_tail([("item", "5.甲。"), ("date", "2024年2月20日")]) == 1
    assert closing_tail([("item", "5.甲。"), ("text", "正文继续。"), ("date", "2024年2月20日")]) == 1
    assert closing_tail([("item", "5.甲。"), ("text", "鹿鸣县教育局")]) == 0  # no date: not a signature


# --- the rules' edges -----------------------------------------------------------------------------------------


def test_headline_rule():
    assert repeats_headline("松岭县教育局2024年工作要点", "松岭县教育局2024年工作要点", False)
    assert repeats_headline("松岭县教育局印发2024年工作要点", "松岭县教育局2024年工作要点", True)
    assert repeats_headline("松岭县教育局印发2024年工作要点", "松岭县教育局2024年工作要点", False)  # same bureau
    assert not repeats_headline("市教育局印发2024年工作要点", "县教育局2024年工作要点", False)
    assert repeats_headline("市教育局印发2024年工作要点", "县教育局2024年工作要点", True)  # a notice between
    assert not repeats_headline("松岭县教育局2023年工作要点", "松岭县教育局2024年工作要点", True)


def test_portal_meta_lines():
    assert portal_meta_kind("【发布时间】2024-03-12【点击量】12") == "web_chrome"
    assert portal_meta_kind("來源：雲水縣教育局　時間：2025-02-21") == "web_chrome"
    assert portal_meta_kind("1.加强来源地管理。") is None
    assert portal_meta_kind("导向明确，措施有力。") is None


@pytest.mark.parametrize("name", NAMES)
def test_cleaning_web_copies_is_idempotent(name):
    once = clean_text((WEB / f"{name}.txt").read_text(encoding="utf-8")).text
    assert clean_text(once).text == once


def test_there_are_fifteen_web_fixtures():
    assert len(NAMES) == 15
