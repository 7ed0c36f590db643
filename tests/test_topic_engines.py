"""Topic engines: the switch, determinism, the fold-in by hand, the held-out split, the cache, the rule at large N."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from wpanalysis import topic_engines, topics
from wpanalysis.topic_engines import FixedTopics, fold_in, halve_tokens, log_likelihood, sweep_plan

THEMES = [["双减", "作业", "课后服务", "校外培训"], ["教师", "编制", "职称", "师德"],
          ["安全", "校园", "防溺水", "食品"]]


def _toy_tokens(n_per_theme: int = 20, length: int = 10, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [(f"doc{j % 3}", t * 100 + j + 1, w) for t, words in enumerate(THEMES) for j in range(n_per_theme)
            for w in rng.choice(words, size=length)]
    return pd.DataFrame(rows, columns=["doc_id", "item_seq", "token"])


@pytest.fixture(scope="module")
def toy_dtm():
    return topics.topic_dtm(_toy_tokens(), min_df=1, max_share=1.0, min_docs=1)


def _themes_found(model):
    return sorted(sorted(t[:4]) for t in topics.top_terms(model, 4))


# --------------------------------------------------------------------------- the switch


def test_default_engine_is_tomotopy_and_sklearn_is_a_switch(toy_dtm):
    default = topics.fit_topics(toy_dtm, 3, seed=1)
    assert default.engine == "tomotopy" == topic_engines.DEFAULT_ENGINE
    assert isinstance(default.estimator, FixedTopics)
    assert _themes_found(default) == sorted(sorted(t) for t in THEMES)
    sk = topics.fit_topics(toy_dtm, 3, seed=1, engine="sklearn")
    assert sk.engine == "sklearn" and type(sk.estimator).__name__ == "LatentDirichletAllocation"
    assert _themes_found(sk) == sorted(sorted(t) for t in THEMES)
    for m in (default, sk):  # the same TopicModel contract whatever the engine
        np.testing.assert_allclose(m.topic_term.sum(axis=1), 1.0)
        np.testing.assert_allclose(m.item_topic.sum(axis=1), 1.0)
        assert m.item_topic.shape == (toy_dtm.shape[0], 3)
        assert (np.diff(m.item_topic.mean(axis=0)) <= 0).all()  # topics numbered by corpus share
    assert topics.fit_topics(toy_dtm, 3, "nmf").engine == "sklearn"


def test_engine_settings_are_checked(toy_dtm):
    with pytest.raises(ValueError, match="engine must be one of"):
        topics.fit_topics(toy_dtm, 3, engine="mallet")
    with pytest.raises(ValueError, match=r"\['max_iter'\] are not settings of the 'tomotopy' engine"):
        topics.fit_topics(toy_dtm, 3, engine="tomotopy", max_iter=50)
    fewer = topics.fit_topics(toy_dtm, 3, seed=1, iterations=20)
    assert fewer.info["iterations"] == 20


def test_engine_facts_name_library_inference_and_fit(toy_dtm):
    facts = topic_engines.engine_facts(topics.fit_topics(toy_dtm, 3, seed=0)).set_index("measure")["value"]
    assert facts["engine"] == "tomotopy" and facts["inference"] == "collapsed Gibbs sampling"
    assert facts["library and version"].startswith("tomotopy 0.14.0 (") and facts["iterations"] == 200
    assert facts["SIMD path"] == topic_engines.TOMOTOPY_ISA and facts["threads"] == 1
    assert facts["document–topic prior α"] == pytest.approx(1 / 3, abs=1e-4)
    assert -3.0 < facts["log-likelihood per token (all items, θ·φ)"] < 0
    sk = topic_engines.engine_facts(topics.fit_topics(toy_dtm, 3, engine="sklearn")).set_index("measure")["value"]
    assert sk["inference"] == "batch variational Bayes" and sk["library and version"].startswith("scikit-learn ")
    assert "SIMD path" not in sk.index


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_model_and_other_seeds_differ(toy_dtm):
    a, b = topics.fit_topics(toy_dtm, 3, seed=4), topics.fit_topics(toy_dtm, 3, seed=4)
    assert np.array_equal(a.topic_term, b.topic_term) and np.array_equal(a.item_topic, b.item_topic)
    # separated themes end in the same state from any seed; after 3 sweeps the seeds still show
    early = [topics.fit_topics(toy_dtm, 3, seed=s, iterations=3).topic_term for s in (4, 4, 5)]
    assert np.array_equal(early[0], early[1]) and not np.array_equal(early[0], early[2])
    one = topics.fit_seeds(toy_dtm, 3, [4, 5])
    two = topics.fit_seeds(toy_dtm, 3, [4, 5], n_jobs=2)
    assert all(np.array_equal(x.topic_term, y.topic_term) for x, y in zip(one, two))
    assert np.array_equal(one[0].item_topic, a.item_topic)


def test_a_fresh_process_fits_the_same_topics(toy_dtm, tmp_path):
    """What nbval sees on a fresh machine: a new interpreter, tomotopy imported by the package."""
    model = topics.fit_topics(toy_dtm, 3, seed=2)
    script = ("import json, sys; import pandas as pd; from wpanalysis import topics; "
              "t = pd.read_csv(sys.argv[1]); d = topics.topic_dtm(t, 1, 1.0, 1); "
              "m = topics.fit_topics(d, 3, seed=2); print(json.dumps([m.topic_term.tolist(), m.info['isa']]))")
    _toy_tokens().to_csv(tmp_path / "t.csv", index=False)
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}  # no TOMOTOPY_ISA: the package chooses
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "t.csv")], env=env, check=True,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    other, isa = json.loads(out.stdout.strip().splitlines()[-1])
    assert isa == topic_engines.TOMOTOPY_ISA == model.info["isa"]
    assert np.array_equal(np.array(other), model.topic_term)


# --------------------------------------------------------------------------- fold-in and held-out fit


def test_fold_in_by_hand():
    # disjoint topics: every token of topic 1 is explained by topic 1 alone, so the fixed point is
    # θ = ((α + n) / (2α + n), α / (2α + n)) = (4.5 / 5, 0.5 / 5) for n = 4, α = 0.5
    phi = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    theta = fold_in(phi, sparse.csr_matrix([[3.0, 1.0, 0.0], [0.0, 0.0, 0.0]]), alpha=0.5)
    np.testing.assert_allclose(theta, [[0.9, 0.1], [0.5, 0.5]], atol=1e-6)
    # a row's shares do not depend on the other rows it is folded in with
    rng = np.random.default_rng(0)
    counts = sparse.csr_matrix(rng.poisson(0.7, size=(30, 6)).astype(float))
    phi = rng.dirichlet(np.ones(6), size=3)
    np.testing.assert_array_equal(fold_in(phi, counts, 0.3)[5:9], fold_in(phi, counts[5:9], 0.3))
    assert log_likelihood(np.array([[0.9, 0.1]]), np.array([[0.5, 0.5, 0], [0, 0, 1]]),
                          sparse.csr_matrix([[2.0, 0, 1.0]])) == pytest.approx((2 * np.log(0.45) + np.log(0.1)) / 3)


def test_tomotopy_shares_are_the_fold_in_so_projection_reproduces_them(toy_dtm):
    model = topics.fit_topics(toy_dtm, 3, seed=1)
    counts = toy_dtm.matrix.astype(float)
    order = [int(np.abs(model.estimator.components_ - row).sum(axis=1).argmin()) for row in model.topic_term]
    np.testing.assert_allclose(model.estimator.transform(counts)[:, order], model.item_topic, atol=1e-12)


def test_halves_keep_every_token_and_differ_by_at_most_one():
    counts = sparse.csr_matrix(np.array([[3, 0, 2], [1, 0, 0], [0, 4, 4]], dtype=float))
    a, b = halve_tokens(counts, seed=0)
    np.testing.assert_array_equal((a + b).toarray(), counts.toarray())
    sizes = np.c_[np.asarray(a.sum(axis=1)).ravel(), np.asarray(b.sum(axis=1)).ravel()]
    assert sizes.tolist() == [[3, 2], [1, 0], [4, 4]]
    c, _ = halve_tokens(counts, seed=0)
    assert (a != c).nnz == 0


def test_heldout_fit_is_the_same_procedure_for_both_engines(toy_dtm):
    for engine in topic_engines.ENGINES:
        fit = topic_engines.heldout_fit(toy_dtm, 3, seed=1, engine=engine)
        assert fit == topic_engines.heldout_fit(toy_dtm, 3, seed=1, engine=engine)
        assert fit["perplexity"] == pytest.approx(np.exp(-fit["ll_per_token"]))
        assert 3.0 < fit["perplexity"] < 6.0  # 4 equally likely terms per theme: about 4 if θ is right
    assert topics.heldout_perplexity(toy_dtm, 3, seed=1) == topic_engines.heldout_fit(toy_dtm, 3, 1)["perplexity"]


# --------------------------------------------------------------------------- cache


def test_dtm_hash_follows_counts_vocabulary_and_rows(toy_dtm):
    h = topic_engines.dtm_hash(toy_dtm)
    assert h == topic_engines.dtm_hash(topics.topic_dtm(_toy_tokens(), 1, 1.0, 1))
    changed = toy_dtm.matrix.copy()
    changed[0, 0] += 1
    assert h != topic_engines.dtm_hash(topics.DocumentTermMatrix(changed, toy_dtm.rows, toy_dtm.vocabulary))
    rows = toy_dtm.rows.assign(item_seq=toy_dtm.rows["item_seq"] + 1)
    assert h != topic_engines.dtm_hash(topics.DocumentTermMatrix(toy_dtm.matrix, rows, toy_dtm.vocabulary))


def test_fit_cache_hit_miss_and_corruption(toy_dtm, tmp_path, monkeypatch):
    first = topics.fit_topics(toy_dtm, 3, seed=1, cache_dir=tmp_path)
    files = sorted(tmp_path.glob("fit-*.pkl"))
    assert len(files) == 1 and not list(tmp_path.glob("*.tmp"))

    def refuse(*args, **kwargs):
        raise AssertionError("refitted although cached")

    real_fit = topics._fit
    monkeypatch.setattr(topics, "_fit", refuse)
    again = topics.fit_topics(toy_dtm, 3, seed=1, cache_dir=tmp_path)  # hit: read, not refitted
    assert np.array_equal(again.topic_term, first.topic_term) and again.info == first.info
    with pytest.raises(AssertionError, match="refitted"):  # another seed is another key: a miss
        topics.fit_topics(toy_dtm, 3, seed=2, cache_dir=tmp_path)
    monkeypatch.setattr(topics, "_fit", real_fit)
    files[0].write_bytes(b"not a pickle")
    with pytest.warns(RuntimeWarning, match=r"fit-.*\.pkl: unreadable topic-model cache entry"):
        fixed = topics.fit_topics(toy_dtm, 3, seed=1, cache_dir=tmp_path)
    assert np.array_equal(fixed.topic_term, first.topic_term)
    assert np.array_equal(topic_engines.cached(tmp_path, files[0].stem, refuse).topic_term, first.topic_term)


def test_sweep_cache_reads_an_unchanged_sweep(toy_dtm, tmp_path, monkeypatch):
    sweep = topics.sweep_k(toy_dtm, [2, 3], seeds=(0, 1), cache_dir=tmp_path, n_jobs=2)
    assert len(list(tmp_path.glob("sweep-*.pkl"))) == 4

    def refuse(*args, **kwargs):
        raise AssertionError("recomputed although cached")

    monkeypatch.setattr(topics, "_sweep_one", refuse)
    pd.testing.assert_frame_equal(sweep, topics.sweep_k(toy_dtm, [2, 3], seeds=(0, 1), cache_dir=tmp_path))
    with pytest.raises(AssertionError, match="recomputed"):
        topics.sweep_k(toy_dtm, [2, 3], seeds=(0, 1), cache_dir=tmp_path, engine="sklearn")


# --------------------------------------------------------------------------- the rule at large N


def test_sweep_plan_rule():
    small = sweep_plan(900, 400)
    assert (small.sweep_items, small.sampled, small.sweep_seeds) == (900, False, [0, 1, 2])
    assert small.ks == list(range(3, 11))
    assert small.stability_seeds == [0, 1, 2, 3, 4] and small.n_fits == 8 * 4 + 5
    large = sweep_plan(27396, 6688, first_seed=7)
    assert large.sweep_items == 5000 and large.sampled and large.stability_seeds == [7, 8, 9]
    assert sweep_plan(20000, 6688).stability_seeds == [0, 1, 2, 3, 4]
    assert sweep_plan(45, 200).ks == [3, 4] and sweep_plan(45, 3).ks == [3]
    assert sweep_plan(10, 5).ks == []
    table = large.table().set_index("measure")["value"]
    assert table["items the k sweep fits"] == 5000 and table["k tried"] == "3, 4, 5, 6, 7, 8, 9, 10"
