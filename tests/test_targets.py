"""Targets, extraction: exact extractions from seed items, non-targets of every kind, the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.build import build_corpus
from wpanalysis.cli import main
from wpanalysis.targets import extract_targets


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return build_corpus(SEED_REGISTRY, SEED_RAW).items


def _item_text(items: pd.DataFrame, doc_id: str, number: int) -> str:
    row = items[(items["doc_id"] == doc_id) & (items["item_number"] == number)]
    assert len(row) == 1
    return row["text"].iloc[0]


def _short(text: str) -> list[tuple]:
    return [(t.raw, t.comparator, t.value, t.unit) for t in extract_targets(text)]


# --------------------------------------------------------------------------- seed items, exactly


def test_hebei_item_23_money_area_and_wan(items):
    assert _short(_item_text(items, "hebei_city_2024", 23)) == [
        ("34.29亿元", "=", 3429000000.0, "元"),
        ("77所", "=", 77.0, "所"),
        ("93万平方米", "=", 930000.0, "平方米"),
        ("12.1万个", "=", 121000.0, "个"),
        ("30所", "=", 30.0, "所"),
        ("7所", "=", 7.0, "所"),
        ("15所", "=", 15.0, "所"),
    ]
    indicators = [t.indicator for t in extract_targets(_item_text(items, "hebei_city_2024", 23))]
    assert indicators[:4] == ["规划总投资", "新改扩建中小学幼儿园学校", "规划建筑面积", "新增学位"]


def test_ningbo_item_7_range_and_coefficient(items):
    assert _short(_item_text(items, "ningbo_2024", 7)) == [
        ("100%", "=", 100.0, "%"),
        ("75%以上", ">=", 75.0, "%"),
        ("2-3个", ">=", 2.0, "个"),
        ("2-3个", "<=", 3.0, "个"),
        ("控制在0.25以内", "<=", 0.25, ""),
    ]


def test_heyuan_item_3_bounds_symbol_and_year(items):
    targets = extract_targets(_item_text(items, "heyuan_2025", 3))
    assert [(t.raw, t.comparator, t.value, t.unit, t.year) for t in targets] == [
        ("不低于2小时", ">=", 2.0, "小时", None),
        ("1节", "=", 1.0, "节", None),
        ("≥55%", ">=", 55.0, "%", 2025),  # 确保2025年我市学生体质健康优良率≥55%
    ]
    assert targets[2].indicator == "我市学生体质健康优良率"
    assert targets[2].qualifier == "确保"


def test_jishou_chinese_numerals_and_ranges(items):
    assert _short(_item_text(items, "jishou_2023", 5)) == [("100%", "=", 100.0, "%"), ("两次以上", ">=", 2.0, "次")]
    assert _short(_item_text(items, "jishou_2023", 16)) == [
        ("1小时", "=", 1.0, "小时"),  # “每天锻炼一小时” is quoted: not a target
        ("1至2项", ">=", 1.0, "项"),
        ("1至2项", "<=", 2.0, "项"),
        ("一次以上", ">=", 1.0, "次"),
    ]
    # 第39个教师节 is an ordinal, 实习一年 a duration; the year applies to the whole sentence
    assert [(t.value, t.year) for t in extract_targets(_item_text(items, "jishou_2023", 15))] == [
        (40.0, 2023), (30.0, 2023), (5.0, 2023), (5.0, 2023)]


def test_ningbo_item_12_exceed_and_repeats(items):
    assert _short(_item_text(items, "ningbo_2024", 12)) == [
        ("15个以上", ">=", 15.0, "个"),
        ("1个以上", ">=", 1.0, "个"),
        ("1个", "=", 1.0, "个"),
        ("突破2万人", ">", 20000.0, "人"),
        ("2项", "=", 2.0, "项"),
        ("1个", "=", 1.0, "个"),
        ("10个以上", ">=", 10.0, "个"),
        ("2个以上", ">=", 2.0, "个"),
        ("突破2万人", ">", 20000.0, "人"),
    ]


def test_rongcheng_item_32_baseline_is_not_a_target(items):
    targets = extract_targets(_item_text(items, "rongcheng_2025", 32))
    assert [(t.raw, t.comparator, t.value) for t in targets] == [("不少于2小时", ">=", 2.0)]


def test_brief_examples():
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in extract_targets("新增学位12.1万个")] == [
        ("新增学位", "=", 121000.0, "个")]
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in extract_targets("毛入园率达到94.5%以上")] == [
        ("毛入园率", ">=", 94.5, "%")]
    assert _short("控制在0.25以内") == [("控制在0.25以内", "<=", 0.25, "")]
    assert _short("比例达到85%—90%") == [("85%—90%", ">=", 85.0, "%"), ("85%—90%", "<=", 90.0, "%")]


# --------------------------------------------------------------------------- hand-made cases

POSITIVE = [
    ("新建三所学校", [("三所", "=", 3.0, "所")]),
    ("建成一百二十个社区学习点", [("一百二十个", "=", 120.0, "个")]),
    ("统筹资金3亿元", [("3亿元", "=", 300000000.0, "元")]),
    ("遴选精品课20 项以上", [("20 项以上", ">=", 20.0, "项")]),  # extraction space
    ("评选精品课20 项 以上", [("20 项 以上", ">=", 20.0, "项")]),
    ("本科上线率提高2个百分点", [("2个百分点", "=", 2.0, "百分点")]),
    ("本科上线率提高三个百分点,投入五千万元", [("三个百分点", "=", 3.0, "百分点"), ("五千万元", "=", 5e7, "元")]),
    ("新增學位810個", [("810個", "=", 810.0, "个")]),  # Traditional: raw as written, unit Simplified
    ("合格率达到百分之九十", [("百分之九十", "=", 90.0, "%")]),
    ("三分之一以上学校", [("三分之一以上", ">=", 1 / 3, "")]),
    ("新建100余所学校", [("100余所", ">", 100.0, "所")]),
    ("占比不超过5%", [("不超过5%", "<=", 5.0, "%")]),
    ("就业率超过70%", [("超过70%", ">", 70.0, "%")]),
    ("辍学率低于1%", [("低于1%", "<", 1.0, "%")]),
    ("培训校长100名左右", [("100名左右", "=", 100.0, "名")]),
    ("每月开展一次家访", [("一次", "=", 1.0, "次")]),
    ("每学期至少组织一次观摩", [("一次", ">=", 1.0, "次")]),
    ("评选骨干教师700-800人", [("700-800人", ">=", 700.0, "人"), ("700-800人", "<=", 800.0, "人")]),
    ("培训1.2—1.5万人", [("1.2—1.5万人", ">=", 12000.0, "人"), ("1.2—1.5万人", "<=", 15000.0, "人")]),
    ("新建学校30所以上", [("30所以上", ">=", 30.0, "所")]),  # 所以上 is 所 + 以上
    ("建成3个以上海内外引才基地", [("3个以上", ">=", 3.0, "个")]),  # 以上 + 海, not 以 + 上海
    ("不低于高职专科招生规模的12%", [("12%", ">=", 12.0, "%")]),
    ("新增国际友好学校10对", [("10对", "=", 10.0, "对")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[c[0] for c in POSITIVE])
def test_positive_cases(text, expected):
    got = _short(text)
    assert [(r, c, u) for r, c, _, u in got] == [(r, c, u) for r, c, _, u in expected]
    assert [v for _, _, v, _ in got] == pytest.approx([v for _, _, v, _ in expected])


NEGATIVE = {
    "year": "2024年全面完成,实施2024—2025年计划,二〇二四年启动",
    "date": "3月15日前完成,2024年8月底前竣工",
    "document number": "按照X教发〔2024〕5号文件执行",
    "item or article number": "见第12条,(3)建设项目",
    "ordinal": "开展第二批创建,举办第39个教师节活动,第十五届运动会",
    "slogan 两个确立 / 三个全面": "深刻领悟两个确立,建设三个全面,做到两个维护,增强四个意识",
    "slogan 五育并举": "坚持五育并举,落实八项规定精神",
    "formula 1+N": "推进1+N模式,构建甬凉10+3教育联盟",
    "quoted": "落实“两个只增不减”,推动“十万学子进XX”,开展“师德5分钟”活动",
    "title marks": "实施《三年行动计划(2024-2027年)》,出台《10项措施》",
    "rank": "学科进入世界前1%,进入全国前10名",
    "version and model": "推进教育信息化2.0,建设5G校园,部署IPv6网络,创建5A级景区,升级阿拉教师码3.0",
    "age and generation": "新增3-6岁幼儿托位,选拔85后干部",
    "duration and criterion": "实施三年行动,表扬从教满20年的教师,在城区实习一年",
    "descriptive Chinese count": "突出攀岩、游泳两个优势项目,实施四项计划,开展等六个专项整治行动,今后一个时期",
    "article-like 一": "建设一支队伍,评选一批案例,推行一次办、一网通办",
    "category threshold": "消除56人以上大班额和66人以上超大班额",
    "baseline": "入园率由85%提高到较高水平,每天活动由原来不少于1小时延长至更长时间",
    "clock time and ratio": "8:30前到校,生师比1:15",
    "school names": "推动市二十九中、市第三十三高级中学建设",
}


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_negative_cases(text):
    assert extract_targets(text) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789.%个所人万亿以上不低于达到第年“”《》,。、-—至一二三十百两每次 学校率", max_size=40))
def test_spans_trace_to_the_text(text):
    for t in extract_targets(text):
        assert text[t.start:t.end] == t.raw
        assert t.comparator in {">=", "<=", "=", ">", "<"}
        assert t.value >= 0


# --------------------------------------------------------------------------- CLI


def test_cli_targets_json_contract(capsys):
    assert main(["targets", str(SEED_RAW / "001_f29dea3288537dee.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"source", "targets"} and isinstance(out["source"], str)
    first = out["targets"][0]
    assert first == {"document": 1, "item": 1, "indicator": "学前三年毛入园率", "comparator": ">=", "value": 94.5,
                     "unit": "%", "raw": "94.5%以上"}
    assert {t["document"] for t in out["targets"]} == {1, 2, 3}  # hebei, shenzhen, and one in document 3
    for t in out["targets"]:
        assert isinstance(t["item"], int) and isinstance(t["value"], float)


def test_cli_targets_unregistered_file(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text("一、重点任务\n1.扩大学位。新增学位1200个,毛入园率达到92%以上。\n", encoding="utf-8")
    assert main(["targets", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 targets" in out and "1200" in out


@pytest.mark.parametrize(("name", "data"), [("missing.txt", None), ("empty.txt", b""), ("binary.txt", b"\x00\x01")])
def test_cli_targets_unreadable_file(tmp_path, capsys, name, data):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert main(["targets", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("wpanalysis targets: ") and captured.err.count("\n") == 1
