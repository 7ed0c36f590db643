"""Tests for wpanalysis.script: length-preserving Traditional→Simplified mapping."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.seeds import SEED_RAW
from wpanalysis.script import (
    DEFAULT_THRESHOLD,
    detect_script,
    t2s_table,
    to_simplified,
    traditional_share,
)

SEED_DIR = SEED_RAW  # the frozen seed corpus
SEED_FILES = sorted(SEED_DIR.glob("*.txt"))

# Characters changed by to_simplified in each seed plan (all are Simplified);
# measured: 0 in every file.
EXPECTED_SEED_CHANGES = 0

TRADITIONAL_PLAN = """\
一、總體要求
堅持以新時代中國特色社會主義思想為指導，全面貫徹黨的教育方針，落實立德樹人根本任務，\
加快建設教育強市，推動教育事業高質量發展，辦好人民滿意的教育。
二、重點工作
1.推進義務教育優質均衡發展。擴大優質學位供給，實施集團化辦學，縮小城鄉、校際差距，\
鞏固「雙減」成果。（牽頭單位：基礎教育處；責任單位：各區縣教育局、各學校）
2.加強教師隊伍建設。健全教師專業發展機制，開展新教師入職培訓和骨幹教師研修，\
完善績效考核辦法，關心鄉村教師生活。（牽頭單位：教師工作處；配合處室：人事處）
3.問題描述：部分學校課後服務內容單一，家長滿意度不高。工作舉措：豐富課後服務項目，\
引入優質社會資源，建立定期評價與回饋制度。預期成果：課後服務覆蓋率達到100%，\
家長滿意度提升至90%以上。（責任單位：各學校）
"""

SIMPLIFIED_PLAN = """\
一、总体要求
坚持以新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务，\
加快建设教育强市，推动教育事业高质量发展，办好人民满意的教育。
二、重点工作
1.推进义务教育优质均衡发展。扩大优质学位供给，实施集团化办学，缩小城乡、校际差距，\
巩固「双减」成果。（牵头单位：基础教育处；责任单位：各区县教育局、各学校）
2.加强教师队伍建设。健全教师专业发展机制，开展新教师入职培训和骨干教师研修，\
完善绩效考核办法，关心乡村教师生活。（牵头单位：教师工作处；配合处室：人事处）
3.问题描述：部分学校课后服务内容单一，家长满意度不高。工作举措：丰富课后服务项目，\
引入优质社会资源，建立定期评价与回馈制度。预期成果：课后服务覆盖率达到100%，\
家长满意度提升至90%以上。（责任单位：各学校）
"""

# Text mixing arbitrary code points with characters the table actually maps.
MIXED_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(sorted(t2s_table()))))


# --- length preservation and other properties --------------------------------------------


@given(st.text())
def test_length_preserved_for_arbitrary_text(text: str) -> None:
    assert len(to_simplified(text)) == len(text)


@given(MIXED_TEXT)
def test_length_preserved_and_idempotent_with_traditional_chars(text: str) -> None:
    simplified = to_simplified(text)
    assert len(simplified) == len(text)
    assert to_simplified(simplified) == simplified
    assert traditional_share(simplified) == 0.0


@given(MIXED_TEXT)
def test_only_table_characters_change(text: str) -> None:
    table = t2s_table()
    for before, after in zip(text, to_simplified(text), strict=True):
        assert after == table.get(before, before)


@given(MIXED_TEXT)
def test_share_is_a_fraction(text: str) -> None:
    assert 0.0 <= traditional_share(text) <= 1.0


# --- known conversions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("教育發展", "教育发展"),
        ("責任單位", "责任单位"),
        ("學校", "学校"),
        ("問題描述", "问题描述"),
        ("預期成果", "预期成果"),
        ("工作舉措", "工作举措"),
        ("牽頭單位", "牵头单位"),
        ("處室", "处室"),
        ("關於", "关于"),
        ("課後服務", "课后服务"),
        ("徵求意見", "征求意见"),
        ("骨幹教師", "骨干教师"),
    ],
)
def test_known_conversions(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_traditional_plan_converts_exactly() -> None:
    assert to_simplified(TRADITIONAL_PLAN) == SIMPLIFIED_PLAN


def test_non_cjk_text_is_untouched() -> None:
    text = "Plan 2024: KPI ≥ 90%, 第1项（ABC）\r\n\t"
    assert to_simplified(text) == text


# Correct Simplified words whose characters are valid in both scripts (some were
# excluded from the table on purpose: 乾, 薹, 吒) and common policy vocabulary.
SIMPLIFIED_WORDS = [
    "乾隆", "乾坤", "乾县", "蒜薹", "哪吒", "显著提升", "着力推进", "关于", "干部", "后勤",
    "征求意见", "合作伙伴", "覆盖率", "慰藉", "了解", "只有", "范围", "系统", "制度", "台账",
    "余额", "发展", "里程碑", "钟点", "汇报", "准确", "周期", "游戏", "冲突", "注册",
]  # fmt: skip


@pytest.mark.parametrize("word", SIMPLIFIED_WORDS)
def test_simplified_words_unchanged(word: str) -> None:
    assert to_simplified(word) == word
    assert traditional_share(word) == 0.0


# --- traditional_share / detect_script ----------------------------------------------------


def test_share_examples() -> None:
    assert traditional_share("") == 0.0
    assert traditional_share("2024 ABC，。") == 0.0
    assert traditional_share("學習") == 1.0  # both characters Traditional-only
    assert traditional_share("學校") == 0.5  # 校 is shared by both scripts
    assert traditional_share("学校") == 0.0
    assert traditional_share("教育發展") == 0.25


def test_detect_traditional_plan() -> None:
    assert traditional_share(TRADITIONAL_PLAN) == pytest.approx(0.407, abs=0.001)
    assert detect_script(TRADITIONAL_PLAN) == "traditional"
    assert detect_script(SIMPLIFIED_PLAN) == "simplified"
    # Every line, even the short headings, is recognised on its own.
    for line in TRADITIONAL_PLAN.splitlines():
        assert detect_script(line) == "traditional", line


def test_detect_threshold() -> None:
    assert DEFAULT_THRESHOLD == 0.05
    text = "學" + "学" * 19  # share exactly 0.05
    assert detect_script(text) == "traditional"
    assert detect_script(text, threshold=0.06) == "simplified"
    assert detect_script("") == "simplified"


# --- seed corpus (all Simplified) ---------------------------------------------------------


def test_seed_corpus_present() -> None:
    if not SEED_FILES:
        pytest.skip(f"no seed plans in {SEED_DIR}")
    assert len(SEED_FILES) >= 5


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_plan_is_simplified_and_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    converted = to_simplified(text)
    assert len(converted) == len(text)
    changed = [(i, a, b) for i, (a, b) in enumerate(zip(text, converted, strict=True)) if a != b]
    assert len(changed) == EXPECTED_SEED_CHANGES, changed[:20]
    assert traditional_share(text) == 0.0
    assert detect_script(text) == "simplified"


# --- the resource file --------------------------------------------------------------------


def test_resource_header_and_rows() -> None:
    text = files("wpanalysis").joinpath("resources", "t2s_chars.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    joined = "\n".join(header)
    for needle in (
        "opencc-python-reimplemented 0.1.7",
        "TSCharacters.txt",
        "Apache License 2.0",
        "Built:",
        "build_t2s_chars.py",
    ):
        assert needle in joined
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    keys = [trad for trad, _ in rows]
    assert keys == sorted(keys)
    assert len(rows) == len(t2s_table()) == 4101
    table = t2s_table()
    assert not set(table) & set(table.values())  # no chains: conversion is idempotent
    assert not {"乾", "薹", "吒"} & set(table)  # excluded on purpose
