"""Lexicon discovery: cohesive, free n-grams rank high; fragments and known words do not."""

from __future__ import annotations

import math

import pytest

from wpanalysis.discover import discover_terms, jieba_vocabulary

TEXTS = [
    "推进县管校聘改革。深化县管校聘管理。",
    "落实县管校聘政策,完善县管校聘机制。",
    "县管校聘工作取得成效,开展县管校聘试点。",
]


def test_whole_term_found_and_fragments_rejected():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, top=None)
    terms = out["term"].tolist()
    assert "县管校聘" in terms
    # "县管校" is always followed by 聘: its right entropy is 0, so it is not proposed
    assert "县管校" not in terms and "管校聘" not in terms


def test_scores_are_computed_as_documented():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, top=None).set_index("term")
    row = out.loc["县管校聘"]
    assert row["n"] == 6
    # six occurrences, each with a different left context (推进/深化 contexts or a run start)
    assert row["left_entropy"] > 1.0 and row["right_entropy"] > 1.0
    assert row["score"] == min(row["left_entropy"], row["right_entropy"]) * math.log(6)


def test_known_terms_are_left_out():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, known={"县管校聘"}, top=None)
    assert "县管校聘" not in out["term"].tolist()


def test_jieba_vocabulary_is_the_default_dictionary():
    vocab = jieba_vocabulary()
    assert len(vocab) > 300_000 and "教育" in vocab


def _reference(texts, min_count=5, min_len=2, max_len=6, min_pmi=1.0, min_entropy=1.0):
    """The definition, counted n-gram by n-gram in plain Python (what the vectorised code must equal)."""
    import re
    from collections import Counter, defaultdict

    runs = [m.group(0) for t in texts for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff]+", t)]
    counts = Counter(run[i:i + n] for run in runs for n in range(1, max_len + 1) for i in range(len(run) - n + 1))
    n_chars = sum(len(r) for r in runs)
    left, right, boundary = defaultdict(Counter), defaultdict(Counter), 0
    for run in runs:
        for n in range(min_len, max_len + 1):
            for i in range(len(run) - n + 1):
                g = run[i:i + n]
                if counts[g] < min_count:
                    continue
                boundary += 1
                left[g][run[i - 1] if i > 0 else f"<{boundary}>"] += 1
                right[g][run[i + n] if i + n < len(run) else f"<{boundary}>"] += 1

    def entropy(c):
        total = sum(c.values())
        return -sum(v / total * math.log(v / total) for v in c.values())

    out = {}
    for g in (g for g, c in counts.items() if min_len <= len(g) and c >= min_count):
        pmi = min(math.log((counts[g] / n_chars) / ((counts[g[:k]] / n_chars) * (counts[g[k:]] / n_chars)))
                  for k in range(1, len(g)))
        le, re_ = entropy(left[g]), entropy(right[g])
        if pmi >= min_pmi and le >= min_entropy and re_ >= min_entropy:
            out[g] = (counts[g], pmi, le, re_, min(le, re_) * math.log(counts[g]))
    return out


def test_vectorised_counts_equal_the_definition_on_generated_texts():
    import random

    rng = random.Random(7)
    pieces = ["县管校聘", "双减", "课后服务", "教育", "推进", "落实", "强化", "，", "。", "2024年"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(3, 30))) for _ in range(60)]
    for kwargs in ({"min_count": 3, "min_pmi": 0.0, "min_entropy": 0.0, "max_len": 4}, {"min_count": 5}):
        expected = _reference(texts, **kwargs)
        got = discover_terms(texts, top=None, **kwargs).set_index("term")
        assert set(got.index) == set(expected)
        for term, (n, pmi, le, re_, score) in expected.items():
            row = got.loc[term]
            assert row["n"] == n
            assert [row["min_pmi"], row["left_entropy"], row["right_entropy"], row["score"]] == pytest.approx(
                [pmi, le, re_, score], abs=1e-9)
        assert got["score"].is_monotonic_decreasing


def test_empty_and_tiny_inputs_give_an_empty_table():
    for texts in ([], [""], ["abc 123"], ["教"]):
        out = discover_terms(texts, min_count=1)
        assert out.empty and list(out.columns) == ["term", "n", "min_pmi", "left_entropy", "right_entropy", "score"]
