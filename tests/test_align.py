"""Item alignment (wpanalysis.align): the constructed three-year series aligns exactly to the labels it
was written with, bureaus, the one-to-one assignment, attention shift, and the threshold's
precision/recall on the hand-aligned seed pair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.seeds import SEED_ANNOTATIONS, SEED_PROCESSED
from wpanalysis import align, config
from wpanalysis.build import load_corpus
from wpanalysis.cli import main

SERIES = Path(__file__).parent / "fixtures" / "series"
# the hand alignment of two seed plans: in the frozen seeds once the lead copies it there, else beside the
# repository's other annotations (it names seed plans and is checked against their titles below)
GOLD = next(p for p in (SEED_ANNOTATIONS / align.ALIGNMENT_GOLD,
                        Path(__file__).parents[1] / "data" / "annotations" / align.ALIGNMENT_GOLD) if p.exists())


@pytest.fixture(scope="module")
def series():
    return align.load_series(SERIES)


@pytest.fixture(scope="module")
def continuity(series):
    return align.continuity_table(series)


def _key(frame: pd.DataFrame) -> list[tuple]:
    def num(v):
        return int(v) if pd.notna(v) else -1

    def text(v):
        return v if isinstance(v, str) else ""
    return sorted((r.doc_a, num(r.item_number_a), r.doc_b, num(r.item_number_b), r.label, text(r.new_terms),
                   text(r.new_targets)) for r in frame.itertuples(index=False))


def test_series_aligns_exactly_to_its_known_labels(continuity):
    expected = pd.read_csv(SERIES / "expected_alignment.csv", encoding="utf-8")
    assert _key(continuity) == _key(expected)


def test_series_pairs_are_consecutive_years_of_one_bureau(continuity):
    assert continuity[["bureau", "year_a", "year_b"]].drop_duplicates().values.tolist() == [
        ["示例省/示例市/示例县", 2022, 2023], ["示例省/示例市/示例县", 2023, 2024]]
    counts = continuity.groupby("year_b")["label"].value_counts().unstack(fill_value=0)
    assert counts.loc[2023].to_dict() == {"changed": 3, "continued": 4, "dropped": 1, "new": 1}
    assert counts.loc[2024].to_dict() == {"changed": 2, "continued": 4, "dropped": 2, "new": 2}


def test_evidence_of_a_pair_and_of_an_unaligned_item(continuity):
    pair = continuity[(continuity["year_b"] == 2024) & (continuity["item_number_a"] == 7)].iloc[0]
    assert pair["item_number_b"] == 7 and pair["label"] == "changed"
    assert pair["score"] >= align.THRESHOLD and "师德师风" in pair["shared_terms"].split("、")
    assert pair["new_terms"] == "教育家精神" and pair["dropped_terms"] == ""
    new = continuity[(continuity["label"] == "new") & (continuity["item_number_b"] == 6)
                     & (continuity["year_b"] == 2024)]
    assert new["title_b"].tolist() == ["推进教育数字化转型"]
    assert new["best_match_score"].iloc[0] < align.THRESHOLD and np.isnan(new["score"].iloc[0])


def test_bureau_key_groups_the_series_and_keeps_the_neighbour_apart(series):
    keys = align.bureau_key(series.documents).tolist()
    assert keys == ["示例省/示例市/示例县"] * 3 + ["示例省/示例市/邻近县"]
    assert align.bureau_series(series.documents)["doc_id"].tolist() == [
        "shiliexian_2022", "shiliexian_2023", "shiliexian_2024"]


def test_bureau_key_falls_back_to_issuer_then_to_the_plan():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "issuer": ["甲县教育局", None, None, "乙局"],
                         "province": ["某省", "河北省", "浙江省", "浙江省"], "city": [None, None, "XX市", "宁波市"],
                         "county": [None] * 4, "admin_level": ["county", "city", "city", "city"]})
    assert align.bureau_key(docs).tolist() == ["issuer:甲县教育局", "doc:b", "doc:c", "浙江省/宁波市"]


def test_assignment_is_one_to_one_and_maximises_the_sum():
    # greedy would take (0, 0) = 0.9 and leave row 1 with 0.0; the optimum pairs 0-1 and 1-0 (0.8 + 0.85)
    score = np.array([[0.9, 0.8], [0.85, 0.0]])
    assert align._assign(score, 0.2) == [(0, 1), (1, 0)]
    assert align._assign(score, 0.86) == [(0, 0)]
    assert align._assign(np.zeros((0, 3)), 0.2) == []


def test_attention_shift_of_the_series(series, continuity):
    shift = align.attention_shift(series, continuity=continuity)
    assert shift.groupby("year")["n_items"].sum().tolist() == [8, 8, 8]
    row = shift[(shift["year"] == 2024) & (shift["domain"] == "vocational")].iloc[0]
    assert (row["n_items"], row["share"], row["change"]) == (0, 0.0, -0.125)
    assert row["items_removed"] == "4 发展职业教育" and row["items_added"] == ""
    row = shift[(shift["year"] == 2023) & (shift["domain"] == "health_pe_arts_labour")].iloc[0]
    assert (row["n_items"], row["change"], row["items_added"]) == (1, 0.125, "6 加强学生心理健康教育")
    assert shift[shift["year"] == 2022]["change"].isna().all()


def test_alignment_summary_of_the_series(continuity):
    summary = align.alignment_summary(continuity)
    assert summary[["doc_b", "continued", "changed", "new", "dropped", "shared"]].values.tolist() == [
        ["shiliexian_2023", 4, 3, 1, 1, 7], ["shiliexian_2024", 4, 2, 2, 2, 6]]
    assert summary["share_of_a_kept"].tolist() == [7 / 8, 6 / 8]


def test_file_items_align_like_the_built_plans(series):
    raw = config.paths(SERIES).raw
    table = align.align_items(align.file_items(raw / "shiliexian_2023.txt"),
                              align.file_items(raw / "shiliexian_2024.txt"))
    built = align.align_plans(series, "shiliexian_2023", "shiliexian_2024")
    assert table["label"].tolist() == built["label"].tolist()
    assert table["doc_a"].iloc[0] == "shiliexian_2023"
    with pytest.raises(ValueError, match="holds 1 document"):
        align.file_items(raw / "shiliexian_2023.txt", document=2)


def test_unknown_plan_is_named(series):
    with pytest.raises(KeyError, match="no plan 'nope'.*shiliexian_2022"):
        align.align_plans(series, "nope", "shiliexian_2022")


def test_choose_pair_on_the_seeds_and_none_without_a_shared_year(series):
    seeds = load_corpus(SEED_PROCESSED)
    assert align.choose_pair(seeds.documents) == ("hebei_city_2024", "shenzhen_2024")
    assert align.choose_pair(series.documents) == ("shiliexian_2023", "linjinxian_2023")
    assert align.choose_pair(series.documents[series.documents["year"] != 2023]) is None


def test_threshold_on_the_hand_aligned_seed_pair():
    seeds = load_corpus(SEED_PROCESSED)
    gold = align.load_alignment_gold(GOLD, seeds)
    assert len(gold) == 23
    curve = align.threshold_curve(gold, seeds, [0.1, align.THRESHOLD, 0.35]).set_index("threshold")
    at = curve.loc[align.THRESHOLD]
    assert (at["n_predicted"], at["n_correct"]) == (15, 11)
    assert at["precision"] == pytest.approx(11 / 15) and at["recall"] == pytest.approx(11 / 23)
    assert curve["n_predicted"].is_monotonic_decreasing


def test_gold_titles_are_checked(tmp_path):
    seeds = load_corpus(SEED_PROCESSED)
    bad = pd.read_csv(GOLD, encoding="utf-8")
    bad.loc[1, "title_a"] = "别的标题"
    path = tmp_path / "gold.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="gold.csv row 3: item 2 of hebei_city_2024"):
        align.load_alignment_gold(path, seeds)


def test_cli_align_files_prints_and_writes(tmp_path, capsys):
    raw = config.paths(SERIES).raw
    assert main(["align", str(raw / "shiliexian_2022.txt"), str(raw / "shiliexian_2023.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "shiliexian_2022 → shiliexian_2023, threshold 0.2: 4 continued, 3 changed, 1 new, 1 dropped"
    assert out[2].startswith("changed") and out[2].endswith("2 推进学前教育普及普惠  targets: 新建公办幼儿园=3所；"
                                                             "新增学位=800个；学前三年毛入园率>=92%")
    target = tmp_path / "out.csv"
    assert main(["align", str(raw / "shiliexian_2023.txt"), str(raw / "shiliexian_2024.txt"), "--output",
                 str(target), "--threshold", "0.99"]) == 0
    table = pd.read_csv(target, encoding="utf-8")
    assert table.columns.tolist() == align.ALIGN_COLUMNS
    assert (table["label"].isin(["continued", "changed"])).sum() == 2  # only two pairs score 0.99 or more


def test_cli_align_by_doc_id_and_unknown_plan(capsys):
    assert main(["align", "hebei_city_2024", "shenzhen_2024", "--processed-dir", str(SEED_PROCESSED)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("0 continued, 15 changed, 19 new, 38 dropped")
    assert main(["align", "nope", "shenzhen_2024", "--processed-dir", str(SEED_PROCESSED)]) == 1
    assert "no plan 'nope' in the corpus" in capsys.readouterr().err


def test_gold_of_another_corpus_gives_an_empty_curve(series):
    gold = align.load_alignment_gold(GOLD, series)
    assert gold.empty and gold.columns.tolist() == ["doc_a", "item_seq_a", "doc_b", "item_seq_b"]
    assert align.threshold_curve(gold, series).columns.tolist() == align.CURVE_COLUMNS
