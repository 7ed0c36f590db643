"""Tests of wpanalysis.context (glue for notebook 05)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from wpanalysis import context  # noqa: E402
from wpanalysis.corpus import load_corpus  # noqa: E402
from wpanalysis.targets import load_gold, precision_recall, targets_table  # noqa: E402

FIXTURE_GOLD = context.config.DATA_DIR / "annotations" / "targets_gold_fixtures.csv"


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    documents, items = load_corpus()
    return documents, items, targets_table(items)


def test_indicator_list_is_well_formed():
    indicators = context.load_indicators()
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
    assert context.match_indicator(text, unit) == expected


def test_first_listed_indicator_wins(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text("indicators:\n  - {id: a, zh: 甲, any: [覆盖率], all: [普惠]}\n"
                    "  - {id: b, zh: 乙, any: [覆盖率]}\n", encoding="utf-8")
    indicators = context.load_indicators(path)
    assert context.match_indicator("普惠性幼儿园覆盖率", "%", indicators) == "a"
    assert context.match_indicator("校园无线网络覆盖率", "%", indicators) == "b"


def test_duplicate_indicator_id_is_rejected(tmp_path):
    path = tmp_path / "ind.yaml"
    path.write_text("indicators:\n  - {id: a, zh: 甲, any: [x]}\n  - {id: a, zh: 乙, any: [y]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        context.load_indicators(path)


def test_shared_indicators_on_the_seed_corpus(corpus):
    documents, _, found = corpus
    shared = context.shared_indicators(found, documents)
    assert list(shared.columns) == context.INDICATOR_COLUMNS
    assert (shared.groupby("indicator_id")["doc_id"].nunique() >= 2).all()
    gross = shared[shared["indicator_id"] == "preschool_gross_enrolment"]
    assert gross[["doc_id", "comparator", "value"]].values.tolist() == [["hebei_city_2024", ">=", 94.5],
                                                                       ["jishou_2023", "=", 95.0]]
    # Ningbo states its vocational target twice in one item: one row, two mentions
    voc = shared[(shared["indicator_id"] == "vocational_conditions") & (shared["doc_id"] == "ningbo_2024")]
    assert voc["n_mentions"].tolist() == [2]
    coverage = context.indicator_coverage(found, documents)
    assert len(coverage) == len(context.load_indicators())
    assert set(coverage.loc[coverage["n_docs"] >= 2, "indicator_id"]) == set(shared["indicator_id"])


def test_targets_per_document_counts_every_target(corpus):
    documents, items, found = corpus
    per_doc = context.targets_per_document(found, items, documents)
    assert per_doc["doc_id"].tolist() == documents["doc_id"].tolist()
    assert per_doc["n_targets"].sum() == len(found)
    per_section = context.targets_per_section(found, items, "ningbo_2024")
    assert per_section["n_targets"].sum() == (found["doc_id"] == "ningbo_2024").sum()


def test_domains_attach_to_every_target(corpus):
    _, items, found = corpus
    with_domains = context.attach_domains(found, items)
    assert len(with_domains) == len(found)
    assert with_domains["domain"].notna().all() and with_domains["domain_zh"].notna().all()
    per_domain = context.targets_per_domain(with_domains)
    assert per_domain["n_targets"].sum() == len(found)
    assert per_domain["n_targets"].is_monotonic_decreasing


def test_fixture_targets_score_as_the_annotation_readme_says():
    gold = load_gold(FIXTURE_GOLD)
    result = precision_recall(context.fixture_targets(), gold, documents=set(gold["doc_id"]))
    table = context.evaluation_table({"fixtures": result}, {"fixtures": "blind"})
    assert table.loc[0, "n_gold"] == len(gold)
    assert table.loc[0, "precision"] >= 0.9 and table.loc[0, "recall"] >= 0.9
    assert table.loc[0, "note"] == "blind"


def test_term_overview_with_targets():
    items = pd.DataFrame({"doc_id": ["d", "d", "e"], "item_seq": [1, 2, 1], "item_number": [1, 2, 1],
                          "text": ["课后服务覆盖率100%,评选10门课后服务课程", "无", "课后服务"]})
    found = targets_table(items)
    out = context.term_overview(items, ["课后服务", "县管校聘"], found, max_targets=1)
    assert out[["doc_id", "n_hits", "n_items", "n_targets", "targets"]].values.tolist() == [
        ["d", 2, 1, 2, "100%；…"], ["e", 1, 1, 0, ""]]


def test_figures_have_chinese_labels(corpus):
    documents, items, found = corpus
    shared = context.shared_indicators(found, documents)
    fig = context.plot_shared_indicators(shared, title="共有指标")
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "学前三年毛入园率" in ticks and "新增学位" in ticks
    plt.close(fig)
    fig = context.plot_targets_by_domain(context.attach_domains(found, items))
    assert "学前教育" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
