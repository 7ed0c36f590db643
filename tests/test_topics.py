"""Topics: item DTM, coherence checked by hand, determinism, shares, stability, k rule, labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from wpanalysis import topics
from wpanalysis.plots import topics as topic_plots
from wpanalysis.segment import remove_stopwords, tokenize_items
from wpanalysis.topics import (
    choose_k,
    cosine_matrix,
    document_topic_shares,
    fit_seeds,
    fit_topics,
    heldout_perplexity,
    item_topics,
    jaccard_matrix,
    match_topics,
    model_items,
    model_summary,
    npmi_coherence,
    representative_items,
    sweep_k,
    topic_diversity,
    topic_dtm,
    topic_stability,
    topic_table,
    topic_terms,
    umass_coherence,
)


def _tokens(items):
    """items: {(doc_id, item_seq): [tokens]} → a minimal token table."""
    rows = [(d, s, t) for (d, s), toks in items.items() for t in toks]
    return pd.DataFrame(rows, columns=["doc_id", "item_seq", "token"])


# Four items; A = 双减, B = 作业, C = 课后服务, D = 教师.
HAND = _tokens({
    ("a", 1): ["双减", "作业", "课后服务"],
    ("a", 2): ["双减", "作业"],
    ("b", 1): ["双减", "课后服务"],
    ("b", 2): ["教师"],
})

# Three well-separated themes, 20 items each, spread over three plans.
THEMES = [
    ["双减", "作业", "课后服务", "校外培训"],
    ["教师", "编制", "职称", "师德"],
    ["安全", "校园", "防溺水", "食品"],
]


def _toy_corpus(n_per_theme: int = 20, length: int = 10, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    items = {}
    for t, words in enumerate(THEMES):
        for j in range(n_per_theme):
            items[(f"doc{j % 3}", t * 100 + j + 1)] = list(rng.choice(words, size=length))
    return _tokens(items)


@pytest.fixture(scope="module")
def toy_dtm():
    return topic_dtm(_toy_corpus(), min_df=1, max_share=1.0, min_docs=1)


# --------------------------------------------------------------------------- the matrix


def test_model_items_makes_the_outline_choice_explicit():
    items = pd.DataFrame({
        "doc_id": ["full", "full", "outline"], "item_seq": [1, 2, 1], "item_number": [1, 2, 1],
        "title": ["推进集团化办学", "落实双减", "强化体美劳教育"],
        "text": ["推进集团化办学。新建学校", "落实双减。作业管理", "强化体美劳教育"],
        "has_body": [True, True, False],
    })
    kept = model_items(items, "titles")
    assert kept["model_text"].tolist() == ["title+body", "title+body", "title"]
    assert kept.loc[2, "text"] == "强化体美劳教育"
    assert model_items(items, "exclude")["doc_id"].tolist() == ["full", "full"]
    with pytest.raises(ValueError, match="outline_items"):
        model_items(items, "bodies")  # type: ignore[arg-type]
    tokens = remove_stopwords(tokenize_items(kept, cache=False))
    assert set(tokens["doc_id"]) == {"full", "outline"}


def test_item_dtm_pruning_and_empty_rows():
    t = _tokens({
        ("a", 1): ["双减", "宁波", "推进"], ("a", 2): ["双减", "宁波", "推进"], ("a", 3): ["宁波"],
        ("b", 1): ["双减", "推进"], ("b", 2): ["推进", "教师"],
    })
    m = topic_dtm(t, min_df=2, max_share=0.7, min_docs=2)
    # 宁波: one plan only; 推进: in 4 of 5 items (> 0.7); 教师: one item; items a-3 and b-2 are left empty
    assert m.vocabulary.tolist() == ["双减"]
    assert list(zip(m.rows["doc_id"], m.rows["item_seq"])) == [("a", 1), ("a", 2), ("b", 1)]
    assert (np.asarray(m.matrix.sum(axis=1)).ravel() > 0).all()
    summary = topics.dtm_summary(t, m).set_index("measure")["value"]
    assert summary["items in the model"] == 3 and summary["terms kept"] == 1


# --------------------------------------------------------------------------- coherence by hand


def test_npmi_matches_hand_computation():
    dtm = topic_dtm(HAND, min_df=1, max_share=1.0, min_docs=1)
    # N = 4 items; df(A) = 3, df(B) = df(C) = 2; A&B in 2, A&C in 2, B&C in 1, A&D in 0.
    npmi_ab = math.log((2 / 4) / ((3 / 4) * (2 / 4))) / -math.log(2 / 4)  # log(4/3) / log 2
    npmi_bc = math.log((1 / 4) / ((2 / 4) * (2 / 4))) / -math.log(1 / 4)  # log 1 = 0
    assert npmi_ab == pytest.approx(0.415037, abs=1e-6) and npmi_bc == 0
    scores = npmi_coherence([["双减", "作业", "课后服务"], ["双减", "教师"]], dtm)
    assert scores[0] == pytest.approx((2 * npmi_ab + npmi_bc) / 3, rel=1e-12)
    assert scores[1] == -1.0  # never together


def test_umass_matches_hand_computation():
    dtm = topic_dtm(HAND, min_df=1, max_share=1.0, min_docs=1)
    # order B, C, A: log((D(C,B)+1)/D(B)) = log(2/2); log((D(A,B)+1)/D(B)) = log(3/2); log((D(A,C)+1)/D(C)) = log(3/2)
    expected = (math.log(2 / 2) + math.log(3 / 2) + math.log(3 / 2)) / 3
    scores = umass_coherence([["作业", "课后服务", "双减"], ["双减", "教师"]], dtm)
    assert scores[0] == pytest.approx(expected, rel=1e-12)
    assert scores[1] == pytest.approx(math.log(1 / 3), rel=1e-12)  # (0 + 1) / D(A) = 1/3


def test_coherence_rejects_unknown_terms():
    dtm = topic_dtm(HAND, min_df=1, max_share=1.0, min_docs=1)
    with pytest.raises(KeyError, match="职称"):
        npmi_coherence([["双减", "职称"]], dtm)


def test_topic_diversity():
    assert topic_diversity([["a", "b", "c"], ["c", "d", "e"]]) == pytest.approx(5 / 6)
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0


# --------------------------------------------------------------------------- models


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_same_seed_same_topics_and_proportions(toy_dtm, method):
    a = fit_topics(toy_dtm, 3, method, seed=3)
    b = fit_topics(toy_dtm, 3, method, seed=3)
    assert np.array_equal(a.topic_term, b.topic_term)
    assert np.array_equal(a.item_topic, b.item_topic)
    pd.testing.assert_frame_equal(item_topics(a), item_topics(b))
    pd.testing.assert_frame_equal(topic_terms(a), topic_terms(b))


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_topic_shares_sum_to_one_per_item(toy_dtm, method):
    model = fit_topics(toy_dtm, 3, method, seed=0)
    shares = item_topics(model)
    assert list(shares.columns) == ["doc_id", "item_seq", "topic", "share"]
    assert len(shares) == toy_dtm.shape[0] * 3
    per_item = shares.groupby(["doc_id", "item_seq"])["share"].sum()
    np.testing.assert_allclose(per_item.to_numpy(), 1.0, atol=1e-9)
    assert (shares["share"] >= 0).all()
    per_doc = document_topic_shares(model).groupby("doc_id")["share"].sum()
    np.testing.assert_allclose(per_doc.to_numpy(), 1.0, atol=1e-9)
    table = topic_table(model)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["share"].is_monotonic_decreasing  # topics numbered by corpus share
    assert table["n_items"].sum() == toy_dtm.shape[0]


def test_lda_recovers_the_toy_themes(toy_dtm):
    model = fit_topics(toy_dtm, 3, "lda", seed=1)  # seed 0 lands in a local optimum that merges two themes
    found = sorted(sorted(terms[:4]) for terms in topics.top_terms(model, 4))
    assert found == sorted(sorted(t) for t in THEMES)


def test_topic_terms_relevance(toy_dtm):
    model = fit_topics(toy_dtm, 3, "lda", seed=0)
    by_weight = topic_terms(model, n=5, lam=1.0)
    for _, g in by_weight.groupby("topic"):
        assert g["weight"].is_monotonic_decreasing
        np.testing.assert_allclose(g["relevance"], np.log(g["weight"]))
    rel = topic_terms(model, n=3, lam=0.6).iloc[0]
    p_w = model.term_share[list(model.vocabulary).index(rel["token"])]
    expected = 0.6 * math.log(rel["weight"]) + 0.4 * math.log(rel["weight"] / p_w)
    assert rel["relevance"] == pytest.approx(expected)
    assert list(by_weight.columns) == ["topic", "rank", "token", "weight", "relevance"]
    with pytest.raises(ValueError):
        topic_terms(model, lam=1.5)


def test_nmf_all_zero_item_gets_uniform_shares():
    assert topics._normalise_rows(np.array([[0.0, 0.0], [1.0, 3.0]])).tolist() == [[0.5, 0.5], [0.25, 0.75]]


# --------------------------------------------------------------------------- choosing k


def test_choose_k_rule():
    sweep = pd.DataFrame({"k": [3, 4, 5, 6], "npmi": [0.20, 0.1496, 0.1504, 0.14], "diversity": [0.7, 0.9, 0.85, 0.8]})
    assert choose_k(sweep) == 4  # k = 3 fails diversity; 0.1496 and 0.1504 tie at 3 decimals → smaller k
    assert choose_k(sweep, min_diversity=0.95) == 3  # nobody qualifies: all compete


def test_heldout_perplexity_is_deterministic(toy_dtm):
    a = heldout_perplexity(toy_dtm, 3, seed=1)
    assert a == heldout_perplexity(toy_dtm, 3, seed=1)
    assert 1.0 < a < toy_dtm.shape[1] * 2


def test_sweep_k_table_and_parallel_runs_agree(toy_dtm):
    one = sweep_k(toy_dtm, [2, 3], seeds=(0, 1))
    assert list(one.columns) == topics.SWEEP_COLUMNS
    assert one["k"].tolist() == [2, 3] and one["perplexity"].notna().all()
    pd.testing.assert_frame_equal(one, sweep_k(toy_dtm, [2, 3], seeds=(0, 1), n_jobs=2))
    assert sweep_k(toy_dtm, [3], method="nmf")["perplexity"].isna().all()


# --------------------------------------------------------------------------- stability


def test_jaccard_matrix_by_hand():
    jac = jaccard_matrix([["a", "b", "c"], ["d", "e", "f"]], [["d", "e", "x"], ["c", "b", "a"]])
    np.testing.assert_allclose(jac, [[0.0, 1.0], [0.5, 0.0]])  # {d,e} of {d,e,f,x}
    np.testing.assert_allclose(cosine_matrix(np.eye(2), np.array([[0.0, 2.0], [3.0, 0.0]])), [[0, 1], [1, 0]])


def _hand_model(topic_term, seed):
    vocab = np.array(list("abcdef"), dtype=object)
    rows = pd.DataFrame({"doc_id": ["d", "d"], "item_seq": [1, 2]})
    return topics.TopicModel("lda", len(topic_term), seed, np.asarray(topic_term, dtype=float),
                             np.full((2, len(topic_term)), 1 / len(topic_term)), rows, vocab, np.full(6, 1 / 6))


def test_topic_stability_by_hand():
    ref = _hand_model([[0.4, 0.3, 0.2, 0.1, 0, 0], [0, 0, 0.1, 0.2, 0.3, 0.4]], seed=0)  # top 3: abc, fed
    same = _hand_model([[0, 0, 0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1, 0, 0]], seed=1)  # the same, swapped
    moved = _hand_model([[0.4, 0.3, 0, 0.1, 0, 0.2], [0, 0, 0.1, 0.2, 0.3, 0.4]], seed=2)  # top 3: abf, fed
    stab = topic_stability([ref, same, moved], n_terms=3, threshold=0.75)
    # ref vs same: 1; ref vs moved: abc~abf = 2/4, fed~fed = 1 → 0.75 both ways; same vs moved: 0.75
    assert stab.pairs[["seed_a", "seed_b"]].values.tolist() == [[0, 1], [0, 2], [1, 2]]
    np.testing.assert_allclose(stab.pairs["jaccard"], [1.0, 0.75, 0.75])
    assert stab.topics["jaccard_mean"].tolist() == [0.75, 1.0]
    assert stab.topics["jaccard_min"].tolist() == [0.5, 1.0]
    assert stab.topics["stable"].tolist() == [True, True] and stab.n_stable == 2
    assert stab.mean_jaccard == pytest.approx(2.5 / 3)
    summary = stab.summary().set_index("measure")["value"]
    assert summary["runs (seeds)"] == "3 (0, 1, 2)" and summary["stable topics (Jaccard ≥ 0.75)"] == "2 of 2"


def test_refits_of_separated_themes_are_stable(toy_dtm):
    models = fit_seeds(toy_dtm, 3, seeds=range(1, 6))
    stab = topic_stability(models, n_terms=4)
    assert stab.mean_jaccard == 1.0 and stab.n_stable == 3
    assert stab.mean_cosine > 0.95
    matched = match_topics(models[0], fit_topics(toy_dtm, 3, "nmf"), n_terms=4)
    assert matched["jaccard"].tolist() == [1.0, 1.0, 1.0]
    assert sorted(matched["topic_b"]) == [1, 2, 3]
    summary = model_summary({"LDA": models[0]}, toy_dtm, n_terms=4)
    assert summary.loc[0, "diversity"] == 1.0


# --------------------------------------------------------------------------- reading the topics


def test_representative_items_and_labels(toy_dtm, tmp_path):
    model = fit_topics(toy_dtm, 3, "lda", seed=0)
    items = pd.DataFrame({"doc_id": model.rows["doc_id"], "item_seq": model.rows["item_seq"],
                          "title": "标题", "text": "很长的条目正文" * 5})
    rep = representative_items(model, items, n=2, max_chars=10, doc_names={"doc0": "甲市 2024"})
    assert list(rep.columns) == ["topic", "rank", "document", "item_seq", "share", "title", "text"]
    assert rep.groupby("topic")["rank"].apply(list).tolist() == [[1, 2]] * 3
    assert (rep.groupby("topic")["share"].diff().dropna() <= 0).all()
    assert rep["text"].str.len().max() == 11 and rep["text"].iloc[0].endswith("…")



def _labels_file(path, entries, key="lda"):
    lines = [f"{key}:", "  k: 3", "  seed: 0", "  topics:"]
    for n, (zh, terms, check) in entries.items():
        lines.append(f"    {n}: {{zh: {zh}, en: {zh}-en, terms: [{', '.join(terms)}], check: [{', '.join(check)}]}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_labels_match_topics_by_their_terms_not_their_numbers(toy_dtm, tmp_path):
    model = fit_topics(toy_dtm, 3, "lda", seed=1)
    current = topics.top_terms(model, 4)  # by weight: what the rule compares
    third, first = "与".join(current[2][:2]), current[0][0]
    path = _labels_file(tmp_path / "labels.yaml", {
        1: (third, current[2], current[2][:2]),          # written as topic 1, now topic 3
        2: ("不存在", ["不存在", "也不存在", "还是没有", "没有"], ["不存在"]),  # a topic that is gone
        3: (first, current[0][:2] + ["甲", "乙"], [first]),   # 2 of 4 terms, its check term
    })
    match = topics.match_topic_labels(path, "lda", model, n_terms=4)
    assert match.labels == {3: {"zh": third, "en": f"{third}-en"}, 1: {"zh": first, "en": f"{first}-en"}}
    assert list(match.labels) == [1, 3]
    assert match.table.columns.tolist() == topics.LABEL_COLUMNS
    assert match.table["applied"].tolist() == [True, False, True] and match.n_applied == 2
    assert match.table["shared"].tolist()[::2] == [4, 2]
    table = topic_table(model, match.labels, n_terms=4)
    assert table["label"].tolist() == [first, "·".join(current[1][:3]), third]
    assert table["labelled"].tolist() == [True, False, True]
    assert topics.load_topic_labels(path, "lda", model, n_terms=4) == match.labels
    assert topics.topic_names(model, match.labels)[2] == "·".join(current[1][:3])


def test_a_label_naming_more_than_its_check_terms_never_applies(toy_dtm, tmp_path):
    model = fit_topics(toy_dtm, 3, "lda", seed=1)
    current = topics.top_terms(model, 4)
    path = _labels_file(tmp_path / "labels.yaml", {1: (f"{current[0][0]}与甲乙丙", current[0], [current[0][0]])})
    match = topics.match_topic_labels(path, "lda", model, n_terms=4)
    assert match.labels == {} and match.table["named_by_checks"].tolist() == [False]


def test_labels_need_all_their_check_terms_and_one_topic_each(toy_dtm, tmp_path):
    model = fit_topics(toy_dtm, 3, "lda", seed=1)
    current = topics.top_terms(model, 4)
    path = _labels_file(tmp_path / "labels.yaml", {
        1: (current[0][0], current[0], ["甲", current[0][0]]),  # all terms, but 1 of 2 check terms
        2: (current[1][0], current[1], current[1][:1]),
        3: (current[1][0], current[1], current[1][:1]),          # the same topic again: only one label gets it
    })
    match = topics.match_topic_labels(path, "lda", model, n_terms=4)
    assert match.labels == {2: {"zh": current[1][0], "en": f"{current[1][0]}-en"}}
    assert match.table["applied"].tolist() == [False, True, False]


def test_labels_from_a_missing_file_or_block(toy_dtm, tmp_path):
    model = fit_topics(toy_dtm, 3, "lda", seed=0)
    missing = topics.match_topic_labels(tmp_path / "no.yaml", "lda", model)
    assert missing.labels == {} and not missing.found and missing.table.empty and missing.n_applied == 0
    path = _labels_file(tmp_path / "labels.yaml", {1: ("甲", ["a"], ["a"])})
    assert not topics.match_topic_labels(path, "nmf", model).found


def test_label_template_round_trips(toy_dtm, tmp_path):
    import yaml

    model = fit_topics(toy_dtm, 3, "lda", seed=1)
    text = topics.label_template({"lda": model}, n_terms=4)
    data = yaml.safe_load(text)
    assert data["lda"]["k"] == 3 and len(data["lda"]["topics"]) == 3
    assert data["lda"]["topics"][1]["terms"] == topics.top_terms(model, 4)[0]
    assert topics.match_topic_labels(tmp_path / "x.yaml", "lda", model).labels == {}
    term = data["lda"]["topics"][1]["terms"][0]
    filled = text.replace('zh: ""', f"zh: {term}", 1).replace("check: []", f"check: [{term}]", 1)
    (tmp_path / "filled.yaml").write_text(filled, encoding="utf-8")
    assert topics.load_topic_labels(tmp_path / "filled.yaml", "lda", model, n_terms=4) == {1: {"zh": term, "en": ""}}


# --------------------------------------------------------------------------- cost of the sweep


def test_sample_items_is_seeded_and_drops_absent_terms(toy_dtm):
    assert topics.sample_items(toy_dtm, None) is toy_dtm and topics.sample_items(toy_dtm, 60) is toy_dtm
    a, b = topics.sample_items(toy_dtm, 5, seed=3), topics.sample_items(toy_dtm, 5, seed=3)
    assert a.shape[0] == 5 and a.rows.equals(b.rows) and (a.matrix != b.matrix).nnz == 0
    assert (np.asarray(a.matrix.sum(axis=0)).ravel() > 0).all()
    assert set(a.vocabulary) <= set(toy_dtm.vocabulary)
    keys = list(zip(a.rows["doc_id"], a.rows["item_seq"]))
    assert keys == sorted(keys, key=lambda r: list(zip(toy_dtm.rows["doc_id"], toy_dtm.rows["item_seq"])).index(r))


def test_usable_ks_and_too_common_terms():
    assert topics.usable_ks([2, 3, 10, 50], n_items=100, n_terms=40) == [2, 3, 10]
    assert topics.usable_ks([1, 3], n_items=100, n_terms=2) == []
    t = _tokens({("a", 1): ["推进", "双减"], ("a", 2): ["推进"], ("b", 1): ["推进", "教师"], ("b", 2): ["双减"]})
    common = topics.too_common_terms(t, max_share=0.5)
    assert common.values.tolist() == [["推进", 3, 0.75]]
    kept = set(topic_dtm(t, min_df=1, max_share=0.5, min_docs=1).vocabulary)
    assert kept.isdisjoint(common["token"]) and topics.too_common_terms(t, 1.0).empty


def _pixels(fig) -> tuple[float, float]:
    """The figure's size at the 300-dpi save, in pixels (tight bounding box)."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.width * 300, box.height * 300


def test_figures(toy_dtm):
    import matplotlib.pyplot as plt

    sweep = sweep_k(toy_dtm, [2, 3])
    fig = topic_plots.plot_k_sweep(sweep, chosen_k=3, min_diversity=0.8, n_plans=3, n_items=60, n_fit=40,
                                   language="zh")
    title = fig._suptitle.get_text()
    assert len(fig.axes) == 4 and "k = 3" in title and "N = 3 份" in title and "随机抽样 40 / 60 条" in title
    assert max(_pixels(fig)) < 4000
    plt.close(fig)
    fig = topic_plots.plot_k_sweep(sweep, chosen_k=3, min_diversity=0.8, n_plans=3, n_items=60, n_fit=40)
    title = fig._suptitle.get_text()
    assert "N = 3 plans" in title and "random sample of 40 / 60 items" in title and "chosen k = 3" in title
    plt.close(fig)
    model = fit_topics(toy_dtm, 3, "lda", seed=0)
    shares = document_topic_shares(model)
    fig = topic_plots.plot_document_topics(shares, {1: "减负"}, {"doc1": "乙市", "doc0": "甲市"}, language="zh")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙市", "甲市", "doc2"]
    assert ax.get_xticklabels()[0].get_text() == "1\n减负" and ax.get_xticklabels()[1].get_text() == "2\n主题 2"
    assert "N = 3 份" in ax.get_title()
    plt.close(fig)
    fig = topic_plots.plot_document_topics(shares, {1: "减负"}, {"doc1": "乙市", "doc0": "甲市"})
    ax = fig.axes[0]
    assert ax.get_xticklabels()[1].get_text() == "2\ntopic 2" and "N = 3 plans" in ax.get_title()
    plt.close(fig)


@pytest.mark.parametrize("n_docs, k", [(30, 12), (180, 5), (3000, 20)])
def test_document_topics_figure_scales(n_docs, k):
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    rng = np.random.default_rng(0)
    shares = rng.dirichlet(np.ones(k), size=n_docs)
    table = pd.DataFrame({"doc_id": np.repeat([f"plan_{i:04d}" for i in range(n_docs)], k),
                          "topic": np.tile(np.arange(1, k + 1), n_docs), "share": shares.ravel()})
    names = {t: "很长的主题名称" * 3 for t in range(1, k + 1)}
    fig = topic_plots.plot_document_topics(table, names, max_plans=30, language="zh")
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    ax = fig.axes[0]
    assert f"N = {n_docs:,} 份" in ax.get_title()
    if n_docs > 30:  # a distribution: one row per topic, one colour
        assert len(ax.get_yticklabels()) == k
        colours = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()}
        assert len(colours) <= 8
    else:
        assert len(ax.get_yticklabels()) == n_docs
    plt.close(fig)
