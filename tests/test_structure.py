"""Structure parsing on the nine seed documents: exact values from the corpus README."""

from __future__ import annotations

import pytest

from wpanalysis.grammar import cn_to_int
from wpanalysis.structure import parse_plan, split_units

# file, document position, title, sections, sub-sections, items, first, last, completeness
SEED_EXPECTED = [
    ("000_48301fe1551795f4.txt", 1, None, 6, 0, 28, 14, 41, "partial"),
    ("001_f29dea3288537dee.txt", 1, "市教育局2024年工作要点", 5, 20, 53, 1, 53, "full"),
    ("001_f29dea3288537dee.txt", 2, "市教育局2024年工作要点", 0, 0, 34, 1, 34, "full"),
    ("001_f29dea3288537dee.txt", 3, "市教育局2024年全市教育工作要点", 0, 8, 25, 1, 26,
     "outline-only"),
    ("001_f29dea3288537dee.txt", 4, "县教育局2024年工作要点", 6, 0, 23, 1, 23, "outline-only"),
    ("001_f29dea3288537dee.txt", 5, "县教育局2024年教育工作要点", 5, 0, 15, 1, 15, "outline-only"),
    ("002_b78361d9c286d65f.txt", 1, "2023年全市教育和体育工作要点", 2, 7, 35, 1, 35, "full"),
    ("003_10673799d0bd0e53.txt", 1, None, 10, 0, 31, 1, 31, "full"),
    ("004_236a691b5ab1fb66.txt", 1, None, 10, 0, 30, 1, 30, "full"),
]
DOCS_PER_FILE = {"000_48301fe1551795f4.txt": 1, "001_f29dea3288537dee.txt": 5,
                 "002_b78361d9c286d65f.txt": 1, "003_10673799d0bd0e53.txt": 1,
                 "004_236a691b5ab1fb66.txt": 1}


def _doc(seed_plans, name, k):
    return seed_plans[name].documents[k - 1]


@pytest.mark.parametrize("name,n", DOCS_PER_FILE.items())
def test_documents_per_file(seed_plans, name, n):
    assert len(seed_plans[name].documents) == n


@pytest.mark.parametrize("name,k,title,n_sec,n_sub,n_items,first,last,completeness",
                         SEED_EXPECTED)
def test_seed_document_structure(seed_plans, name, k, title, n_sec, n_sub, n_items, first,
                                 last, completeness):
    doc = _doc(seed_plans, name, k)
    assert doc.title == title
    assert len(doc.sections) == n_sec
    assert len(doc.subsections) == n_sub
    assert len(doc.items) == n_items
    assert doc.items[0].number == first
    assert doc.items[-1].number == last
    assert doc.completeness == completeness
    numbers = [i.number for i in doc.items]
    assert numbers == sorted(set(numbers)), "each item counted once, in order"


def test_rongcheng_sections_are_five_to_ten(seed_plans):
    doc = _doc(seed_plans, "000_48301fe1551795f4.txt", 1)
    assert [s.number for s in doc.sections] == [5, 6, 7, 8, 9, 10]
    assert {i.section for i in doc.items if i.number <= 16} == {None}  # heading 四 is lost


def test_toc_lines_are_not_items(seed_plans):
    plan = seed_plans["001_f29dea3288537dee.txt"]
    toc = [plan.text[p.start:p.end] for p in plan.parts if p.kind == "toc"]
    assert "2.市教育局2024年工作要点19" in toc
    assert "5.县教育局2024年教育工作要点50" in toc
    titles = {i.title for d in plan.documents for i in d.items}
    assert not any(t.endswith(("要点19", "要点29", "要点42", "要点50")) for t in titles)
    assert all(i.title for d in plan.documents for i in d.items)


def test_hebei_item_27_without_period_is_found(seed_plans):
    doc = _doc(seed_plans, "001_f29dea3288537dee.txt", 1)
    item = next(i for i in doc.items if i.number == 27)
    assert item.title == "构建优质均衡基本公共教育服务体系"
    assert (item.section, item.subsection) == (3, 4)
    assert item.source == "body" and item.has_body
    assert any("item 27 is in the body but not in the outline" in w for w in doc.warnings)


def test_outline_and_body_merge_counts_each_item_once(seed_plans):
    plan = seed_plans["001_f29dea3288537dee.txt"]
    hebei = plan.documents[0]
    assert sum(i.source == "body" for i in hebei.items) == 53
    assert sum(p.kind == "outline" for p in plan.parts) > 100
    city = plan.documents[2]
    assert [i.number for i in city.items if i.has_body] == [1]
    assert 21 not in [i.number for i in city.items]
    assert any("20 to 22" in w for w in city.warnings)


def test_ningbo_fields_and_units(seed_plans):
    doc = _doc(seed_plans, "003_10673799d0bd0e53.txt", 1)
    item16 = next(i for i in doc.items if i.number == 16)
    assert item16.fields["工作措施"].startswith("高质量做好与中东欧、东盟、金砖国家")
    assert set(item16.fields) == {"问题描述", "目标任务", "预期成果", "工作措施", "责任处室"}
    item2 = next(i for i in doc.items if i.number == 2)
    assert item2.title == "深化巩固主题教育成果"
    assert item2.responsible_units == ["组织处(机关党委)", "发规处"]
    assert all(set(i.fields) >= {"问题描述", "目标任务", "工作措施"} for i in doc.items)
    assert "版权" not in doc.items[-1].text  # the site's disclaimer is chrome


def test_rongcheng_item_14_units(seed_plans):
    item = _doc(seed_plans, "000_48301fe1551795f4.txt", 1).items[0]
    assert item.number == 14
    assert item.title == "推动普通高中多元化发展"
    assert item.responsible_units == ["基教科", "教研中心", "各学校"]
    assert "责任单位" not in item.text


def test_jishou_notice(seed_plans):
    plan = seed_plans["002_b78361d9c286d65f.txt"]
    doc = plan.documents[0]
    assert doc.notice_date == "2023-03-21"
    assert doc.year == 2023
    assert [s.title for s in doc.sections] == ["指导思想", "重点工作"]
    kinds = [p.kind for p in plan.parts]
    assert kinds[:6] == ["notice"] * 5 + ["title"]
    assert "section_text" in kinds


def test_heyuan_titles_are_first_sentences(seed_plans):
    doc = _doc(seed_plans, "004_236a691b5ab1fb66.txt", 1)
    assert doc.items[0].title == "持续推进习近平新时代中国特色社会主义思想进教材进课堂进头脑"


@pytest.mark.parametrize("name", sorted(DOCS_PER_FILE))
def test_round_trip_every_character_placed_once(seed_plans, name):
    plan = seed_plans[name]
    text = plan.text
    pos, rebuilt = 0, []
    for p in plan.parts:
        assert p.start >= pos, "parts overlap"
        assert not text[pos:p.start].strip(), "a character outside every part"
        rebuilt.append(text[pos:p.start])
        rebuilt.append(text[p.start:p.end])
        pos = p.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text
    assert not text[pos:].strip()
    assert plan.unassigned == []


@pytest.mark.parametrize("name", sorted(DOCS_PER_FILE))
def test_item_spans_trace_back_to_raw_text(seed_plans, name):
    plan = seed_plans[name]
    for doc in plan.documents:
        for item in doc.items:
            rs, re_ = plan.clean.raw_span(item.start, item.end)
            raw_item = plan.clean.raw[rs:re_]
            assert item.title[:4] in raw_item.replace(" ", "")


def test_cn_numerals():
    assert [cn_to_int(s) for s in ("一", "十", "十一", "二十", "九十九", "一百零五")] == [
        1, 10, 11, 20, 99, 105]


def test_split_units_keeps_parentheses_and_order():
    assert split_units("基教科、教研中心,各学校") == ["基教科", "教研中心", "各学校"]
    assert split_units("宣德处、宁波大学园区图书馆") == ["宣德处", "宁波大学园区图书馆"]


def test_restart_per_section_is_one_document():
    text = "一、甲\n1.加强甲。正文。\n2.推进乙。正文。\n二、乙\n1.落实丙。正文。\n2.完善丁。正文。\n"
    plan = parse_plan(text)
    assert len(plan.documents) == 1
    assert [(i.section, i.number) for i in plan.documents[0].items] == [
        (1, 1), (1, 2), (2, 1), (2, 2)]


def test_new_title_starts_a_new_document():
    text = ("甲县2024年工作要点\n一、党建\n1.加强党建。正文。\n"
            "乙县2024年工作要点\n一、教学\n1.提高质量。正文。\n")
    plan = parse_plan(text)
    assert [d.title for d in plan.documents] == ["甲县2024年工作要点", "乙县2024年工作要点"]
    assert [d.year for d in plan.documents] == [2024, 2024]
