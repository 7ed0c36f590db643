"""Reading topic models with the plan as the unit (wpanalysis.topic_reports): the label rule, stability over
seeds and neighbouring k, plan-level shares; and the committed labels file against the seed run."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from wpanalysis import config, topics
from wpanalysis import topic_reports as reports
from wpanalysis.topics import TopicModel, _toy_model

VOCAB = list("abcdef")


def _model(rows, seed=0, vocabulary=VOCAB, item_topic=None, docs=None):
    m = _toy_model(rows, vocabulary)
    if item_topic is not None:
        m = replace(m, item_topic=np.asarray(item_topic, dtype=float),
                    rows=pd.DataFrame({"doc_id": docs, "item_seq": range(1, len(docs) + 1)}))
    return replace(m, seed=seed)


# top two terms by weight: A = {a, b}, {c, d}; B = {a, b}, {c, e}
A = _model([[.5, .4, .05, .05, 0, 0], [0, 0, .5, .4, .1, 0]])
B = _model([[.5, .4, .05, .05, 0, 0], [0, 0, .5, 0, .4, .1]], seed=1)
C = replace(A, seed=2)


# --------------------------------------------------------------------------- labels


def _labels(tmp_path, text):
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_label_parts_and_named_by_checks():
    assert topics.label_parts("义务教育、幼儿园与优质·特色和质量") == ["义务教育", "幼儿园", "优质", "特色", "质量"]
    assert topics.named_by_checks("校园与整治", ["校园安全", "整治"])
    assert not topics.named_by_checks("党建、师德与校园安全", ["党组织", "校园", "整治"])
    assert not topics.named_by_checks("校园", [])


def test_label_applies_only_with_check_terms_in_the_top_terms_by_weight(tmp_path):
    # e is topic 2's 3rd term by weight in A: outside the top 2, so a label checking it does not apply
    path = _labels(tmp_path, "lda:\n  topics:\n"
                             "    1: {zh: c与d, en: cd, terms: [c, d], check: [c, d]}\n"
                             "    2: {zh: c与e, terms: [c, e], check: [c, e]}\n"
                             "    3: {zh: a与b, terms: [a, b, x, y, z], check: [a]}\n")
    found = topics.match_topic_labels(path, "lda", A, n_terms=2)
    assert found.labels == {2: {"zh": "c与d", "en": "cd"}}
    assert found.table[["entry", "topic", "shared", "check_found", "applied", "named_by_checks"]].values.tolist() == [
        [1, 2, 2, 2, True, True],
        [2, 2, 1, 1, False, True],  # best candidate topic 2, only c shared
        [3, 1, 2, 1, False, False],  # names b, which is not a check term; and 2 of 5 recorded terms < half
    ]


def test_the_shide_label_is_refused(tmp_path):
    """The former label of the seed run: its check terms were in the top ten, 师德 was the 66th term."""
    vocab = ["校园", "党组织", "整治", "机制", "师德"]
    m = _model([[.3, .25, .2, .15, .1], [.1, .15, .2, .25, .3]], vocabulary=vocab)
    path = _labels(tmp_path, "lda:\n  topics:\n    3: {zh: 党建、师德与校园安全, terms: [校园, 党组织, 整治], "
                             "check: [党组织, 校园, 整治]}\n")
    found = topics.match_topic_labels(path, "lda", m, n_terms=3)
    assert found.labels == {} and found.table["named_by_checks"].tolist() == [False]


def test_missing_labels_file_or_block(tmp_path):
    assert not topics.match_topic_labels(tmp_path / "none.yaml", "lda", A).found
    path = _labels(tmp_path, "nmf:\n  topics: {}\n")
    assert not topics.match_topic_labels(path, "lda", A).found and topics.match_topic_labels(path, "nmf", A).found


def test_topic_overview_names_topics_by_their_top_terms_by_weight():
    table = reports.topic_overview(A, n_terms=2)
    assert table[["topic", "label", "labelled", "top_terms"]].values.tolist() == [
        [1, "a·b·c", False, "a、b"], [2, "c·d·e", False, "c、d"]]
    assert list(table.columns) == ["topic", "label", "gloss", "labelled", "top_terms", "distinctive_terms",
                                   "share_items", "n_items"]


# --------------------------------------------------------------------------- stability


def test_stability_over_k_by_hand():
    table = reports.stability_over_k({2: [A, B, C]}, n_terms=2, threshold=0.5)
    row = table.iloc[0]
    # pairs: A–B 2/3 (topic 2: {c,d} vs {c,e} = 1/3), A–C 1, B–C 2/3
    assert row["n_pairs"] == 3 and row["jaccard_mean"] == pytest.approx(7 / 9)
    assert row["jaccard_sd"] == pytest.approx(np.std([2 / 3, 1, 2 / 3], ddof=1))
    assert (row["jaccard_min"], row["jaccard_max"]) == (pytest.approx(2 / 3), 1.0)
    assert row["n_stable"] == 1  # topic 2 of A misses 0.5 in B


def test_topic_stability_table_verdicts_and_neighbours():
    D = _model([[.5, 0, .4, 0, .1, 0]], seed=0)  # k = 1, top two {a, c}
    table = reports.topic_stability_table(A, {1: [D], 2: [A, B, C]}, n_terms=2, threshold=0.5)
    assert table["n_refits"].tolist() == [2, 2]  # A itself is not its own refit
    assert table["jaccard_mean"].tolist() == pytest.approx([1.0, 2 / 3])
    assert table["n_reached"].tolist() == [2, 1]
    assert table["verdict"].tolist() == ["stable", "borderline"]
    assert table["margin"].tolist() == pytest.approx([0.5, 2 / 3 - 0.5])
    assert table["jaccard_k1"].tolist() == pytest.approx([1 / 3, 1 / 3])
    below = reports.topic_stability_table(A, {2: [A, B, replace(B, seed=3)]}, n_terms=2, threshold=0.5)
    assert below["verdict"].tolist() == ["stable", "unstable"]  # topic 2: 1/3 in both refits


def test_cosine_compares_the_same_terms_when_a_refit_has_another_vocabulary():
    order = [1, 0, 2, 3, 4, 5]
    same = _model(A.topic_term[:, order], seed=1, vocabulary=[VOCAB[i] for i in order])
    table = reports.topic_stability_table(A, {2: [same]}, n_terms=2)
    assert table["cosine_mean"].tolist() == pytest.approx([1.0, 1.0])
    assert reports.stability_over_k({2: [A, same]})["cosine_mean"].iloc[0] == pytest.approx(1.0)


def test_neighbour_ks():
    assert reports.neighbour_ks(3, range(2, 11)) == [2, 3, 4]
    assert reports.neighbour_ks(10, [2, 4, 10]) == [10]


# --------------------------------------------------------------------------- plans as the unit


M = _model([[.5, .5, 0, 0, 0, 0], [0, 0, .5, .5, 0, 0]], item_topic=[[.2, .8], [.6, .4], [1.0, 0.0]],
           docs=["a", "a", "b"])


def test_plan_topic_shares_and_weighting_by_hand():
    per_plan = reports.plan_topic_shares(M)
    assert per_plan.values.tolist() == [["a", 1, pytest.approx(0.4), 2], ["a", 2, pytest.approx(0.6), 2],
                                        ["b", 1, 1.0, 1], ["b", 2, 0.0, 1]]
    w = reports.weighting_table(M, per_plan)
    # plan-weighted: (0.4 + 1.0) / 2 = 0.7; item-weighted: (0.2 + 0.6 + 1.0) / 3 = 0.6
    assert w["plan_weighted"].tolist() == pytest.approx([0.7, 0.3])
    assert w["item_weighted"].tolist() == pytest.approx([0.6, 0.4])
    assert w["difference"].tolist() == pytest.approx([-0.1, 0.1])
    assert w[["plan_min", "plan_median", "plan_max"]].iloc[0].tolist() == pytest.approx([0.4, 0.7, 1.0])


def test_plan_share_table_in_registry_order():
    table = reports.plan_share_table(reports.plan_topic_shares(M), {1: "甲"}, {"b": "乙市 2024"}, order=["b", "a"])
    assert list(table.columns) == ["doc_id", "plan", "n_items", "1 甲", "2"]
    assert table[["doc_id", "plan", "n_items"]].values.tolist() == [["b", "乙市 2024", 1], ["a", "a", 2]]


def test_bounded_table_writes_past_the_limit(tmp_path):
    table = reports.plan_share_table(reports.plan_topic_shares(M))
    assert reports.bounded_table(table, 2, tmp_path / "x.csv") is table
    assert reports.bounded_table(table, 1, tmp_path / "out" / "x.csv") is None
    assert pd.read_csv(tmp_path / "out" / "x.csv", encoding="utf-8-sig")["doc_id"].tolist() == ["a", "b"]


# --------------------------------------------------------------------------- the committed labels file


LABELS = config.NOTEBOOKS_DIR / "topic_labels.yaml"


def test_committed_labels_file_is_made_of_top_terms():
    import yaml

    text = LABELS.read_text(encoding="utf-8")
    assert text.startswith("#") and "package's author" in text and "not" in text.split("independent")[0][-200:]
    data = yaml.safe_load(text)
    for block in data.values():
        assert {"k", "seed", "engine", "topics"} <= set(block)
        for entry in block["topics"].values():
            assert entry["zh"] and entry["en"] and len(entry["terms"]) == 10
            assert set(entry["check"]) <= set(entry["terms"])
            assert topics.named_by_checks(entry["zh"], entry["check"]), entry["zh"]


def test_committed_labels_name_the_seed_runs_topics():
    import yaml

    from wpanalysis import build
    from wpanalysis.segment import remove_stopwords, tokenize_items

    items = build.load_corpus(SEED_PROCESSED).items
    dtm = topics.topic_dtm(remove_stopwords(tokenize_items(topics.model_items(items))), min_df=3, max_share=0.3,
                           min_docs=2)
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    for key, block in data.items():
        model: TopicModel = topics.fit_topics(dtm, block["k"], key, seed=block["seed"])
        assert model.engine == block["engine"], key
        match = topics.match_topic_labels(LABELS, key, model)
        assert match.n_applied == len(block["topics"]), key
        assert match.table["topic"].tolist() == match.table["entry"].tolist(), key
        assert match.table["shared"].tolist() == [10] * len(block["topics"]), key
