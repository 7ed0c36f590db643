"""Targets, indicators: the indicator list, matching a target's words, indicators several plans share."""

from __future__ import annotations

import pytest

from wpanalysis.targets.indicators import (
    INDICATOR_COLUMNS,
    indicator_coverage,
    load_indicators,
    match_indicator,
    references,
    shared_indicators,
    shared_summary,
)


def test_indicator_list_is_well_formed():
    indicators = load_indicators()
    assert len(indicators) >= 10
    assert len({i.id for i in indicators}) == len(indicators)
    assert all(i.zh and i.any for i in indicators)


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("学前三年毛入园率", "%", "preschool_gross_enrolment"),
    ("全市学前教育三年毛入园率", "%", "preschool_gross_enrolment"),
    ("普惠率", "%", "preschool_affordable_coverage"),
    ("公办幼儿园在园幼儿占比", "%", "preschool_public_share"),
    ("新增中小学位", "个", "new_school_places"),
    ("新增硕士研究生学位授予单位", "个", None),
    ("新增幼儿园2-3岁托班学位", "个", None),
    ("新增学位", "%", None),  # the unit must fit
    ("原建档立卡学生巩固率", "%", None),
    ("骨干教师不低于交流教师的要求", "%", "backbone_teacher_rotation"),
    ("按照教师交流比例不低于符合条件的", "%", "teacher_rotation"),
    ("學前三年毛入園率", "%", "preschool_gross_enrolment"),  # Traditional is read as Simplified
])
def test_match_indicator(text, unit, expected):
    assert match_indicator(text, unit) == expected


def test_first_listed_indicator_wins(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text("indicators:\n  - {id: a, zh: 甲, any: [覆盖率], all: [普惠]}\n"
                    "  - {id: b, zh: 乙, any: [覆盖率]}\n", encoding="utf-8")
    indicators = load_indicators(path)
    assert match_indicator("普惠性幼儿园覆盖率", "%", indicators) == "a"
    assert match_indicator("校园无线网络覆盖率", "%", indicators) == "b"


def test_duplicate_indicator_id_is_rejected(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text("indicators:\n  - {id: a, zh: 甲, any: [x]}\n  - {id: a, zh: 乙, any: [y]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        load_indicators(path)


def test_shared_indicators_on_the_seed_corpus(seed_targets):
    documents, _, found = seed_targets
    shared = shared_indicators(found, documents)
    assert list(shared.columns) == INDICATOR_COLUMNS
    assert (shared.groupby("indicator_id")["doc_id"].nunique() >= 2).all()
    gross = shared[shared["indicator_id"] == "preschool_gross_enrolment"]
    assert gross[["doc_id", "comparator", "value"]].values.tolist() == [["hebei_city_2024", ">=", 94.5],
                                                                       ["jishou_2023", "=", 95.0]]
    # Ningbo states its vocational target twice in one item: one row, two mentions
    voc = shared[(shared["indicator_id"] == "vocational_conditions") & (shared["doc_id"] == "ningbo_2024")]
    assert voc["n_mentions"].tolist() == [2]
    coverage = indicator_coverage(found, documents)
    assert len(coverage) == len(load_indicators())
    assert set(coverage.loc[coverage["n_docs"] >= 2, "indicator_id"]) == set(shared["indicator_id"])


def test_shared_summary_one_row_per_indicator(seed_targets):
    documents, _, found = seed_targets
    shared = shared_indicators(found, documents)
    summary = shared_summary(shared)
    assert summary["indicator_zh"].tolist() == list(dict.fromkeys(shared["indicator_zh"]))  # one kind each here
    assert summary["n_values"].sum() == len(shared)
    kinds = summary.set_index("indicator_zh")["kind"]
    assert (kinds["近视率年降幅"], kinds["新增学位"], kinds["学前三年毛入园率"]) == (
        "relative change (%)", "amount (个、座)", "level (%)")
    row = summary.set_index("indicator_zh").loc["学前三年毛入园率"]
    assert (row["n_docs"], row["min"], row["max"], row["n_with_year"]) == (2, 94.5, 95.0, 0)
    assert shared_summary(shared.iloc[:0]).empty


def test_an_indicator_takes_only_its_measures():
    # a level indicator refuses a change; the myopia indicator takes changes in % or points, not a level
    assert match_indicator("体质健康优良率提高", "%", measure="relative change") is None
    assert match_indicator("全市中小学生体质健康优良率", "%", measure="level") == "fitness_good_excellent"
    assert match_indicator("近视率下降", "百分点", measure="absolute change") == "myopia_decline"
    assert match_indicator("近视率", "%", measure="level") is None
    assert match_indicator("近视率下降", "%") == "myopia_decline"  # no measure given: not filtered


def test_references_are_quoted_with_their_kind():
    refs = references().set_index("indicator_id")
    assert refs.loc["preschool_gross_enrolment", ["comparator", "value", "unit", "kind", "year"]].tolist() == [
        ">=", 90.0, "%", "level (%)", 2025]
    myopia = refs.loc["myopia_decline"]
    assert (myopia["value"], myopia["unit"], myopia["kind"]) == (0.5, "百分点", "absolute change (percentage points)")
    assert all(refs["source"].str.len() > 0)


def test_a_reference_must_be_complete(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text("indicators:\n  - {id: a, zh: 甲, any: [x], reference: {value: 1, unit: '%'}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reference needs comparator, measure, year, source"):
        load_indicators(path)


def test_shared_values_carry_their_measure(seed_targets):
    documents, _, found = seed_targets
    shared = shared_indicators(found, documents)
    myopia = shared[shared["indicator_id"] == "myopia_decline"]
    assert myopia["measure"].tolist() == ["relative change", "relative change"]
    assert set(shared.loc[shared["indicator_id"] != "myopia_decline", "measure"]) == {"level", "amount"}
