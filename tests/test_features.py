"""Features: frequencies, keyness (G² checked by hand), TF-IDF, DTM, co-occurrence."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.features import (
    cooccurrence,
    cooccurrence_graph,
    document_frequency,
    document_term_matrix,
    g2,
    keyness,
    term_frequency,
    tfidf_distinctive,
)


def _tokens(rows):
    """rows: list of (doc_id, item_seq, token)."""
    return pd.DataFrame(rows, columns=["doc_id", "item_seq", "token"])


TOY = _tokens([
    ("a", 1, "双减"), ("a", 1, "课后服务"), ("a", 2, "双减"), ("a", 2, "教师"),
    ("b", 1, "教师"), ("b", 1, "课后服务"), ("b", 2, "教师"), ("b", 2, "双减"), ("b", 2, "教师"),
])


def test_g2_matches_hand_computation():
    # 2×2 table: term in target 10, in reference 5; other tokens 990 and 1995.
    # Expected counts: E11 = 15*1000/3000 = 5, E12 = 10, E21 = 995, E22 = 1990.
    hand = 2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10) + 990 * math.log(990 / 995)
                + 1995 * math.log(1995 / 1990))
    assert g2(10, 5, 990, 1995) == pytest.approx(hand, rel=1e-12)
    assert hand == pytest.approx(6.96919, abs=1e-5)
    n = 3000
    q = 1 + (n / 15 + n / 2985 - 1) * (n / 1000 + n / 2000 - 1) / (6 * n)
    assert g2(10, 5, 990, 1995, "williams") == pytest.approx(hand / q)


def test_keyness_signs_bonferroni_and_log_ratio():
    target = pd.DataFrame({"token": ["双减"] * 30 + ["教师"] * 10 + ["其他"] * 60})
    reference = pd.DataFrame({"token": ["双减"] * 5 + ["教师"] * 30 + ["其他"] * 65})
    k = keyness(target, reference, min_count=1, correction="none").set_index("token")
    assert k.loc["双减", "g2"] > 0 > k.loc["教师", "g2"]
    assert k.loc["双减", "g2"] == pytest.approx(g2(30, 5, 70, 95))
    assert k.loc["双减", "log_ratio"] == pytest.approx(math.log2(30 / 5))
    assert (k["p_bonferroni"] == (k["p"] * 3).clip(upper=1)).all()
    assert bool(k.loc["双减", "significant"])


def test_term_frequency_per_group_and_rates():
    tf = term_frequency(TOY, by="doc_id")
    a = tf[tf.doc_id == "a"].set_index("token")
    assert a.loc["双减", "n"] == 2 and a.loc["双减", "total"] == 4
    assert a.loc["双减", "per_10k"] == pytest.approx(5000)
    assert tf.groupby("doc_id")["n"].sum().to_dict() == {"a": 4, "b": 5}


def test_document_frequency():
    df = document_frequency(TOY).set_index("token")
    assert df.loc["教师", "df"] == 2 and df.loc["教师", "share"] == 1.0
    items = document_frequency(TOY, unit=["doc_id", "item_seq"]).set_index("token")
    assert items.loc["教师", "df"] == 3


def test_dtm_rows_sorted_and_row_sums_equal_token_counts():
    dtm = document_term_matrix(TOY, unit=["doc_id", "item_seq"])
    assert dtm.rows.values.tolist() == [["a", 1], ["a", 2], ["b", 1], ["b", 2]]
    assert list(dtm.vocabulary) == sorted(set(TOY.token))
    assert np.asarray(dtm.matrix.sum(axis=1)).ravel().tolist() == [2, 2, 2, 3]
    pruned = document_term_matrix(TOY, unit="doc_id", max_share=0.5)
    assert list(pruned.vocabulary) == []  # every term is in both documents


def test_tfidf_distinctive_ranks():
    tf = tfidf_distinctive(TOY, top=2)
    assert tf.groupby("doc_id")["rank"].max().to_dict() == {"a": 2, "b": 2}
    assert tf[(tf.doc_id == "b") & (tf["rank"] == 1)]["token"].item() == "教师"


def test_cooccurrence_counts_and_graph():
    pairs = cooccurrence(TOY, min_count=1)
    row = pairs[(pairs.term_a == "双减") & (pairs.term_b == "教师")].iloc[0]
    assert row.n_units == 2  # items a/2 and b/2
    assert row.n_a == 3 and row.n_b == 3
    p_ab, p_a, p_b = 2 / 4, 3 / 4, 3 / 4
    assert row.npmi == pytest.approx(math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
    g = cooccurrence_graph(pairs, min_units=2)
    assert set(g.edges) == {("双减", "教师")} or set(g.edges) == {("教师", "双减")}


def test_streaming_item_dtm_equals_dtm_of_the_token_table():
    from wpanalysis.build import build_corpus
    from wpanalysis.features import item_dtm
    from wpanalysis.segment import remove_stopwords, tokenize_items

    items = build_corpus(SEED_REGISTRY, SEED_RAW).items.head(60)
    streamed = item_dtm(items, chunk_size=7, cache=False)
    whole = document_term_matrix(remove_stopwords(tokenize_items(items, cache=False)), unit=["doc_id", "item_seq"])
    assert streamed.shape == whole.shape
    assert (streamed.matrix != whole.matrix).nnz == 0
    assert list(streamed.vocabulary) == list(whole.vocabulary)
    assert streamed.rows.values.tolist() == whole.rows.values.tolist()


# --------------------------------------------------------------------------- vectorised = term by term


def _random_tokens(seed: int, n_docs: int = 5, n_items: int = 6, vocab: int = 25, size: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"doc_id": [f"d{i}" for i in rng.integers(0, n_docs, size)],
                         "item_seq": rng.integers(1, n_items + 1, size),
                         "token": [f"词{j:02d}" for j in rng.zipf(1.6, size) % vocab]})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_keyness_equals_g2_term_by_term(seed):
    tokens = _random_tokens(seed)
    target, reference = tokens[tokens["doc_id"] < "d2"], tokens[tokens["doc_id"] >= "d2"]
    k = keyness(target, reference, min_count=1).set_index("token")
    ct, cr = target["token"].value_counts(), reference["token"].value_counts()
    for token, row in k.iterrows():
        a, b = int(ct.get(token, 0)), int(cr.get(token, 0))
        value = g2(a, b, len(target) - a, len(reference) - b, "williams")
        assert abs(row["g2"]) == pytest.approx(value, rel=1e-12, abs=1e-12)
        assert (row["n_target"], row["n_reference"]) == (a, b)
        assert row["log_ratio"] == pytest.approx(math.log2(((a or 0.5) / len(target)) / ((b or 0.5) / len(reference))))
    assert k["g2"].is_monotonic_decreasing


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cooccurrence_equals_counting_pairs_item_by_item(seed):
    tokens = _random_tokens(seed, n_items=20)
    pairs = cooccurrence(tokens, min_count=2).set_index(["term_a", "term_b"])
    units = tokens.groupby(["doc_id", "item_seq"])["token"].apply(set)
    df = tokens.drop_duplicates(["doc_id", "item_seq", "token"])["token"].value_counts()
    keep = set(df[df >= 2].index)
    expected: dict[tuple[str, str], int] = {}
    for terms in units:
        chosen = sorted(terms & keep)
        for i, a in enumerate(chosen):
            for b in chosen[i + 1:]:
                expected[(a, b)] = expected.get((a, b), 0) + 1
    assert pairs["n_units"].to_dict() == expected
    (a, b), n_ab = next(iter(expected.items()))
    p_ab, p_a, p_b = n_ab / len(units), df[a] / len(units), df[b] / len(units)
    expected_npmi = 1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
    assert pairs.loc[(a, b), "npmi"] == pytest.approx(expected_npmi)


def test_tfidf_distinctive_equals_ranking_each_row():
    from sklearn.feature_extraction.text import TfidfTransformer

    tokens = _random_tokens(3)
    dtm = document_term_matrix(tokens)
    weights = TfidfTransformer().fit_transform(dtm.matrix).toarray()
    out = tfidf_distinctive(tokens, top=4)
    for i, doc in enumerate(dtm.rows["doc_id"]):
        ranked = sorted(((-w, t) for w, t in zip(weights[i], dtm.vocabulary) if w > 0))[:4]
        got = out[out["doc_id"] == doc]
        assert got["token"].tolist() == [t for _, t in ranked]
        assert got["tfidf"].tolist() == pytest.approx([-w for w, _ in ranked])
        assert got["rank"].tolist() == list(range(1, len(ranked) + 1))


# --------------------------------------------------------------------------- which plans a figure shows


def test_largest_documents_and_cloud_panels():
    from wpanalysis.features import cloud_panels, largest_documents

    tokens = pd.DataFrame({"doc_id": ["a"] * 1 + ["b"] * 3 + ["c"] * 2 + ["d"] * 3, "token": ["双减"] * 9})
    assert largest_documents(tokens) == ["b", "d", "c", "a"]  # ties by doc_id
    assert largest_documents(tokens, 2, order=["d", "c", "b", "a"]) == ["d", "b"]
    labels = {"a": "甲", "b": "乙", "c": "丙", "d": "丁"}
    every = cloud_panels(tokens, labels, max_panels=4, order=["a", "b", "c", "d"])
    assert list(every) == ["甲", "乙", "丙", "丁"]
    few = cloud_panels(tokens, labels, max_panels=3, order=["a", "b", "c", "d"])
    assert list(few) == ["乙", "丁", "其他 2 份"] and few["其他 2 份"] == {"双减": 3}


def test_key_terms_and_largest_of_each_group():
    from wpanalysis.features import key_terms, largest_of_each_group

    table = pd.DataFrame({"token": list("abcdef"), "g2": [9.0, 5.0, 5.0, -1.0, -6.0, -7.0],
                          "significant": [True, True, True, False, True, True]})
    assert key_terms(table, n=2)["token"].tolist() == ["a", "b", "f", "e"]
    assert key_terms(table, n=5, significant_only=False)["token"].tolist() == list("abcfed")
    members = pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"],
                            "n_tokens": [5, 5, 1]})
    assert largest_of_each_group(members) == ("a", "c")  # a tie goes to the first in registry order
    assert largest_of_each_group(members[members["group"] == "target"]) is None


def test_group_members_match_group_names_as_contrast_groups_returns_them():
    from wpanalysis.features import group_members

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2024, 2025, 2024]})
    tokens = pd.DataFrame({"doc_id": ["a", "b", "c"], "token": ["双减"] * 3})
    by_name = group_members(tokens, docs, "year", "2024", "2025")
    by_value = group_members(tokens, docs, "year", 2024, [2025])
    assert by_name[["group", "doc_id"]].values.tolist() == by_value[["group", "doc_id"]].values.tolist() == [
        ["target", "a"], ["target", "c"], ["reference", "b"]]
